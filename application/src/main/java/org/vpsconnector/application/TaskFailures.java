package org.vpsconnector.application;

import java.util.concurrent.ExecutionException;

/** What work run on another thread threw, to be thrown again on the thread that waited for it. */
public final class TaskFailures {
    private TaskFailures() {
    }

    /** The unchecked cause as it was thrown; an {@link Error} is thrown from here; a checked one is wrapped. */
    public static RuntimeException unwrapped(ExecutionException failed, String checkedFailureMessage) {
        Throwable cause = failed.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(checkedFailureMessage, cause);
    }
}
