package org.vpsconnector.application.port.out;

import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.domain.ApplicationInstance;

public interface InstanceRepository {
    Optional<ApplicationInstance> find(UUID id);

    /** Whether the instance is installed: every request asks, and needs none of its certificates. */
    boolean isInstalled(UUID id);

    /**
     * The controller certificate (PEM) the installed instance {@code id} trusts, or an empty text when it
     * trusts none; empty when the instance is not installed. Every request in certificate mode asks, and
     * needs none of the instance's other fields, nor the opening of its sealed key.
     */
    Optional<String> controllerCertificateOf(UUID id);

    /** Inserts the instance or replaces the stored one with the same id. */
    void save(ApplicationInstance instance);

    void delete(UUID id);
}
