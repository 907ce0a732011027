package org.vpsconnector.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The application instance ({@code clouds}) a controller installed: one per controller
 * installation. Its certificates are data: losing them makes the instance unusable.
 * {@code selfCertificate} is {@code aps.x509.self}, the instance's certificate with its private
 * key; {@code controllerCertificate} is {@code aps.x509.controller}, the only client certificate
 * that may act for the instance.
 */
public record ApplicationInstance(UUID id, String controllerUri, Secret selfCertificate,
                                  String controllerCertificate, String version, Instant installedAt) {
    public ApplicationInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(installedAt, "installedAt");
    }

    public ApplicationInstance upgradedTo(String newVersion) {
        return new ApplicationInstance(id, controllerUri, selfCertificate, controllerCertificate, newVersion, installedAt);
    }
}
