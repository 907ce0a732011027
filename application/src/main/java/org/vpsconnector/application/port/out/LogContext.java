package org.vpsconnector.application.port.out;

import java.util.UUID;

/**
 * Marks the log lines written on the current thread with the APS transaction and application
 * instance whose work they are about, so that an operator can follow one controller request
 * through the answer, the operation it started and the updates sent back.
 */
public interface LogContext {

    /** A context that marks nothing: for tests and tools that have no log to mark. */
    LogContext NONE = (transactionId, instanceId) -> () -> { };

    /**
     * Marks this thread's log lines with {@code transactionId} (may be null) and {@code instanceId}
     * until the returned scope is closed; the marks the thread had before come back then.
     */
    Scope open(String transactionId, UUID instanceId);

    /** The marks of one piece of work; closing it restores the thread's previous marks. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
