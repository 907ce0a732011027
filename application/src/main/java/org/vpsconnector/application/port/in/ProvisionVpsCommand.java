package org.vpsconnector.application.port.in;

import static org.vpsconnector.application.Require.present;

import java.util.UUID;
import org.vpsconnector.domain.RequestPhase;
import org.vpsconnector.domain.VpsSpec;

public record ProvisionVpsCommand(UUID instanceId, UUID vpsId, RequestPhase phase, VpsSpec spec) {
    public ProvisionVpsCommand {
        present(instanceId, "APS-Instance-ID");
        present(vpsId, "aps.id");
        present(phase, "APS-Request-Phase");
        present(spec, "the VPS representation");
    }
}
