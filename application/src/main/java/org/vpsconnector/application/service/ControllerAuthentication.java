package org.vpsconnector.application.service;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.ForbiddenException;
import org.vpsconnector.application.port.in.AuthenticateControllerUseCase;
import org.vpsconnector.application.port.out.Transactions;

public final class ControllerAuthentication implements AuthenticateControllerUseCase {
    private final Transactions transactions;
    private final ControllerTrust trust;

    public ControllerAuthentication(Transactions transactions, ControllerTrust trust) {
        this.transactions = transactions;
        this.trust = trust;
    }

    @Override
    public void authenticate(UUID instanceId, X509Certificate presented, boolean installing) {
        if (!trust.checksCertificates()) {
            return;
        }
        ControllerTrust.requirePresented(presented);
        Optional<String> trusted = transactions.read(
                repositories -> repositories.instances().controllerCertificateOf(instanceId));
        if (trusted.isPresent()) {
            trust.requireController(instanceId, trusted.get(), presented);
        } else if (!installing) {
            // No certificate may act for an instance nobody installed; a 404 would tell strangers which ids exist.
            throw new ForbiddenException("no application instance " + instanceId + " is installed for this client");
        }
    }
}
