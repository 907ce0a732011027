package org.vpsconnector.adapters.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.HostLoad;
import org.vpsconnector.application.port.out.RequestedVps;
import org.vpsconnector.application.port.out.VpsFilter;
import org.vpsconnector.application.port.out.VpsRepository;
import org.vpsconnector.application.port.out.RevisedVps;
import org.vpsconnector.application.port.out.VpsRevision;
import org.vpsconnector.application.port.out.VpsWithUsage;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

final class JdbiVpsRepository implements VpsRepository {
    private final VpsDao dao;
    private final SecretSealing sealing;

    JdbiVpsRepository(VpsDao dao, SecretSealing sealing) {
        this.dao = dao;
        this.sealing = sealing;
    }

    @Override
    public Optional<Vps> find(UUID id) {
        return dao.find(id).map(row -> row.toVps(sealing));
    }

    @Override
    public Optional<VpsWithUsage> findWithUsageOfInstalledInstance(UUID id) {
        return dao.findWithUsageOfInstalledInstance(id).map(row -> row.toVpsWithUsage(sealing));
    }

    @Override
    public RequestedVps findRequested(UUID instanceId, UUID id) {
        return dao.findRequested(instanceId, id).toRequestedVps(sealing);
    }

    @Override
    public Optional<Vps> lock(UUID id) {
        return dao.lock(id).map(row -> row.toVps(sealing));
    }

    @Override
    public List<RevisedVps> findRevised(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return dao.findRevised(ids).stream().map(row -> row.toRevisedVps(sealing)).toList();
    }

    @Override
    public void insert(Vps vps) {
        dao.insert(VpsRow.of(vps, sealing));
    }

    @Override
    public void update(Vps vps) {
        if (dao.update(VpsRow.of(vps, sealing)) == 0) {
            throw new IllegalStateException("no VPS " + vps.id() + " to update");
        }
    }

    @Override
    public List<Vps> listByInstance(UUID instanceId) {
        return dao.listByInstance(instanceId).stream().map(row -> row.toVps(sealing)).toList();
    }

    @Override
    public List<VpsRevision> listNotDeletedRevisions() {
        return dao.listNotDeletedRevisions().stream().map(VpsRevisionRow::toVpsRevision).toList();
    }

    @Override
    public List<Vps> listNotDeletedAfter(UUID after, int limit) {
        return dao.listNotDeletedAfter(after, limit).stream().map(row -> row.toVps(sealing)).toList();
    }

    @Override
    public void lockPlacement(Technology technology) {
        dao.lockPlacement(technology.name()).orElseThrow(() -> new IllegalStateException(
                "no placement lock for " + technology + ": the schema misses migration V12"));
    }

    @Override
    public List<HostLoad> loadByHost(Technology technology, UUID subscriptionId) {
        return dao.loadByHost(technology == Technology.VIRTUAL_MACHINE, subscriptionId);
    }

    @Override
    public List<Vps> list(VpsFilter filter) {
        return dao.list(filter.instanceId(), filter.state() == null ? null : filter.state().name(), filter.host(),
                filter.hostHoldsUnplaced(), filter.hostTechnology() == Technology.VIRTUAL_MACHINE, filter.limit())
                .stream().map(row -> row.toVps(sealing)).toList();
    }
}
