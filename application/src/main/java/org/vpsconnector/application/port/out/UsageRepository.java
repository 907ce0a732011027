package org.vpsconnector.application.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.domain.MeteredUsage;

/**
 * The latest usage figures of each VPS, one record per VPS, and who measures it now. A meter
 * claims a VPS before it reads the server and stores what it read under that claim, so two
 * replicas never read one server at the same time and store their readings out of order.
 */
public interface UsageRepository {
    /** The figures; empty until the VPS has been measured. */
    Optional<MeteredUsage> find(UUID vpsId);

    /**
     * Takes the measuring of the VPS for {@code meter} until {@code until}; false when the VPS is
     * deleted or not stored, or when another meter holds it and its claim is live at {@code now}.
     * Throws {@link ConcurrentWriteException} when another meter claimed a VPS never measured before
     * at the same time.
     */
    boolean claim(UUID vpsId, String meter, Instant now, Instant until);

    /**
     * Stores the figures and releases the claim, in one write, when {@code meter} still holds its claim
     * at {@code now} and the VPS is not deleted; false, and nothing stored, otherwise. While the claim
     * is held no other meter stores figures, so figures computed from those read after claiming are
     * the next ones.
     */
    boolean saveIfClaimedBy(MeteredUsage usage, String meter, Instant now);

    /** Gives the claim up without new figures (the server could not be read, or there is none). */
    void release(UUID vpsId, String meter);

    /** Removes the figures of deleted VPSes; answers how many. */
    int removeOfDeletedVpses();
}
