package org.vpsconnector.application.port.in;

import static org.vpsconnector.application.Require.present;

import java.security.cert.X509Certificate;
import java.util.UUID;
import org.vpsconnector.domain.Secret;
import org.vpsconnector.domain.StoredText;

/**
 * An install or re-install of the application instance. {@code presentedCertificate} is the
 * client certificate the request came with, null when the endpoint asks for none (plain HTTP).
 */
public record InstallInstanceCommand(UUID instanceId, String controllerUri, Secret selfCertificate,
                                     String controllerCertificate, X509Certificate presentedCertificate) {
    public InstallInstanceCommand {
        present(instanceId, "aps.id");
        // The limits are the sizes of the columns that keep them.
        StoredText.line(controllerUri, "APS-Controller-URI", 2048);
        StoredText.lines(selfCertificate == null ? null : selfCertificate.reveal(), "aps.x509.self", 65536);
        StoredText.lines(controllerCertificate, "aps.x509.controller", 65536);
    }
}
