package org.vpsconnector.application.port.out;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

public interface TransitionLog {
    void record(OperationTransition transition);

    /** Records the transitions in their order; an adapter may send them at once. */
    default void recordAll(List<OperationTransition> transitions) {
        transitions.forEach(this::record);
    }

    List<OperationTransition> forOperation(UUID operationId);

    /** Deletes every transition of the operations; answers how many. */
    int deleteOf(Collection<UUID> operationIds);
}
