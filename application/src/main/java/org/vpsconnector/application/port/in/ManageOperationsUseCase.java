package org.vpsconnector.application.port.in;

import java.util.List;
import java.util.UUID;
import org.vpsconnector.domain.Operation;

/** What an operator does with operations: look at them, retry a failed one. */
public interface ManageOperationsUseCase {
    List<Operation> listRecent(int limit);

    /** Accepts a failed operation again, if it is still the latest of its VPS. */
    Operation retry(UUID operationId);
}
