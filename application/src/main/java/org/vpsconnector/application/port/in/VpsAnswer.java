package org.vpsconnector.application.port.in;

import java.util.Objects;
import org.vpsconnector.domain.Vps;

/**
 * What the controller is told about a VPS request: done (200 with the representation), accepted
 * and still running (202, come back in {@code retryTimeoutSeconds}), failed (500), or gone: an
 * unprovision of a VPS there is none of (204, without a VPS).
 */
public record VpsAnswer(Outcome outcome, Vps vps, long retryTimeoutSeconds, String info) {

    public enum Outcome { DONE, ACCEPTED, FAILED, GONE }

    public VpsAnswer {
        Objects.requireNonNull(outcome, "outcome");
        if ((vps == null) != (outcome == Outcome.GONE)) {
            throw new IllegalArgumentException("every answer but GONE carries the VPS");
        }
    }
}
