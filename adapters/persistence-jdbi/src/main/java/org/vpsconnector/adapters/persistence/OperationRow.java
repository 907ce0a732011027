package org.vpsconnector.adapters.persistence;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.Nested;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;

/** A row of {@code operations}, without its lease (the lease is never read back into the domain). */
public record OperationRow(UUID id, UUID vpsId, OperationKind kind, OperationStatus status, @Nested("target") SpecColumns target,
                    int attempts, Instant nextAttemptAt, String lastError, String info,
                    Instant createdAt, Instant updatedAt, String transactionId) {

    static OperationRow of(Operation operation, SecretSealing sealing) {
        return new OperationRow(operation.id(), operation.vpsId(), operation.kind(), operation.status(),
                SpecColumns.of(operation.target(), operation.id(), sealing), operation.attempts(), operation.nextAttemptAt(),
                operation.lastError(), operation.info(), operation.createdAt(), operation.updatedAt(),
                operation.transactionId());
    }

    Operation toOperation(SecretSealing sealing) {
        return new Operation(id, vpsId, kind, status, target.toSpec(id, sealing), attempts, nextAttemptAt, lastError, info,
                createdAt, updatedAt, transactionId);
    }
}
