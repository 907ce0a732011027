package org.vpsconnector.application.driver;

import org.vpsconnector.domain.PowerState;

/** The end of one attempt at an operation: finished with the server in a power state, or still waiting for it. */
sealed interface StepResult {

    record Finished(PowerState observed) implements StepResult {
    }

    record Waiting(String info) implements StepResult {
    }
}
