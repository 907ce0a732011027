package org.vpsconnector.application.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.ConcurrentWriteException;
import org.vpsconnector.application.port.out.ContextRepository;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.ControllerUpdateRepository;
import org.vpsconnector.application.port.out.InstanceRepository;
import org.vpsconnector.application.port.out.OperationCount;
import org.vpsconnector.application.port.out.OperationFilter;
import org.vpsconnector.application.port.out.OperationRepository;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.RequestedVps;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.port.out.TransitionLog;
import org.vpsconnector.application.port.out.UsageRepository;
import org.vpsconnector.application.port.out.VpsFilter;
import org.vpsconnector.application.port.out.VpsRepository;
import org.vpsconnector.application.port.out.RevisedVps;
import org.vpsconnector.application.port.out.VpsRevision;
import org.vpsconnector.application.port.out.VpsWithLatestOperation;
import org.vpsconnector.application.port.out.VpsWithUsage;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.DrainRepository;
import org.vpsconnector.application.port.out.HostLoad;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.MeteredUsage;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.SubscriptionContext;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

/**
 * A database in maps. Each transaction works on a copy of the committed state, which replaces it
 * only if the work returns normally: an exception rolls everything back. Transactions run one at a
 * time (serializable). Otherwise it answers as the SQL adapter does, which the repository contract
 * checks on both ({@code InMemoryRepositoryContractTest}): a lease is live while {@code leaseUntil >= now},
 * instants are kept to the microsecond, and listings come in the order the SQL sorts them.
 */
public final class InMemoryTransactions implements Transactions {

    /** A stored operation with the columns only the repository sees. */
    /** {@code revision} counts the updates of the operation; a lease taken, renewed or given up is none. */
    public record StoredOperation(Operation operation, long seq, String leaseOwner, Instant leaseUntil, long leaseEpoch,
                                  long revision) {
        boolean leaseLiveAt(Instant now) {
            return leaseUntil != null && !leaseUntil.isBefore(now);
        }

        StoredOperation with(Operation changed) {
            return new StoredOperation(changed, seq, leaseOwner, leaseUntil, leaseEpoch, revision + 1);
        }

        StoredOperation leased(String owner, Instant until) {
            return new StoredOperation(operation, seq, owner, until, leaseEpoch, revision);
        }

        StoredOperation claimed(String owner, Instant until) {
            return new StoredOperation(operation, seq, owner, until, leaseEpoch + 1, revision);
        }
    }

    /** An instant as the databases keep it: to the microsecond, rounded half up. */
    static Instant micros(Instant instant) {
        if (instant == null) {
            return null;
        }
        Instant truncated = instant.truncatedTo(ChronoUnit.MICROS);
        return instant.getNano() % 1000 >= 500 ? truncated.plusNanos(1000) : truncated;
    }

    // As the databases order UUIDs, byte by byte; UUID.compareTo compares its halves as signed numbers.
    private static final Comparator<UUID> UUID_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    // ---- each record as the database gives it back

    private static Vps kept(Vps vps) {
        return new Vps(vps.id(), vps.instanceId(), vps.spec(), vps.lifecycle(), vps.state(), micros(vps.createdAt()),
                micros(vps.modifiedAt()), vps.resumeTo(), vps.ipv4(), vps.host());
    }

    private static Operation kept(Operation operation) {
        return new Operation(operation.id(), operation.vpsId(), operation.kind(), operation.status(), operation.target(),
                operation.attempts(), micros(operation.nextAttemptAt()), operation.lastError(), operation.info(),
                micros(operation.createdAt()), micros(operation.updatedAt()), operation.transactionId());
    }

    private static OperationTransition kept(OperationTransition transition) {
        return new OperationTransition(transition.operationId(), transition.vpsId(), transition.from(), transition.to(),
                transition.attempts(), transition.info(), micros(transition.at()));
    }

    private static ApplicationInstance kept(ApplicationInstance instance) {
        return new ApplicationInstance(instance.id(), instance.controllerUri(), instance.selfCertificate(),
                instance.controllerCertificate(), instance.version(), micros(instance.installedAt()));
    }

