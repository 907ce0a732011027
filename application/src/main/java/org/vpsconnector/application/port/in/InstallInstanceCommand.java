package org.vpsconnector.application.port.in;

import static org.vpsconnector.application.Require.present;

import java.util.UUID;
import org.vpsconnector.domain.StoredText;

public record InstallInstanceCommand(UUID instanceId, String controllerUri, String selfCertificate,
                                     String controllerCertificate) {
    public InstallInstanceCommand {
        present(instanceId, "aps.id");
        // The limits are the sizes of the columns that keep them.
        StoredText.line(controllerUri, "APS-Controller-URI", 2048);
        StoredText.lines(selfCertificate, "aps.x509.self", 65536);
        StoredText.lines(controllerCertificate, "aps.x509.controller", 65536);
    }
}
