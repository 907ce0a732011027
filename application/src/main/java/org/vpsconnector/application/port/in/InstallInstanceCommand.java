package org.vpsconnector.application.port.in;

import static org.vpsconnector.application.Require.present;

import java.util.UUID;

public record InstallInstanceCommand(UUID instanceId, String controllerUri, String selfCertificate,
                                     String controllerCertificate) {
    public InstallInstanceCommand {
        present(instanceId, "aps.id");
    }
}
