package org.vpsconnector.application.port.in;

import static org.vpsconnector.application.Require.present;

import java.util.UUID;

public record ProvisionContextCommand(UUID instanceId, UUID contextId, UUID subscriptionId, UUID accountId) {
    public ProvisionContextCommand {
        present(instanceId, "APS-Instance-ID");
        present(contextId, "aps.id");
    }
}
