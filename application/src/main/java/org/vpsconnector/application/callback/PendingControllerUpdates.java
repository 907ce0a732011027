package org.vpsconnector.application.callback;

import java.util.List;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.ControllerUpdateRepository;
import org.vpsconnector.application.port.out.Transactions;

/** What the operator sees of the outbox: the updates not yet delivered, and how far behind it is. */
public final class PendingControllerUpdates {
    private final Transactions transactions;

    public PendingControllerUpdates(Transactions transactions) {
        this.transactions = transactions;
    }

    /** The oldest pending updates first, at most {@code limit}. */
    public List<ControllerUpdate> list(int limit) {
        return transactions.inTransaction(repositories -> repositories.controllerUpdates().listPending(limit));
    }

    public ControllerUpdateRepository.Backlog backlog() {
        return transactions.inTransaction(repositories -> repositories.controllerUpdates().backlog());
    }
}
