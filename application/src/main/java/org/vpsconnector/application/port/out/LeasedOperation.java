package org.vpsconnector.application.port.out;

import java.util.Objects;
import java.util.Optional;
import org.vpsconnector.domain.Operation;

/** An operation as stored, with the lease its last claim left on it: empty when nobody holds it. */
public record LeasedOperation(Operation operation, Optional<Lease> lease) {
    public LeasedOperation {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(lease, "lease");
    }
}
