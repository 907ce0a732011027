package org.vpsconnector.adapters.persistence;

import java.time.Instant;
import java.util.UUID;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.domain.OperationStatus;

/** A row of {@code operation_transitions}: FROM is reserved, so the statuses have longer column names. */
public record TransitionRow(UUID operationId, UUID vpsId, OperationStatus fromStatus, OperationStatus toStatus,
                     int attempts, String info, Instant at) {

    OperationTransition toTransition() {
        return new OperationTransition(operationId, vpsId, fromStatus, toStatus, attempts, info, at);
    }
}
