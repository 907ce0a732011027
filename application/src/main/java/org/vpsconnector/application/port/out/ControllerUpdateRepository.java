package org.vpsconnector.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox of resource updates for the controller. Updates of one resource are sent in the
 * order they were added: only the oldest pending one of a resource is ever due. A dispatcher
 * sends an update only while it holds its lease, so that two replicas never send it at once.
 */
public interface ControllerUpdateRepository {

    void add(ControllerUpdate update);

    Optional<ControllerUpdate> find(UUID id);

    /**
     * Pending updates due at {@code now}, not leased, each the oldest pending update of its
     * resource; the longest waiting first, at most {@code limit}.
     */
    List<ControllerUpdate> findDue(Instant now, int limit);

    /** Takes the lease of an update that {@link #findDue} would still return; false otherwise. */
    boolean claim(UUID id, String owner, Instant now, Instant leaseUntil);

    /** Writes the outcome of an attempt and gives up the lease; false (nothing written) when {@code owner} no longer holds it. */
    boolean recordAttempt(ControllerUpdate attempted, String owner);

    /** Pending updates, oldest first, at most {@code limit}. */
    List<ControllerUpdate> listPending(int limit);

    /** How many updates are pending, and since when the oldest waits. */
    Backlog backlog();

    /** Removes updates delivered or abandoned before {@code before}; answers how many. */
    int pruneFinished(Instant before);

    record Backlog(long pending, Optional<Instant> oldestCreatedAt) {
    }
}
