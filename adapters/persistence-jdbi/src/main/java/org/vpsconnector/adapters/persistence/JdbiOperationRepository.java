package org.vpsconnector.adapters.persistence;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.LeasedOperation;
import org.vpsconnector.application.port.out.OperationCount;
import org.vpsconnector.application.port.out.OperationFilter;
import org.vpsconnector.application.port.out.OperationRepository;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;

final class JdbiOperationRepository implements OperationRepository {
    private static final List<OperationStatus> UNFINISHED = Arrays.stream(OperationStatus.values())
            .filter(status -> !status.isFinished())
            .toList();
    private static final List<OperationStatus> FINISHED = Arrays.stream(OperationStatus.values())
            .filter(OperationStatus::isFinished)
            .toList();

    private final OperationDao dao;
    private final SecretSealing sealing;

    JdbiOperationRepository(OperationDao dao, SecretSealing sealing) {
        this.dao = dao;
        this.sealing = sealing;
    }

    @Override
    public void insert(Operation operation) {
        dao.insert(OperationRow.of(operation, sealing));
    }

    @Override
    public Lease insertClaimed(Operation operation, String owner, Instant leaseUntil) {
        dao.insertClaimed(OperationRow.of(operation, sealing), owner, leaseUntil);
        return new Lease(operation.id(), owner, OperationDao.FIRST_EPOCH, leaseUntil);
    }

    @Override
    public void update(Operation operation) {
        if (dao.update(OperationRow.of(operation, sealing)) == 0) {
            throw new IllegalStateException("no operation " + operation.id() + " to update");
        }
    }

    @Override
    public Optional<Operation> find(UUID id) {
        return dao.find(id).map(row -> row.toOperation(sealing));
    }

    @Override
    public Optional<Operation> latestFor(UUID vpsId) {
        return dao.latestFor(vpsId).map(row -> row.toOperation(sealing));
    }

    @Override
    public List<Operation> listForVps(UUID vpsId, int limit) {
        return dao.listForVps(vpsId, limit).stream().map(row -> row.toOperation(sealing)).toList();
    }

    @Override
    public List<Operation> list(OperationFilter filter, int limit) {
        return dao.list(nameOf(filter.status()), nameOf(filter.kind()), filter.instanceId(), filter.host(),
                        filter.hostIsFirstContainerHost(), filter.hostIsFirstHypervisorHost(), limit)
                .stream().map(row -> row.toOperation(sealing)).toList();
    }

    @Override
    public boolean takeOver(UUID operationId, String owner, Instant leaseUntil) {
        return dao.takeOver(UNFINISHED, operationId, owner, leaseUntil) == 1;
    }

    private static String nameOf(Enum<?> value) {
        return value == null ? null : value.name();
    }

    @Override
    public List<UUID> findDue(Instant now, int limit) {
        return dao.findDue(UNFINISHED, now, limit);
    }

    @Override
    public boolean claim(UUID operationId, String owner, Instant now, Instant leaseUntil) {
        return dao.claim(UNFINISHED, operationId, owner, now, leaseUntil) == 1;
    }

    @Override
    public boolean isLeasedBy(UUID operationId, String owner) {
        return dao.countLeasedBy(operationId, owner) == 1;
    }

    @Override
    public Optional<Lease> leaseOf(UUID operationId) {
        return dao.leaseOf(operationId);
    }

    @Override
    public Optional<LeasedOperation> findLeased(UUID id) {
        return dao.findLeased(id).map(row -> row.toLeasedOperation(sealing));
    }

    @Override
    public boolean renew(Lease lease, Instant now, Instant until) {
        return dao.renew(lease, now, until) == 1;
    }

    @Override
    public void release(UUID operationId, String owner) {
        dao.release(operationId, owner);
    }

    @Override
    public void updateReleasing(Operation operation, String owner) {
        if (dao.updateReleasing(OperationRow.of(operation, sealing), owner) == 0) {
            throw new IllegalStateException("no operation " + operation.id() + " to update");
        }
    }

    @Override
    public List<OperationCount> countByKindAndStatus() {
        return dao.countByKindAndStatus();
    }

    @Override
    public Backlog backlog(Instant now) {
        return new Backlog(dao.countDue(UNFINISHED, now), dao.countLeased(now));
    }

    @Override
    public List<UUID> findPrunable(Instant finishedBefore, int limit) {
        return dao.findPrunable(FINISHED, finishedBefore, limit);
    }

    @Override
    public int deletePrunable(Collection<UUID> operationIds, Instant finishedBefore) {
        return operationIds.isEmpty() ? 0 : dao.deletePrunable(operationIds, FINISHED, finishedBefore);
    }
}
