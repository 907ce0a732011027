package org.vpsconnector.application.port.out;

import java.util.Objects;
import java.util.Optional;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.Vps;

/**
 * What a request about a VPS is decided on, as one consistent read: whether the instance it addresses
 * is installed, the VPS (of whichever instance) and the VPS's latest operation.
 */
public record RequestedVps(boolean instanceInstalled, Optional<Vps> vps, Optional<Operation> latestOperation) {
    public RequestedVps {
        Objects.requireNonNull(vps, "vps");
        Objects.requireNonNull(latestOperation, "latestOperation");
    }
}
