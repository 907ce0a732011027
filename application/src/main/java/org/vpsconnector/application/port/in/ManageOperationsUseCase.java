package org.vpsconnector.application.port.in;

import java.util.List;
import java.util.UUID;
import org.vpsconnector.domain.Operation;

/** What an operator does with operations: look at them, retry a failed one, cancel one in flight. */
public interface ManageOperationsUseCase {
    default List<Operation> listRecent(int limit) {
        return list(OperationQuery.newest(limit));
    }

    /** The operations that meet every criterion of {@code query}, newest first. */
    List<Operation> list(OperationQuery query);

    /** The operation with its VPS and every transition it went through. */
    OperationHistory show(UUID operationId);

    /** Accepts a failed operation again, if it is still the latest of its VPS. */
    Operation retry(UUID operationId);

    /**
     * Cancels an operation that is not finished: an attempt under way is fenced off and records
     * nothing more, and a provision's server is removed from the VPS's host.
     */
    OperationCancellation cancel(CancelOperationCommand command);
}
