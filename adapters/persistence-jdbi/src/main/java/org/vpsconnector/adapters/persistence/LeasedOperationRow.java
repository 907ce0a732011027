package org.vpsconnector.adapters.persistence;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.Nested;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.LeasedOperation;

/** A row of {@code operations} with its lease columns; {@code leaseOwner} is null when nobody holds the lease. */
public record LeasedOperationRow(@Nested OperationRow operation, String leaseOwner, long leaseEpoch, Instant leaseUntil) {

    LeasedOperation toLeasedOperation(SecretSealing sealing) {
        Optional<Lease> lease = leaseOwner == null ? Optional.empty()
                : Optional.of(new Lease(operation.id(), leaseOwner, leaseEpoch, leaseUntil));
        return new LeasedOperation(operation.toOperation(sealing), lease);
    }
}
