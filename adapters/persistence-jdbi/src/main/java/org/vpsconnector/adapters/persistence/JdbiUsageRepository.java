package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.UsageRepository;
import org.vpsconnector.domain.MeteredUsage;

final class JdbiUsageRepository implements UsageRepository {
    private final UsageDao dao;

    JdbiUsageRepository(UsageDao dao) {
        this.dao = dao;
    }

    @Override
    public Optional<MeteredUsage> find(UUID vpsId) {
        return dao.find(vpsId).map(UsageRow::toUsage);
    }

    @Override
    public Optional<MeteredUsage> lock(UUID vpsId) {
        return dao.lock(vpsId).map(UsageRow::toUsage);
    }

    @Override
    public void insert(MeteredUsage usage) {
        dao.insert(UsageRow.of(usage));
    }

    @Override
    public void update(MeteredUsage usage) {
        if (dao.update(UsageRow.of(usage)) == 0) {
            throw new IllegalStateException("no usage of VPS " + usage.vpsId() + " to update");
        }
    }

    @Override
    public int removeOfDeletedVpses() {
        return dao.removeOfDeletedVpses();
    }
}
