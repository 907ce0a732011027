package org.vpsconnector.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.port.in.ManageOperationsUseCase;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.Vps;

public final class OperationAdministration implements ManageOperationsUseCase {
    private final Transactions transactions;
    private final Clock clock;

    public OperationAdministration(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<Operation> listRecent(int limit) {
        return transactions.inTransaction(repositories -> repositories.operations().listRecent(limit));
    }

    @Override
    public Operation retry(UUID operationId) {
        return transactions.inTransaction(repositories -> {
            UUID vpsId = repositories.operations().find(operationId)
                    .orElseThrow(() -> new NotFoundException("no operation " + operationId)).vpsId();
            Vps vps = repositories.vpses().lock(vpsId).orElseThrow();
            Operation failed = repositories.operations().find(operationId).orElseThrow();
            if (failed.status() != OperationStatus.FAILED) {
                throw new ConflictException("only a failed operation can be retried; this one is " + failed.status());
            }
            Operation latest = repositories.operations().latestFor(failed.vpsId()).orElseThrow();
            if (!latest.id().equals(operationId)) {
                throw new ConflictException("a newer operation of the VPS exists: " + latest.id());
            }
            Instant now = clock.instant();
            repositories.vpses().update(vps.accept(failed.kind(), failed.target(), now));
            Operation retried = failed.retry(now);
            repositories.operations().update(retried);
            repositories.transitions().record(new OperationTransition(operationId, failed.vpsId(), failed.status(),
                    retried.status(), retried.attempts(), retried.info(), now));
            return retried;
        });
    }
}
