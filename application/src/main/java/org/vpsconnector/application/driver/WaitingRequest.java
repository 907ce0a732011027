package org.vpsconnector.application.driver;

/**
 * Whether the controller's request that runs an operation still waits for its outcome. While it
 * waits, the request's answer tells the controller and no resource update is owed; once it has
 * been answered (at its budget) the outcome goes to the controller as an update. Both sides ask
 * here, so exactly one of them tells the controller.
 */
final class WaitingRequest {
    private enum State { WAITING, ANSWERS, ANSWERED }

    private State state;

    private WaitingRequest(State state) {
        this.state = state;
    }

    static WaitingRequest waiting() {
        return new WaitingRequest(State.WAITING);
    }

    /** An attempt of the driver: no request waits for it. */
    static WaitingRequest none() {
        return new WaitingRequest(State.ANSWERED);
    }

    /**
     * Asked when an outcome is recorded: true when the waiting request will answer with it (and
     * from then on always true), false when the request was already answered.
     */
    synchronized boolean answersOutcome() {
        if (state == State.WAITING) {
            state = State.ANSWERS;
        }
        return state == State.ANSWERS;
    }

    /** Asked by the request at its budget: true when it may answer now; false when an outcome is being recorded for it. */
    synchronized boolean stopWaiting() {
        if (state == State.WAITING) {
            state = State.ANSWERED;
        }
        return state == State.ANSWERED;
    }
}
