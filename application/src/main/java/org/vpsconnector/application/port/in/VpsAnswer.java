package org.vpsconnector.application.port.in;

import java.util.Objects;
import org.vpsconnector.domain.Vps;

/**
 * What the controller is told about a VPS request: done (200 with the representation), accepted
 * and still running (202, come back in {@code retryTimeoutSeconds}), or failed (500).
 */
public record VpsAnswer(Outcome outcome, Vps vps, long retryTimeoutSeconds, String info) {

    public enum Outcome { DONE, ACCEPTED, FAILED }

    public VpsAnswer {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(vps, "vps");
    }
}
