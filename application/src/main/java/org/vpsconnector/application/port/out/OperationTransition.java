package org.vpsconnector.application.port.out;

import java.time.Instant;
import java.util.UUID;
import org.vpsconnector.domain.OperationStatus;

/** One line of the audit log: an operation moved from one status to another. */
public record OperationTransition(UUID operationId, UUID vpsId, OperationStatus from, OperationStatus to,
                                  int attempts, String info, Instant at) {
}
