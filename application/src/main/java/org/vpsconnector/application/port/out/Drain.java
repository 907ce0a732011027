package org.vpsconnector.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator's drain: while it stands, no new VPS is provisioned in its scope, the whole
 * connector ({@link #CONNECTOR}) or one host ({@code container:<name>}, {@code hypervisor:<name>}).
 */
public record Drain(String scope, String reason, Instant drainedAt) {
    public static final String CONNECTOR = "connector";

    public Drain {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(drainedAt, "drainedAt");
    }
}
