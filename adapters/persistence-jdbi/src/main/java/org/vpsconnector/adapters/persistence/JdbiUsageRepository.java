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
        dao.insertClaim(vpsId, meter, until);
        return true;
    }

    @Override
    public boolean lockIfClaimedBy(UUID vpsId, String meter, Instant now) {
        return dao.lockIfClaimedBy(vpsId, meter, now).isPresent();
    }

    @Override
    public void save(MeteredUsage usage) {
        if (dao.save(UsageRow.of(usage)) == 0) {
            throw new IllegalStateException("no claimed usage record of VPS " + usage.vpsId() + " to save");
        }
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
