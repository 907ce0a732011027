package org.vpsconnector.application.port.out;

import java.time.Duration;

/**
 * Told about every call {@link BoundedCalls} makes to one host's backend: which call, how long
 * its caller waited, and how it ended. Implementations are quick and never throw: they run on
 * the caller's thread.
 */
public interface BackendCallObserver {
    BackendCallObserver NONE = (call, took, outcome) -> { };

    /** How a bounded call ended for its caller. */
    enum Outcome {
        /** The backend answered. */
        SUCCEEDED,
        /** The backend answered with a failure. */
        FAILED,
        /** The backend did not answer within the call timeout: the call was abandoned. */
        TIMED_OUT,
        /** Not made: too many calls were under way, or the backend was closed. */
        REFUSED
    }

    /** {@code call} names what was called ({@code create}, {@code start}, {@code inspect}, …). */
    void ended(String call, Duration took, Outcome outcome);
}
