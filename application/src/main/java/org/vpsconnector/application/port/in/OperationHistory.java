package org.vpsconnector.application.port.in;

import java.util.List;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.domain.Operation;

/** One operation with every transition it went through, the oldest first. */
public record OperationHistory(Operation operation, List<OperationTransition> transitions) {
    public OperationHistory {
        transitions = List.copyOf(transitions);
    }
}
