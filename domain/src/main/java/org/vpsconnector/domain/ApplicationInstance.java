package org.vpsconnector.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The application instance ({@code clouds}) a controller installed: one per controller
 * installation. Its certificates are data: losing them makes the instance unusable.
 */
public record ApplicationInstance(UUID id, String controllerUri, String selfCertificate,
                                  String controllerCertificate, String version, Instant installedAt) {
    public ApplicationInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(installedAt, "installedAt");
    }

    public ApplicationInstance upgradedTo(String newVersion) {
        return new ApplicationInstance(id, controllerUri, selfCertificate, controllerCertificate, newVersion, installedAt);
    }
}
