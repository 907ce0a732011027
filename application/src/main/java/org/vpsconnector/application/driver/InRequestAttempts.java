package org.vpsconnector.application.driver;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.vpsconnector.application.TaskFailures;
import org.vpsconnector.application.port.out.LogContext;

/**
 * Runs the work done within a controller's request on threads of its own, so that the request
 * waits at most its budget: work that takes longer goes on after the request was answered. The
 * threads are bounded; when all are busy new work is refused at once.
 */
final class InRequestAttempts {
    private final ThreadPoolExecutor threads;
    private final LogContext logContext;

    /** {@code logContext} carries the request's log marks to the thread that does its work. */
    InRequestAttempts(int maxAttempts, LogContext logContext) {
        this.logContext = logContext;
        AtomicInteger serial = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, maxAttempts, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "in-request-attempt-" + serial.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The result of {@code work} if it ends within {@code budget}; empty when it is still under
     * way (it goes on) or the calling thread was interrupted. At the budget the request stops
     * waiting unless {@code waiting} says an outcome is being recorded for it: then it waits for
     * that outcome, which it answers with.
     *
     * @throws RejectedExecutionException when every thread is busy: the work was not started
     */
    <T> Optional<T> within(Duration budget, Callable<T> work, WaitingRequest waiting) {
        Future<T> future = threads.submit(logContext.carry(work));
        try {
            try {
                return Optional.of(future.get(Math.max(0, budget.toNanos()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException stillRunning) {
                return waiting.stopWaiting() ? Optional.empty() : Optional.of(future.get());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            waiting.stopWaiting();
            return Optional.empty();
        } catch (ExecutionException failed) {
            throw TaskFailures.unwrapped(failed, "unexpected checked failure of work done within a request");
        }
    }
}
