package org.vpsconnector.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.domain.Operation;

/**
 * Durable operations. A driver works on an operation only while it holds its lease; a lease
 * that expires (its holder died) lets another driver take the operation over.
 */
public interface OperationRepository {
    void insert(Operation operation);

    /**
     * Inserts an operation whose first attempt begins at once, claimed by {@code owner} until
     * {@code leaseUntil} as a first {@link #claim} would claim it. Only for an operation of a VPS stored
     * in the same transaction, which no other operation can hold; answers the lease.
     */
    Lease insertClaimed(Operation operation, String owner, Instant leaseUntil);

    void update(Operation operation);

    Optional<Operation> find(UUID id);

    /** The newest operation of a VPS, finished or not. */
    Optional<Operation> latestFor(UUID vpsId);

    /** The operations of one VPS, the newest first, at most {@code limit}. */
    List<Operation> listForVps(UUID vpsId, int limit);

    /** The newest operations first, at most {@code limit}. */
    default List<Operation> listRecent(int limit) {
        return list(OperationFilter.ANY, limit);
    }

    /** The operations {@code filter} keeps, newest first, at most {@code limit}. */
    List<Operation> list(OperationFilter filter, int limit);

    /**
     * Unfinished operations due at {@code now}, not leased, and whose VPS has no other operation
     * leased (so an unprovision waits until a cancelled build has let go of the server).
     */
    List<UUID> findDue(Instant now, int limit);

    /**
     * Takes the lease of an unfinished operation whose lease is free (never taken, given up or
     * expired) while no other operation of its VPS is leased; false otherwise. Whether the
     * operation is due is the caller's business: a request runs its own operation at once.
     * Every claim gives the lease a new epoch (see {@link #leaseOf}).
     */
    boolean claim(UUID operationId, String owner, Instant now, Instant leaseUntil);

    /**
     * Whether {@code owner} still holds the operation's lease. A holder that stalled past its
     * lease may have been overtaken by another driver; then its results must not be written.
     */
    boolean isLeasedBy(UUID operationId, String owner);

    /** The operation's lease as its last claim left it; empty when nobody holds it. */
    Optional<Lease> leaseOf(UUID operationId);

    /** The operation with its lease, as one read sees them: what an attempt works from. */
    default Optional<LeasedOperation> findLeased(UUID id) {
        return find(id).map(operation -> new LeasedOperation(operation, leaseOf(id)));
    }

    /**
     * Extends a lease that is still held by the same claim (owner and epoch) and not expired at
     * {@code now}; false when it was lost, and then nothing changes.
     */
    boolean renew(Lease lease, Instant now, Instant until);

    /**
     * Takes the lease of an unfinished operation whoever holds it, live or not, with a new epoch:
     * the attempt that held it is fenced off (it renews and records nothing more). False, and
     * nothing changes, when the operation is finished or unknown.
     */
    boolean takeOver(UUID operationId, String owner, Instant leaseUntil);

    /** Gives up a lease this owner holds. */
    void release(UUID operationId, String owner);

    /**
     * {@link #update} and then {@link #release} by {@code owner}, as an attempt records its outcome: an
     * adapter may write both at once.
     */
    default void updateReleasing(Operation operation, String owner) {
        update(operation);
        release(operation.id(), owner);
    }

    /** The stored operations counted by kind and status; kinds and statuses without any are left out. */
    List<OperationCount> countByKindAndStatus();

    /**
     * The driver's backlog at {@code now}: unfinished operations due and not leased, and
     * operations whose lease is live (an attempt is under way, in some process).
     */
    Backlog backlog(Instant now);

    /**
     * Operations that may be forgotten: finished before {@code finishedBefore} (their last update)
     * and not the latest of their VPS, which a late poll reads. At most {@code limit}, oldest first.
     */
    List<UUID> findPrunable(Instant finishedBefore, int limit);

    /**
     * Deletes those of {@code operationIds} that {@link #findPrunable} would still return; their
     * transitions must be deleted first. Answers how many it deleted.
     */
    int deletePrunable(Collection<UUID> operationIds, Instant finishedBefore);

    record Backlog(long due, long leased) {
    }
}
