package org.vpsconnector.adapters.persistence;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.port.out.TransitionLog;

final class JdbiTransitionLog implements TransitionLog {
    private final TransitionDao dao;

    JdbiTransitionLog(TransitionDao dao) {
        this.dao = dao;
    }

    @Override
    public void record(OperationTransition transition) {
        dao.insert(transition);
    }

    @Override
    public void recordAll(List<OperationTransition> transitions) {
        if (!transitions.isEmpty()) {
            dao.insertAll(transitions);
        }
    }

    @Override
    public List<OperationTransition> forOperation(UUID operationId) {
        return dao.forOperation(operationId).stream().map(TransitionRow::toTransition).toList();
    }

    @Override
    public int deleteOf(Collection<UUID> operationIds) {
        return operationIds.isEmpty() ? 0 : dao.deleteOf(operationIds);
    }
}