    private static SubscriptionContext kept(SubscriptionContext context) {
        return new SubscriptionContext(context.id(), context.instanceId(), context.subscriptionId(), context.accountId(),
                micros(context.createdAt()));
    }

    private static ControllerUpdate kept(ControllerUpdate update) {
        return new ControllerUpdate(update.id(), update.resourceId(), update.instanceId(), update.transactionId(),
                update.representation(), update.status(), update.attempts(), micros(update.nextAttemptAt()),
                update.lastError(), micros(update.createdAt()), micros(update.finishedAt()));
    }

    private static MeteredUsage kept(MeteredUsage usage) {
        return new MeteredUsage(usage.vpsId(), usage.cpuNanos(), usage.memoryBytes(), usage.diskBytes(),
                usage.networkInBytes(), usage.networkOutBytes(), usage.run(), micros(usage.measuredAt()));
    }

    private static Drain kept(Drain drain) {
        return new Drain(drain.scope(), drain.reason(), micros(drain.drainedAt()));
    }

    /** A stored controller update with its lease. */
    public record StoredUpdate(ControllerUpdate update, String leaseOwner, Instant leaseUntil) {
        boolean leaseLiveAt(Instant now) {
            return leaseUntil != null && !leaseUntil.isBefore(now);
        }
    }

    /** One status an operation was written with: from {@code null} on insert. */
    public record StatusChange(UUID operationId, OperationStatus from, OperationStatus to) {
    }

    private static final class State {
        final Map<UUID, Vps> vpses = new LinkedHashMap<>();
        // The updates of each VPS, counted.
        final Map<UUID, Long> vpsRevisions = new LinkedHashMap<>();
        final Map<UUID, StoredOperation> operations = new LinkedHashMap<>();
        final List<OperationTransition> transitions = new ArrayList<>();
        final List<StatusChange> statusChanges = new ArrayList<>();
        final Map<UUID, ApplicationInstance> instances = new LinkedHashMap<>();
        final Map<UUID, SubscriptionContext> contexts = new LinkedHashMap<>();
        // In the order they were added, as the seq column orders them.
        final Map<UUID, StoredUpdate> controllerUpdates = new LinkedHashMap<>();
        final Map<UUID, UsageRecord> usage = new LinkedHashMap<>();
        final Map<String, Drain> drains = new LinkedHashMap<>();
        long seq;

