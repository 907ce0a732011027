package org.vpsconnector.application.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.vpsconnector.application.TaskFailures;

/**
 * Runs blocking calls to one backend with a deadline. A call that passes its deadline is
 * abandoned: its caller gets a transient {@link BackendException} and the call's thread is
 * interrupted, which frees it unless the call ignores interrupts (a native call stuck in a
 * daemon that never answers). Such threads are few and counted: while {@code maxCalls} calls
 * are under way, new calls are refused at once instead of piling up threads without bound.
 */
public final class BoundedCalls implements AutoCloseable {
    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int ENDED = 2;
    private static final int ABANDONED = 3;

    private final String backend;
    private final Duration timeout;
    private final int maxCalls;
    private final ThreadPoolExecutor threads;
    private final Semaphore underWay;
    private final AtomicInteger abandoned = new AtomicInteger();
    private final LogContext logContext;
    private final BackendCallObserver observer;

    /**
     * @param backend  names the backend in failure messages and thread names
     * @param timeout  how long one call may take
     * @param maxCalls calls under way at once, abandoned ones still blocked included
     */
    public BoundedCalls(String backend, Duration timeout, int maxCalls) {
        this(backend, timeout, maxCalls, LogContext.NONE);
    }

    /**
     * @param logContext carries the caller's log marks to the thread that makes the call, so the
     *                   lines a backend writes there tell whose work it was
     */
    public BoundedCalls(String backend, Duration timeout, int maxCalls, LogContext logContext) {
        this(backend, timeout, maxCalls, logContext, BackendCallObserver.NONE);
    }

    /** @param observer is told how long each named call took and how it ended */
    public BoundedCalls(String backend, Duration timeout, int maxCalls, LogContext logContext, BackendCallObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.logContext = Objects.requireNonNull(logContext, "logContext");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the call timeout must be positive, got " + timeout);
        }
        if (maxCalls < 1) {
            throw new IllegalArgumentException("at least one call must be allowed, got " + maxCalls);
        }
        this.maxCalls = maxCalls;
        this.underWay = new Semaphore(maxCalls);
        AtomicInteger serial = new AtomicInteger();
        // As many threads as permits: a call that holds a permit never waits for a thread.
        this.threads = new ThreadPoolExecutor(maxCalls, maxCalls, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, backend + "-call-" + serial.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.threads.allowCoreThreadTimeOut(true);
    }

    public Duration timeout() {
        return timeout;
    }

    /** Runs {@code call} within the timeout; {@code action} says what it was for, in the failure message. */
    public <T> T call(String action, Callable<T> call) {
        return bounded(action, call);
    }

    /**
     * Like {@link #call(String, Callable)}, and tells the observer how the call named {@code name}
     * ({@code create}, {@code inspect}, …) ended and how long its caller waited.
     */
    public <T> T call(String name, String action, Callable<T> call) {
        long started = System.nanoTime();
        BackendCallObserver.Outcome outcome = BackendCallObserver.Outcome.FAILED;
        try {
            T result = attempt(action, call);
            outcome = BackendCallObserver.Outcome.SUCCEEDED;
            return result;
        } catch (Refused refused) {
            outcome = BackendCallObserver.Outcome.REFUSED;
            throw refused.failure;
        } catch (TimedOut late) {
            outcome = BackendCallObserver.Outcome.TIMED_OUT;
            throw late.failure;
        } finally {
            observer.ended(name, Duration.ofNanos(System.nanoTime() - started), outcome);
        }
    }

    public void run(String name, String action, Runnable call) {
        call(name, action, () -> {
            call.run();
            return null;
        });
    }

    /** Calls under way now, abandoned ones whose threads are still blocked included. */
    public int callsUnderWay() {
        return maxCalls - underWay.availablePermits();
    }

    public int maxCalls() {
        return maxCalls;
    }

    private <T> T bounded(String action, Callable<T> call) {
        try {
            return attempt(action, call);
        } catch (Refused refused) {
            throw refused.failure;
        } catch (TimedOut late) {
            throw late.failure;
        }
    }

    /** Throws {@link Refused} and {@link TimedOut}, which carry the failure the caller gets, so that they can be told apart. */
    private <T> T attempt(String action, Callable<T> call) {
        if (!underWay.tryAcquire()) {
            throw new Refused(BackendException.transientFailure("the " + backend + " backend has " + maxCalls
                    + " calls under way that did not end; refusing to " + action + " until they do", null));
        }
        AtomicInteger state = new AtomicInteger(WAITING);
        Callable<T> marked = logContext.carry(call);
        Future<T> future;
        try {
            future = threads.submit(() -> {
                if (!state.compareAndSet(WAITING, RUNNING)) {
                    return null;
                }
                try {
                    return marked.call();
                } finally {
                    if (!state.compareAndSet(RUNNING, ENDED)) {
                        abandoned.decrementAndGet();
                    }
                    underWay.release();
                }
            });
        } catch (RejectedExecutionException closed) {
            underWay.release();
            throw new Refused(BackendException.transientFailure("the " + backend + " backend is closed; cannot " + action, closed));
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            abandon(future, state);
            throw new TimedOut(BackendException.transientFailure("the " + backend + " backend did not answer within "
                    + timeout.toMillis() + " ms while trying to " + action, late));
        } catch (InterruptedException interrupted) {
            abandon(future, state);
            Thread.currentThread().interrupt();
            throw BackendException.transientFailure("interrupted while waiting for the " + backend
                    + " backend to " + action, interrupted);
        } catch (ExecutionException failed) {
            throw TaskFailures.unwrapped(failed, "unexpected checked failure while trying to " + action);
        }
    }

    public void run(String action, Runnable call) {
        call(action, () -> {
            call.run();
            return null;
        });
    }

    /** Calls abandoned after their deadline whose threads are still blocked in the backend. */
    public int abandonedCalls() {
        return abandoned.get();
    }

    private void abandon(Future<?> future, AtomicInteger state) {
        if (state.compareAndSet(RUNNING, ABANDONED)) {
            abandoned.incrementAndGet();
        } else if (state.compareAndSet(WAITING, ABANDONED)) {
            underWay.release();
        }
        future.cancel(true);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** A call not made; carries the failure its caller gets. */
    private static final class Refused extends RuntimeException {
        final BackendException failure;

        Refused(BackendException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    /** A call abandoned at its deadline; carries the failure its caller gets. */
    private static final class TimedOut extends RuntimeException {
        final BackendException failure;

        TimedOut(BackendException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
