package org.vpsconnector.application.port.out;

import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Marks the log lines written on the current thread with the APS transaction and application
 * instance whose work they are about, so that an operator can follow one controller request
 * through the answer, the operation it started and the updates sent back.
 *
 * <p>Work handed to another thread takes the marks along with {@link #carry(Callable)} or
 * {@link #carry(Runnable)}: every pool that runs a request's or an operation's work wraps its tasks so.
 */
public interface LogContext {

    /** A context that marks nothing: for tests and tools that have no log to mark. */
    LogContext NONE = (transactionId, instanceId) -> () -> { };

    /**
     * Marks this thread's log lines with {@code transactionId} (may be null) and {@code instanceId}
     * (may be null) until the returned scope is closed; the marks the thread had before come back then.
     */
    Scope open(String transactionId, UUID instanceId);

    /** The marks of this thread now, to put on another thread; a context that cannot tell carries none. */
    default Marks current() {
        return () -> () -> { };
    }

    /** {@code work} as it runs on any thread: with the marks this thread has now, and that thread's own afterwards. */
    default <T> Callable<T> carry(Callable<T> work) {
        Marks marks = current();
        return () -> {
            try (Scope carried = marks.restore()) {
                return work.call();
            }
        };
    }

    /** {@code work} as it runs on any thread: with the marks this thread has now, and that thread's own afterwards. */
    default Runnable carry(Runnable work) {
        Marks marks = current();
        return () -> {
            try (Scope carried = marks.restore()) {
                work.run();
            }
        };
    }

    /** The marks of one piece of work; closing it restores the thread's previous marks. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The marks one thread had, taken along to another. */
    @FunctionalInterface
    interface Marks {
        /** Puts these marks on the current thread until the scope is closed. */
        Scope restore();
    }
}
