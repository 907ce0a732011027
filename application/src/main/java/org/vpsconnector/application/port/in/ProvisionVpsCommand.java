package org.vpsconnector.application.port.in;

import static org.vpsconnector.application.Require.present;

import java.util.UUID;
import org.vpsconnector.domain.RequestPhase;
import org.vpsconnector.domain.VpsSpec;

/** {@code transactionId} is the request's {@code APS-Transaction-ID}, if it has one. */
public record ProvisionVpsCommand(UUID instanceId, UUID vpsId, RequestPhase phase, VpsSpec spec, String transactionId) {
    public ProvisionVpsCommand {
        present(instanceId, "APS-Instance-ID");
        present(vpsId, "aps.id");
        present(phase, "APS-Request-Phase");
        present(spec, "the VPS representation");
    }

    public ProvisionVpsCommand(UUID instanceId, UUID vpsId, RequestPhase phase, VpsSpec spec) {
        this(instanceId, vpsId, phase, spec, null);
    }
}
