package org.vpsconnector.adapters.persistence;

import java.time.Instant;
import java.util.UUID;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.Secret;

/** A row of {@code application_instances}: {@code aps.x509.self} carries a private key, so it is stored sealed. */
public record InstanceRow(UUID id, String controllerUri, String selfCertificate, String controllerCertificate,
                   String version, Instant installedAt) {

    static InstanceRow of(ApplicationInstance instance, SecretSealing sealing) {
        Secret self = instance.selfCertificate();
        return of(instance, self == null ? null : sealing.seal(instance.id(), self.reveal()));
    }

    /** The instance with its {@code aps.x509.self} already sealed. */
    static InstanceRow of(ApplicationInstance instance, String sealedSelfCertificate) {
        return new InstanceRow(instance.id(), instance.controllerUri(), sealedSelfCertificate,
                instance.controllerCertificate(), instance.version(), instance.installedAt());
    }

    ApplicationInstance toInstance(SecretSealing sealing) {
        return new ApplicationInstance(id, controllerUri,
                selfCertificate == null ? null : Secret.of(sealing.open(id, selfCertificate)),
                controllerCertificate, version, installedAt);
    }
}
