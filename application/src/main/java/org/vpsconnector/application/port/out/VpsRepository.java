package org.vpsconnector.application.port.out;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

public interface VpsRepository {
    Optional<Vps> find(UUID id);

    /**
     * The VPS with its latest usage figures, when the application instance it belongs to is installed:
     * a read of it for its own instance then also shows that the instance is installed.
     */
    Optional<VpsWithUsage> findWithUsageOfInstalledInstance(UUID id);

    /**
     * In one read: whether {@code instanceId} is installed, the VPS {@code id} whichever instance it
     * belongs to, and its latest operation (as {@link OperationRepository#latestFor} orders them).
     */
    RequestedVps findRequested(UUID instanceId, UUID id);

    /**
     * Finds the VPS and locks it until the transaction ends. Every transaction that changes a VPS
     * or its operations locks the VPS first, so a request and the driver never overwrite each
     * other's changes (an unprovision cancelling a build while the driver records its progress).
     * It reads the VPS alone, and the caller reads its operations in the statements after: one
     * statement that locked the VPS and read its operations too would read them as they were when it
     * began (PostgreSQL's READ COMMITTED), before the transaction it waited for wrote them.
     */
    Optional<Vps> lock(UUID id);

    /**
     * Each stored VPS of {@code ids} with its latest operation (as {@link OperationRepository#latestFor} orders
     * them) and their revision, in one read and in no particular order; an id not stored has none.
     */
    List<RevisedVps> findRevised(List<UUID> ids);

    void insert(Vps vps);

    void update(Vps vps);

    List<Vps> listByInstance(UUID instanceId);

    /**
     * The revision of every VPS but the deleted ones (those that may have a server, and failed ones a
     * rollback may have left one of), oldest first: one read, however many there are, and little to keep.
     */
    List<VpsRevision> listNotDeletedRevisions();

    /**
     * One page of the VPSes {@link #listNotDeletedRevisions()} lists, in the order the database keeps ids: at most {@code limit} of
     * the VPSes whose id comes after {@code after} (null: from the first). A pass over many VPSes reads
     * them page by page, the last id of a page starting the next.
     */
    List<Vps> listNotDeletedAfter(UUID after, int limit);

    /**
     * What the live VPSes (neither deleted nor failed) of {@code technology} take on each host they
     * were placed on, one load per host that has any; {@code subscriptionId} (may be null) is counted apart.
     */
    List<HostLoad> loadByHost(Technology technology, UUID subscriptionId);

    /**
     * Until the transaction ends, no other transaction (of any replica) places a VPS of
     * {@code technology}: the loads this one reads stay true until the VPS it places is stored.
     */
    void lockPlacement(Technology technology);

    /** The live (not deleted) VPSes the filter lets through, the most recently changed first. */
    List<Vps> list(VpsFilter filter);
}
