package org.vpsconnector.application.port.in;

import java.util.List;
import java.util.Objects;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.Vps;

/**
 * One operation as an operator looks at it: the operation, its VPS, the host the VPS lives on
 * (the first host of its technology when the VPS names none), and every transition in order.
 */
public record OperationHistory(Operation operation, Vps vps, String host, List<OperationTransition> transitions) {
    public OperationHistory {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(vps, "vps");
        transitions = List.copyOf(transitions);
    }
}
