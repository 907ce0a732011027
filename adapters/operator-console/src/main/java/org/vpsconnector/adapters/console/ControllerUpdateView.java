package org.vpsconnector.adapters.console;

import java.time.Instant;
import java.util.UUID;
import org.vpsconnector.application.port.out.ControllerUpdate;

/** An update the controller is still owed, without its body: which resource, since when, how its sending goes. */
public record ControllerUpdateView(UUID id, UUID resourceId, UUID instanceId, String transactionId, String status,
                                   int attempts, Instant nextAttemptAt, String lastError, Instant createdAt) {

    static ControllerUpdateView of(ControllerUpdate update) {
        return new ControllerUpdateView(update.id(), update.resourceId(), update.instanceId(), update.transactionId(),
                update.status().name(), update.attempts(), update.nextAttemptAt(), update.lastError(), update.createdAt());
    }
}
