package org.vpsconnector.application.driver;

import org.vpsconnector.domain.PowerState;

/** The end of one attempt at an operation: finished with the server in a power state, or still waiting for it. */
sealed interface StepResult {

    /**
     * {@code ipv4}: the address the backend reports for the server, null when none (a stopped or
     * removed server); {@code info}: what the controller is told of the result, null for the usual words.
     */
    record Finished(PowerState observed, String ipv4, String info) implements StepResult {
        Finished(PowerState observed) {
            this(observed, null, null);
        }
    }

    record Waiting(String info) implements StepResult {
    }
}
