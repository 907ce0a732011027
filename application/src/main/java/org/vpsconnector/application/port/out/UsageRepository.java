package org.vpsconnector.application.port.out;

import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.domain.MeteredUsage;

/** The latest usage figures of each VPS: one record per VPS, replaced at every measurement. */
public interface UsageRepository {
    Optional<MeteredUsage> find(UUID vpsId);

    /** Finds the figures and locks them until the transaction ends, so that two meters never interleave. */
    Optional<MeteredUsage> lock(UUID vpsId);

    /** Throws {@link ConcurrentWriteException} when another transaction stored figures of the VPS first. */
    void insert(MeteredUsage usage);

    void update(MeteredUsage usage);

    /** Removes the figures of deleted VPSes; answers how many. */
    int removeOfDeletedVpses();
}
