package org.vpsconnector.application.callback;

import java.time.Clock;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.VpsRepresentation;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Vps;

/**
 * Writes the update a change of a VPS owes the controller into the outbox, within the
 * transaction of the change, so that the update is durable exactly when the change is.
 */
public final class ControllerUpdates {
    private final VpsRepresentation representation;
    private final Clock clock;

    public ControllerUpdates(VpsRepresentation representation, Clock clock) {
        this.representation = representation;
        this.clock = clock;
    }

    /**
     * Owes the controller of {@code changed}'s instance the VPS as it is now. Nothing is owed for a
     * deleted VPS (the controller finishes its unprovision from the answer to its poll, and has no
     * resource left to update) nor to an instance that gave no controller address.
     */
    public void report(Repositories repositories, Vps changed, String transactionId) {
        if (changed.lifecycle() == Lifecycle.DELETED) {
            return;
        }
        boolean reachable = repositories.instances().find(changed.instanceId())
                .map(instance -> instance.controllerUri() != null && !instance.controllerUri().isBlank())
                .orElse(false);
        if (!reachable) {
            return;
        }
        repositories.controllerUpdates().add(ControllerUpdate.of(changed.id(), changed.instanceId(), transactionId,
                representation.render(changed), clock.instant()));
    }
}
