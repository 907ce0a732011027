package org.vpsconnector.application.port.in;

import static org.vpsconnector.application.Require.present;

import java.util.UUID;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.LoginChange;
import org.vpsconnector.domain.RequestPhase;
import org.vpsconnector.domain.VpsSpec;

/**
 * {@code transactionId} is the request's {@code APS-Transaction-ID}, if it has one. The login the
 * VPS gets is {@code login} applied to the one it has; the login of {@code spec} is not read.
 */
public record ConfigureVpsCommand(UUID instanceId, UUID vpsId, RequestPhase phase, VpsSpec spec, LoginChange login,
                                  String transactionId) {
    public ConfigureVpsCommand {
        present(instanceId, "APS-Instance-ID");
        present(vpsId, "the VPS id");
        present(phase, "APS-Request-Phase");
        present(spec, "the VPS representation");
        login = login == null ? LoginChange.KEEP : login;
    }

    /** The login of {@code spec} replaces the VPS's, unless {@code spec} has none: then it is kept. */
    public ConfigureVpsCommand(UUID instanceId, UUID vpsId, RequestPhase phase, VpsSpec spec, String transactionId) {
        this(instanceId, vpsId, phase, spec,
                spec == null || spec.login().equals(Login.NONE) ? LoginChange.KEEP : LoginChange.to(spec.login()),
                transactionId);
    }

    public ConfigureVpsCommand(UUID instanceId, UUID vpsId, RequestPhase phase, VpsSpec spec) {
        this(instanceId, vpsId, phase, spec, (String) null);
    }
}
