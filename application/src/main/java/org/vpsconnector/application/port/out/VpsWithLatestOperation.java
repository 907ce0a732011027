package org.vpsconnector.application.port.out;

import java.util.Objects;
import java.util.Optional;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.Vps;

/** A VPS with its latest operation (as {@link OperationRepository#latestFor} orders them), read together. */
public record VpsWithLatestOperation(Vps vps, Optional<Operation> latestOperation) {
    public VpsWithLatestOperation {
        Objects.requireNonNull(vps, "vps");
        Objects.requireNonNull(latestOperation, "latestOperation");
    }
}
