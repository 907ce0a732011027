package org.vpsconnector.application.port.out;

import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;

/** How many stored operations are of one kind and stand at one status. */
public record OperationCount(OperationKind kind, OperationStatus status, long count) {
}
