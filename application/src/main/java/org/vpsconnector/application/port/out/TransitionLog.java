package org.vpsconnector.application.port.out;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

public interface TransitionLog {
    void record(OperationTransition transition);

    List<OperationTransition> forOperation(UUID operationId);

    /** Deletes every transition of the operations; answers how many. */
    int deleteOf(Collection<UUID> operationIds);
}
