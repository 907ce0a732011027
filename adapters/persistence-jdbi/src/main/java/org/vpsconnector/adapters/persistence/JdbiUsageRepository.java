package org.vpsconnector.adapters.persistence;

import java.time.Instant;
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
    public boolean claim(UUID vpsId, String meter, Instant now, Instant until) {
        if (dao.claimExisting(vpsId, meter, now, until) == 1) {
            return true;
        }
        if (dao.exists(vpsId).isPresent()) {
            return false;
        }
        // Two meters claiming a VPS never measured at once: the second insert is a unique violation.
        return dao.insertClaim(vpsId, meter, until) == 1;
    }

    @Override
    public boolean saveIfClaimedBy(MeteredUsage usage, String meter, Instant now) {
        return dao.saveIfClaimedBy(UsageRow.of(usage), meter, now) == 1;
    }

    @Override
    public void release(UUID vpsId, String meter) {
        dao.release(vpsId, meter);
    }

    @Override
    public int removeOfDeletedVpses() {
        return dao.removeOfDeletedVpses();
    }
}
