package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.security.cert.X509Certificate;

/** The client a request came from, as its certificate names it; the certificate goes on to an install. */
record ControllerPrincipal(X509Certificate certificate) implements Principal {

    @Override
    public String getName() {
        return certificate.getSubjectX500Principal().getName();
    }

    /** The client certificate of the request, null when it showed none. */
    static X509Certificate certificateOf(SecurityContext security) {
        return security != null && security.getUserPrincipal() instanceof ControllerPrincipal controller
                ? controller.certificate()
                : null;
    }
}
