package org.vpsconnector.adapters.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.ControllerUpdateRepository;

final class JdbiControllerUpdateRepository implements ControllerUpdateRepository {
    private final ControllerUpdateDao dao;

    JdbiControllerUpdateRepository(ControllerUpdateDao dao) {
        this.dao = dao;
    }

    @Override
    public void add(ControllerUpdate update) {
        dao.insert(update);
    }

    @Override
    public Optional<ControllerUpdate> find(UUID id) {
        return dao.find(id);
    }

    @Override
    public List<ControllerUpdate> findDue(Instant now, int limit) {
        return dao.findDue(now, limit);
    }

    @Override
    public boolean claim(UUID id, String owner, Instant now, Instant leaseUntil) {
        return dao.claim(id, owner, now, leaseUntil) == 1;
    }

    @Override
    public boolean recordAttempt(ControllerUpdate attempted, String owner) {
        return dao.recordAttempt(attempted, owner) == 1;
    }

    @Override
    public List<ControllerUpdate> listPending(int limit) {
        return dao.listPending(limit);
    }

    @Override
    public Backlog backlog() {
        return new Backlog(dao.countPending(), dao.oldestPendingCreatedAt());
    }

    @Override
    public int pruneFinished(Instant before) {
        return dao.pruneFinished(before);
    }
}
