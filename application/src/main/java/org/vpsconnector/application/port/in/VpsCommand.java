package org.vpsconnector.application.port.in;

import static org.vpsconnector.application.Require.present;

import java.util.UUID;
import org.vpsconnector.domain.RequestPhase;

/** A request about one VPS that carries no representation: unprovision, start, stop. */
public record VpsCommand(UUID instanceId, UUID vpsId, RequestPhase phase, String transactionId) {
    public VpsCommand {
        present(instanceId, "APS-Instance-ID");
        present(vpsId, "the VPS id");
        present(phase, "APS-Request-Phase");
    }

    /** A request without an {@code APS-Transaction-ID}. */
    public VpsCommand(UUID instanceId, UUID vpsId, RequestPhase phase) {
        this(instanceId, vpsId, phase, null);
    }
}
