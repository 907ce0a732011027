package org.vpsconnector.adapters.console;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.vpsconnector.application.port.in.OperationHistory;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.domain.Operation;

/** An operation with its transitions, the oldest first; its target spec (with the customer's login) stays out. */
public record OperationView(UUID id, UUID vpsId, String kind, String status, boolean finished, int attempts,
                            Instant nextAttemptAt, String lastError, String info, Instant createdAt, Instant updatedAt,
                            String transactionId, List<Transition> transitions) {

    public record Transition(String from, String to, int attempts, String info, Instant at) {
    }

    static OperationView of(Operation operation) {
        return of(operation, List.of());
    }

    static OperationView of(OperationHistory history) {
        return of(history.operation(), history.transitions());
    }

    private static OperationView of(Operation operation, List<OperationTransition> transitions) {
        return new OperationView(operation.id(), operation.vpsId(), operation.kind().name(), operation.status().name(),
                operation.isFinished(), operation.attempts(), operation.nextAttemptAt(), operation.lastError(),
                operation.info(), operation.createdAt(), operation.updatedAt(), operation.transactionId(),
                transitions.stream().map(transition -> new Transition(
                        transition.from() == null ? null : transition.from().name(), transition.to().name(),
                        transition.attempts(), transition.info(), transition.at())).toList());
    }
}
