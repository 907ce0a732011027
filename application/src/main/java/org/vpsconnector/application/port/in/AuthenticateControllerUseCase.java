package org.vpsconnector.application.port.in;

import java.security.cert.X509Certificate;
import java.util.UUID;

/** Whether a request may act for an application instance (protocol §7). */
public interface AuthenticateControllerUseCase {

    /**
     * Passes when {@code presented} (null: the client showed none) is the stored controller
     * certificate of the instance, or when the instance is not installed yet and the request
     * installs it (the install then applies the first-install policy); otherwise throws
     * {@link org.vpsconnector.application.ForbiddenException}. Passes everything when the
     * endpoint does not ask for certificates.
     */
    void authenticate(UUID instanceId, X509Certificate presented, boolean installing);
}