        State copy() {
            State copy = new State();
            copy.vpses.putAll(vpses);
            copy.vpsRevisions.putAll(vpsRevisions);
            copy.operations.putAll(operations);
            copy.transitions.addAll(transitions);
            copy.statusChanges.addAll(statusChanges);
            copy.instances.putAll(instances);
            copy.contexts.putAll(contexts);
            copy.controllerUpdates.putAll(controllerUpdates);
            copy.drains.putAll(drains);
            copy.usage.putAll(usage);
            copy.seq = seq;
            return copy;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private volatile State committed = new State();
    private volatile boolean down;
    private int refuseNext;
    private Runnable onRefusal = () -> { };
    private int commits;
    private int rollbacks;

    @Override
    public <T> T inTransaction(Work<T> work) {
        lock.lock();
        try {
            refuseIfUnavailable();
            if (lock.getHoldCount() > 1) {
                throw new IllegalStateException("nested transaction");
            }
            State working = committed.copy();
            T result;
            try {
                result = work.run(repositories(working));
            } catch (RuntimeException | Error failure) {
                rollbacks++;
                throw failure;
            }
            committed = working;
            commits++;
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads what is committed, as the SQL adapter's reads do without BEGIN and COMMIT: nothing the
     * work writes is kept, and no commit is counted.
     */
    @Override
    public <T> T read(Work<T> work) {
        lock.lock();
        try {
            refuseIfUnavailable();
            return work.run(repositories(committed.copy()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void ping() {
        lock.lock();
        try {
            refuseIfUnavailable();
        } finally {
            lock.unlock();
        }
    }

    /** While down, every transaction is refused as the SQL adapter refuses it when the database is unreachable. */
    public void setDown(boolean down) {
        this.down = down;
    }

    /** The next {@code transactions} are refused, as by a database that is restarting. */
    public void refuseNext(int transactions) {
        lock.lock();
        try {
            refuseNext = transactions;
        } finally {
            lock.unlock();
        }
    }

    /** Runs on every refused transaction, e.g. to let a connect time-out pass on the test clock. */
    public void onRefusal(Runnable action) {
        this.onRefusal = action;
    }

    private void refuseIfUnavailable() {
        if (down || refuseNext > 0) {
            refuseNext = Math.max(0, refuseNext - 1);
            onRefusal.run();
            throw new RepositoryUnavailableException("the database is unavailable: connection refused", null);
        }
    }

    // ---- what a test reads: the committed state

    public int commits() {
        lock.lock();
        try {
            return commits;
        } finally {
            lock.unlock();
        }
    }

    public int rollbacks() {
        lock.lock();
        try {
            return rollbacks;
        } finally {
            lock.unlock();
        }
    }

    public Optional<Vps> vps(UUID id) {
        return Optional.ofNullable(committed.vpses.get(id));
    }

    public List<Vps> vpses() {
        return List.copyOf(committed.vpses.values());
    }

    public Optional<Operation> operation(UUID id) {
        return Optional.ofNullable(committed.operations.get(id)).map(StoredOperation::operation);
    }

    public Optional<StoredOperation> stored(UUID operationId) {
        return Optional.ofNullable(committed.operations.get(operationId));
    }

    /** Every operation in the order it was inserted. */
    public List<Operation> operations() {
        return committed.operations.values().stream().map(StoredOperation::operation).toList();
    }

    public List<Operation> operationsOf(UUID vpsId) {
        return operations().stream().filter(operation -> operation.vpsId().equals(vpsId)).toList();
    }

    public List<OperationTransition> transitions() {
        return List.copyOf(committed.transitions);
    }

    public List<StatusChange> statusChanges() {
        return List.copyOf(committed.statusChanges);
    }

    public Optional<ApplicationInstance> instance(UUID id) {
        return Optional.ofNullable(committed.instances.get(id));
    }

    public Optional<SubscriptionContext> context(UUID id) {
        return Optional.ofNullable(committed.contexts.get(id));
    }

    /** Every controller update stored, in the order they were added. */
    public List<ControllerUpdate> controllerUpdates() {
        return committed.controllerUpdates.values().stream().map(StoredUpdate::update).toList();
    }

    public Optional<MeteredUsage> usage(UUID vpsId) {
        return Optional.ofNullable(committed.usage.get(vpsId)).map(UsageRecord::figures);
    }

    private static Repositories repositories(State state) {
        return new Repositories(new Vpses(state), new Operations(state), new Transitions(state),
                new Instances(state), new Contexts(state), new ControllerUpdates(state),
                new Usage(state), new Drains(state));
    }

    private record Drains(State state) implements DrainRepository {
        @Override
        public Optional<Drain> find(String scope) {
            return Optional.ofNullable(state.drains.get(scope));
        }

        @Override
        public void drain(Drain drain) {
            state.drains.putIfAbsent(drain.scope(), kept(drain));
        }

        @Override
        public boolean undrain(String scope) {
            return state.drains.remove(scope) != null;
        }

        @Override
        public List<Drain> list() {
            return state.drains.values().stream()
                    .sorted(Comparator.comparing(Drain::drainedAt).thenComparing(Drain::scope))
                    .toList();
        }
    }

    private record Vpses(State state) implements VpsRepository {
        private static final Comparator<Vps> OLDEST_FIRST = Comparator
                .comparing(Vps::createdAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
                .thenComparing(Vps::id, UUID_ORDER);

        @Override
        public Optional<Vps> find(UUID id) {
            return Optional.ofNullable(state.vpses.get(id));
        }

        @Override
        public Optional<VpsWithUsage> findWithUsageOfInstalledInstance(UUID id) {
            return find(id).filter(vps -> state.instances.containsKey(vps.instanceId()))
                    .map(vps -> new VpsWithUsage(vps, new Usage(state).find(id)));
        }

        @Override
        public RequestedVps findRequested(UUID instanceId, UUID id) {
            return new RequestedVps(state.instances.containsKey(instanceId), find(id), new Operations(state).latestFor(id));
        }

        // Transactions here run one at a time, so a lock is a read.
        @Override
        public Optional<Vps> lock(UUID id) {
            return find(id);
        }

        @Override
        public List<RevisedVps> findRevised(List<UUID> ids) {
            return ids.stream().distinct().flatMap(id -> find(id).stream()).map(this::revised).toList();
        }

        @Override
        public void insert(Vps vps) {
            if (state.vpses.putIfAbsent(vps.id(), kept(vps)) != null) {
                throw new ConcurrentWriteException("duplicate key: VPS " + vps.id(), null);
            }
        }

        @Override
        public void update(Vps vps) {
            if (state.vpses.replace(vps.id(), kept(vps)) == null) {
                throw new IllegalStateException("no VPS " + vps.id() + " to update");
            }
            state.vpsRevisions.merge(vps.id(), 1L, Long::sum);
        }

        @Override
        public List<Vps> listByInstance(UUID instanceId) {
            return state.vpses.values().stream().filter(vps -> vps.instanceId().equals(instanceId))
                    .sorted(OLDEST_FIRST).toList();
        }

        @Override
        public List<VpsRevision> listNotDeletedRevisions() {
            return state.vpses.values().stream().filter(vps -> vps.lifecycle() != Lifecycle.DELETED)
                    .sorted(OLDEST_FIRST).map(vps -> revised(vps).revision()).toList();
        }

        private RevisedVps revised(Vps vps) {
            Optional<StoredOperation> latest = new Operations(state).latestFor(vps.id())
                    .map(operation -> state.operations.get(operation.id()));
            return new RevisedVps(new VpsWithLatestOperation(vps, latest.map(StoredOperation::operation)),
                    state.vpsRevisions.getOrDefault(vps.id(), 0L), latest.map(StoredOperation::revision).orElse(0L));
        }

        @Override
        public List<Vps> listNotDeletedAfter(UUID after, int limit) {
            return state.vpses.values().stream().filter(vps -> vps.lifecycle() != Lifecycle.DELETED)
                    .filter(vps -> after == null || UUID_ORDER.compare(vps.id(), after) > 0)
                    .sorted(Comparator.comparing(Vps::id, UUID_ORDER)).limit(limit).toList();
        }

        @Override
        public List<Vps> list(VpsFilter filter) {
            return state.vpses.values().stream()
                    .filter(vps -> vps.lifecycle() != Lifecycle.DELETED)
                    .filter(vps -> filter.instanceId() == null || filter.instanceId().equals(vps.instanceId()))
                    .filter(vps -> filter.state() == null || filter.state() == vps.state())
                    .filter(vps -> filter.host() == null || (vps.technology() == filter.hostTechnology()
                            && (filter.host().equals(vps.host()) || (filter.hostHoldsUnplaced() && vps.host() == null))))
                    .sorted(Comparator.comparing(Vps::modifiedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                            .thenComparing(Vps::id, UUID_ORDER))
                    .limit(filter.limit())
                    .toList();
        }

        // Transactions here run one at a time: placements never overlap.
        @Override
        public void lockPlacement(Technology technology) {
        }

        @Override
        public List<HostLoad> loadByHost(Technology technology, UUID subscriptionId) {
            Map<String, HostLoad> loads = new LinkedHashMap<>();
            for (Vps vps : state.vpses.values()) {
                if (vps.technology() != technology || vps.lifecycle() == Lifecycle.DELETED
                        || vps.lifecycle() == Lifecycle.FAILED) {
                    continue;
                }
                HostLoad one = new HostLoad(vps.host(), 1, vps.spec().hardware().memoryGb(), vps.spec().hardware().cpuCount(),
                        subscriptionId != null && subscriptionId.equals(vps.spec().subscriptionId()) ? 1 : 0);
                loads.merge(vps.host(), one, HostLoad::plus);
            }
            return List.copyOf(loads.values());
        }
    }

    private record Operations(State state) implements OperationRepository {
        private static final Comparator<StoredOperation> NEWEST_FIRST = Comparator
                .comparing((StoredOperation stored) -> stored.operation().createdAt(),
                        Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                .thenComparingLong(StoredOperation::seq)
                .reversed();

        @Override
        public void insert(Operation operation) {
            if (state.operations.containsKey(operation.id())) {
                throw new ConcurrentWriteException("duplicate key: operation " + operation.id(), null);
            }
            if (!state.vpses.containsKey(operation.vpsId())) {
                throw new IllegalStateException("foreign key: no VPS " + operation.vpsId());
            }
            state.operations.put(operation.id(), new StoredOperation(kept(operation), ++state.seq, null, null, 0, 0));
            state.statusChanges.add(new StatusChange(operation.id(), null, operation.status()));
        }

        @Override
        public Lease insertClaimed(Operation operation, String owner, Instant leaseUntil) {
            insert(operation);
            // Accepted and begun in one write: the status went through both.
            state.statusChanges.remove(state.statusChanges.size() - 1);
            state.statusChanges.add(new StatusChange(operation.id(), null, OperationStatus.ACCEPTED));
            state.statusChanges.add(new StatusChange(operation.id(), OperationStatus.ACCEPTED, operation.status()));
            StoredOperation inserted = state.operations.get(operation.id());
            state.operations.put(operation.id(), inserted.claimed(Objects.requireNonNull(owner, "owner"), micros(leaseUntil)));
            return leaseOf(operation.id()).orElseThrow();
        }

        @Override
        public void update(Operation operation) {
            StoredOperation stored = state.operations.get(operation.id());
            if (stored == null) {
                throw new IllegalStateException("no operation " + operation.id() + " to update");
            }
            if (stored.operation().status() != operation.status()) {
                state.statusChanges.add(new StatusChange(operation.id(), stored.operation().status(), operation.status()));
            }
            state.operations.put(operation.id(), stored.with(kept(operation)));
        }

        @Override
        public Optional<Operation> find(UUID id) {
            return Optional.ofNullable(state.operations.get(id)).map(StoredOperation::operation);
        }

        @Override
        public Optional<Operation> latestFor(UUID vpsId) {
            return state.operations.values().stream()
                    .filter(stored -> stored.operation().vpsId().equals(vpsId))
                    .sorted(NEWEST_FIRST)
                    .map(StoredOperation::operation)
                    .findFirst();
        }

        @Override
        public List<Operation> listForVps(UUID vpsId, int limit) {
            return state.operations.values().stream().filter(stored -> stored.operation().vpsId().equals(vpsId))
                    .sorted(NEWEST_FIRST).limit(limit).map(StoredOperation::operation).toList();
        }

        @Override
        public List<Operation> list(OperationFilter filter, int limit) {
            return state.operations.values().stream().sorted(NEWEST_FIRST)
                    .map(StoredOperation::operation)
                    .filter(operation -> keeps(filter, operation))
                    .limit(limit)
                    .toList();
        }

        /** As the SQL adapter filters: by the operation's status and kind, its VPS's instance and host. */
        private boolean keeps(OperationFilter filter, Operation operation) {
            Vps vps = state.vpses.get(operation.vpsId());
            boolean onHost = filter.host() == null
                    || filter.host().equals(vps.host())
                    || vps.host() == null && (vps.technology() == Technology.CONTAINER
                            ? filter.hostIsFirstContainerHost() : filter.hostIsFirstHypervisorHost());
            return (filter.status() == null || filter.status() == operation.status())
                    && (filter.kind() == null || filter.kind() == operation.kind())
                    && (filter.instanceId() == null || filter.instanceId().equals(vps.instanceId()))
                    && onHost;
        }

        @Override
        public boolean takeOver(UUID operationId, String owner, Instant leaseUntil) {
            Objects.requireNonNull(owner, "owner");
            StoredOperation stored = state.operations.get(operationId);
            if (stored == null || stored.operation().isFinished()) {
                return false;
            }
            state.operations.put(operationId, stored.claimed(owner, micros(leaseUntil)));
            return true;
        }

        @Override
        public List<UUID> findDue(Instant at, int limit) {
            Instant now = micros(at);
            return state.operations.values().stream()
                    .filter(stored -> isDue(stored.operation(), now) && isFree(stored, now))
                    .sorted(Comparator.comparing((StoredOperation stored) -> stored.operation().nextAttemptAt(),
                                    Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                            .thenComparingLong(StoredOperation::seq))
                    .limit(limit)
                    .map(stored -> stored.operation().id())
                    .toList();
        }

        @Override
        public boolean claim(UUID operationId, String owner, Instant now, Instant leaseUntil) {
            Objects.requireNonNull(owner, "owner");
            StoredOperation stored = state.operations.get(operationId);
            if (stored == null || !isFree(stored, micros(now))) {
                return false;
            }
            state.operations.put(operationId, stored.claimed(owner, micros(leaseUntil)));
            return true;
        }

        @Override
        public Optional<Lease> leaseOf(UUID operationId) {
            StoredOperation stored = state.operations.get(operationId);
            return stored == null || stored.leaseOwner() == null ? Optional.empty()
                    : Optional.of(new Lease(operationId, stored.leaseOwner(), stored.leaseEpoch(), stored.leaseUntil()));
        }

        @Override
        public boolean renew(Lease lease, Instant now, Instant until) {
            Optional<Lease> held = leaseOf(lease.operationId());
            if (held.isEmpty() || !held.get().sameClaimAs(lease) || !held.get().liveAt(micros(now))) {
                return false;
            }
            state.operations.put(lease.operationId(),
                    state.operations.get(lease.operationId()).leased(lease.owner(), micros(until)));
            return true;
        }

        @Override
        public boolean isLeasedBy(UUID operationId, String owner) {
            StoredOperation stored = state.operations.get(operationId);
            return stored != null && owner.equals(stored.leaseOwner());
        }

        @Override
        public void release(UUID operationId, String owner) {
            StoredOperation stored = state.operations.get(operationId);
            if (stored != null && owner.equals(stored.leaseOwner())) {
                state.operations.put(operationId, stored.leased(null, null));
            }
        }

        @Override
        public List<OperationCount> countByKindAndStatus() {
            Map<List<Object>, Long> counts = new LinkedHashMap<>();
            for (StoredOperation stored : state.operations.values()) {
                counts.merge(List.of(stored.operation().kind(), stored.operation().status()), 1L, Long::sum);
            }
            List<OperationCount> answer = new ArrayList<>();
            counts.forEach((key, count) -> answer.add(new OperationCount((OperationKind) key.get(0),
                    (OperationStatus) key.get(1), count)));
            return answer;
        }

        @Override
        public Backlog backlog(Instant at) {
            Instant now = micros(at);
            long due = state.operations.values().stream()
                    .filter(stored -> isDue(stored.operation(), now) && !stored.leaseLiveAt(now)).count();
            long leased = state.operations.values().stream().filter(stored -> stored.leaseLiveAt(now)).count();
            return new Backlog(due, leased);
        }

        @Override
        public List<UUID> findPrunable(Instant finishedBefore, int limit) {
            return state.operations.values().stream()
                    .filter(stored -> isPrunable(stored, micros(finishedBefore)))
                    .sorted(Comparator.comparing((StoredOperation stored) -> stored.operation().updatedAt())
                            .thenComparingLong(StoredOperation::seq))
                    .limit(limit)
                    .map(stored -> stored.operation().id())
                    .toList();
        }

        @Override
        public int deletePrunable(Collection<UUID> operationIds, Instant finishedBefore) {
            int deleted = 0;
            for (UUID id : operationIds) {
                StoredOperation stored = state.operations.get(id);
                if (stored != null && isPrunable(stored, micros(finishedBefore))) {
                    if (state.transitions.stream().anyMatch(transition -> transition.operationId().equals(id))) {
                        throw new IllegalStateException("foreign key: operation " + id + " still has transitions");
                    }
                    state.operations.remove(id);
                    deleted++;
                }
            }
            return deleted;
        }

        private boolean isPrunable(StoredOperation stored, Instant finishedBefore) {
            Operation operation = stored.operation();
            return operation.isFinished()
                    && operation.updatedAt() != null && operation.updatedAt().isBefore(finishedBefore)
                    && !latestFor(operation.vpsId()).map(Operation::id).orElseThrow().equals(operation.id());
        }

        /** Unfinished, and its next attempt time (if any) has come. */
        private static boolean isDue(Operation operation, Instant now) {
            return !operation.isFinished()
                    && (operation.nextAttemptAt() == null || !operation.nextAttemptAt().isAfter(now));
        }

        /** Unfinished, not leased, and no other operation of its VPS leased: whether it is due is the caller's business. */
        private boolean isFree(StoredOperation stored, Instant now) {
            Operation operation = stored.operation();
            return !operation.isFinished()
                    && !stored.leaseLiveAt(now)
                    && state.operations.values().stream().noneMatch(other ->
                            other != stored
                                    && other.operation().vpsId().equals(operation.vpsId())
                                    && other.leaseLiveAt(now));
        }
    }

    private record Transitions(State state) implements TransitionLog {
        @Override
        public void record(OperationTransition transition) {
            if (!state.operations.containsKey(transition.operationId())) {
                throw new IllegalStateException("foreign key: no operation " + transition.operationId());
            }
            state.transitions.add(kept(transition));
        }

        @Override
        public List<OperationTransition> forOperation(UUID operationId) {
            return state.transitions.stream().filter(transition -> transition.operationId().equals(operationId)).toList();
        }

        @Override
        public int deleteOf(Collection<UUID> operationIds) {
            int before = state.transitions.size();
            state.transitions.removeIf(transition -> operationIds.contains(transition.operationId()));
            return before - state.transitions.size();
        }
    }

    private record Instances(State state) implements InstanceRepository {
        @Override
        public Optional<ApplicationInstance> find(UUID id) {
            return Optional.ofNullable(state.instances.get(id));
        }

        @Override
        public boolean isInstalled(UUID id) {
            return state.instances.containsKey(id);
        }

        @Override
        public Optional<String> controllerCertificateOf(UUID id) {
            return Optional.ofNullable(state.instances.get(id))
                    .map(instance -> instance.controllerCertificate() == null ? "" : instance.controllerCertificate());
        }

        @Override
        public void save(ApplicationInstance instance) {
            state.instances.put(instance.id(), kept(instance));
        }

        @Override
        public void delete(UUID id) {
            state.instances.remove(id);
        }
    }

    private record Contexts(State state) implements ContextRepository {
        @Override
        public Optional<SubscriptionContext> find(UUID id) {
            return Optional.ofNullable(state.contexts.get(id));
        }

        @Override
        public void save(SubscriptionContext context) {
            state.contexts.put(context.id(), kept(context));
        }

        @Override
        public void delete(UUID id) {
            state.contexts.remove(id);
        }
    }

    private record ControllerUpdates(State state) implements ControllerUpdateRepository {
        @Override
        public void add(ControllerUpdate update) {
            if (state.controllerUpdates.putIfAbsent(update.id(), new StoredUpdate(kept(update), null, null)) != null) {
                throw new ConcurrentWriteException("duplicate key: controller update " + update.id(), null);
            }
        }

        @Override
        public Optional<ControllerUpdate> find(UUID id) {
            return Optional.ofNullable(state.controllerUpdates.get(id)).map(StoredUpdate::update);
        }

        @Override
        public List<ControllerUpdate> findDue(Instant now, int limit) {
            return state.controllerUpdates.values().stream()
                    .filter(stored -> isDue(stored, micros(now)))
                    .map(StoredUpdate::update)
                    .sorted(Comparator.comparing(ControllerUpdate::nextAttemptAt))
                    .limit(limit)
                    .toList();
        }

        @Override
        public boolean claim(UUID id, String owner, Instant now, Instant leaseUntil) {
            StoredUpdate stored = state.controllerUpdates.get(id);
            if (stored == null || !isDue(stored, micros(now))) {
                return false;
            }
            state.controllerUpdates.put(id, new StoredUpdate(stored.update(), owner, micros(leaseUntil)));
            return true;
        }

        @Override
        public boolean recordAttempt(ControllerUpdate attempted, String owner) {
            StoredUpdate stored = state.controllerUpdates.get(attempted.id());
            if (stored == null || !owner.equals(stored.leaseOwner())) {
                return false;
            }
            // The outcome only: what was sent, and for whom, stays as it was added.
            ControllerUpdate added = stored.update();
            ControllerUpdate outcome = new ControllerUpdate(added.id(), added.resourceId(), added.instanceId(),
                    added.transactionId(), added.representation(), attempted.status(), attempted.attempts(),
                    attempted.nextAttemptAt(), attempted.lastError(), added.createdAt(), attempted.finishedAt());
            state.controllerUpdates.put(attempted.id(), new StoredUpdate(kept(outcome), null, null));
            return true;
        }

        @Override
        public List<ControllerUpdate> listPending(int limit) {
            return pending().limit(limit).toList();
        }

        @Override
        public Backlog backlog() {
            List<ControllerUpdate> pending = pending().toList();
            return new Backlog(pending.size(), pending.stream().map(ControllerUpdate::createdAt).min(Comparator.naturalOrder()));
        }

        @Override
        public int pruneFinished(Instant before) {
            List<UUID> finished = state.controllerUpdates.values().stream().map(StoredUpdate::update)
                    .filter(update -> update.status() != ControllerUpdate.Status.PENDING
                            && update.finishedAt() != null && update.finishedAt().isBefore(micros(before)))
                    .map(ControllerUpdate::id)
                    .toList();
            finished.forEach(state.controllerUpdates::remove);
            return finished.size();
        }

        private java.util.stream.Stream<ControllerUpdate> pending() {
            return state.controllerUpdates.values().stream().map(StoredUpdate::update)
                    .filter(update -> update.status() == ControllerUpdate.Status.PENDING);
        }

        /** Pending, due, not leased, and the first pending update of its resource. */
        private boolean isDue(StoredUpdate stored, Instant now) {
            ControllerUpdate update = stored.update();
            return update.status() == ControllerUpdate.Status.PENDING
                    && !update.nextAttemptAt().isAfter(now)
                    && !stored.leaseLiveAt(now)
                    && pending().filter(other -> other.resourceId().equals(update.resourceId())).findFirst()
                            .map(first -> first.id().equals(update.id())).orElse(false);
        }
    }

    /** The one record of a VPS's usage: its figures once measured, and the meter's claim while one holds it. */
    private record UsageRecord(MeteredUsage figures, String claimedBy, Instant claimedUntil) {
        boolean claimableBy(String meter, Instant now) {
            return claimedUntil == null || claimedUntil.isBefore(now) || meter.equals(claimedBy);
        }

        boolean heldBy(String meter, Instant now) {
            return meter.equals(claimedBy) && claimedUntil != null && !claimedUntil.isBefore(now);
        }
    }

    private record Usage(State state) implements UsageRepository {
        @Override
        public Optional<MeteredUsage> find(UUID vpsId) {
            return Optional.ofNullable(state.usage.get(vpsId)).map(UsageRecord::figures);
        }

        @Override
        public boolean claim(UUID vpsId, String meter, Instant now, Instant until) {
            if (isDeletedOrNotStored(vpsId)) {
                return false;
            }
            UsageRecord held = state.usage.get(vpsId);
            if (held == null) {
                state.usage.put(vpsId, new UsageRecord(null, meter, micros(until)));
                return true;
            }
            if (!held.claimableBy(meter, micros(now))) {
                return false;
            }
            state.usage.put(vpsId, new UsageRecord(held.figures(), meter, micros(until)));
            return true;
        }

        @Override
        public boolean saveIfClaimedBy(MeteredUsage usage, String meter, Instant now) {
            UsageRecord held = state.usage.get(usage.vpsId());
            if (held == null || !held.heldBy(meter, micros(now)) || isDeletedOrNotStored(usage.vpsId())) {
                return false;
            }
            state.usage.put(usage.vpsId(), new UsageRecord(kept(usage), null, null));
            return true;
        }

        private boolean isDeletedOrNotStored(UUID vpsId) {
            Vps vps = state.vpses.get(vpsId);
            return vps == null || vps.lifecycle() == Lifecycle.DELETED;
        }

        @Override
        public void release(UUID vpsId, String meter) {
            state.usage.computeIfPresent(vpsId, (id, held) ->
                    meter.equals(held.claimedBy()) ? new UsageRecord(held.figures(), null, null) : held);
        }

        @Override
        public int removeOfDeletedVpses() {
            int before = state.usage.size();
            state.usage.keySet().removeIf(vpsId -> {
                Vps vps = state.vpses.get(vpsId);
                return vps == null || vps.lifecycle() == Lifecycle.DELETED;
            });
            return before - state.usage.size();
        }
    }
}
