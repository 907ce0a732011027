package org.vpsconnector.application.driver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.vpsconnector.application.callback.ControllerUpdates;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.LeasedOperation;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.OperationObserver;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.port.out.VpsRepository;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.fleet.HostConditions;
import org.vpsconnector.domain.Backoff;
import org.vpsconnector.domain.ExecutionMode;
import org.vpsconnector.domain.OperatingSystem;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

/**
 * Makes one attempt at an operation whose lease the caller holds, and records its outcome. No
 * transaction stays open across a backend call: the operation is read, the backend is called,
 * and the result is written in a second transaction that also gives the lease up.
 */
public final class OperationRunner {
    private static final System.Logger LOG = System.getLogger(OperationRunner.class.getName());
    private static final int DEFAULT_IN_REQUEST_ATTEMPTS = 64;

    private final Transactions transactions;
    private final OperationSteps steps;
    private final HostConditions hosts;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration guestCheckInterval;
    private final Duration leaseDuration;
    private final RecordingRetry recording;
    private final AttemptWatch watch;
    private final InRequestAttempts inRequest;
    private final ControllerUpdates controllerUpdates;
    private final LogContext logContext;
    private final OperationObserver observer;
    private final ObservedDurations durations = new ObservedDurations();
    private volatile Consumer<Instant> dueListener = at -> { };

    OperationRunner(Transactions transactions, OperationSteps steps, HostConditions hosts, Clock clock, Backoff backoff,
                    Duration guestCheckInterval, Duration leaseDuration, int maxInRequestAttempts,
                    ControllerUpdates controllerUpdates, LogContext logContext, OperationObserver observer) {
        this.transactions = transactions;
        this.steps = steps;
        this.hosts = hosts;
        this.clock = clock;
        this.backoff = backoff;
        this.guestCheckInterval = guestCheckInterval;
        this.leaseDuration = leaseDuration;
        this.recording = RecordingRetry.withinLease(transactions, clock, leaseDuration);
        this.watch = new AttemptWatch(clock);
        this.inRequest = new InRequestAttempts(maxInRequestAttempts, logContext);
        this.controllerUpdates = controllerUpdates;
        this.logContext = logContext;
        this.observer = observer;
    }

    public static OperationRunner create(Transactions transactions, Fleet fleet, Clock clock,
                                         ProvisioningSettings settings, Duration leaseDuration,
                                         ControllerUpdates controllerUpdates) {
        return create(transactions, fleet, clock, settings, leaseDuration, DEFAULT_IN_REQUEST_ATTEMPTS,
                controllerUpdates);
    }

    /** {@code maxInRequestAttempts}: requests whose work may run at once; more are answered 202 and left to the driver. */
    public static OperationRunner create(Transactions transactions, Fleet fleet, Clock clock,
                                         ProvisioningSettings settings, Duration leaseDuration, int maxInRequestAttempts,
                                         ControllerUpdates controllerUpdates) {
        return create(transactions, fleet, clock, settings, leaseDuration, maxInRequestAttempts, controllerUpdates,
                LogContext.NONE);
    }

    /** {@code logContext} marks every line an attempt writes with its operation's transaction and its VPS's instance. */
    public static OperationRunner create(Transactions transactions, Fleet fleet, Clock clock,
                                         ProvisioningSettings settings, Duration leaseDuration, int maxInRequestAttempts,
                                         ControllerUpdates controllerUpdates, LogContext logContext) {
        return create(transactions, new HostConditions(fleet, clock), clock, settings, leaseDuration, maxInRequestAttempts,
                controllerUpdates, logContext);
    }

    /** Like {@link #create(Transactions, HostConditions, Clock, ProvisioningSettings, Duration, int, ControllerUpdates, LogContext)}, with the usual bound on work in requests. */
    public static OperationRunner create(Transactions transactions, HostConditions hosts, Clock clock,
                                         ProvisioningSettings settings, Duration leaseDuration,
                                         ControllerUpdates controllerUpdates, LogContext logContext) {
        return create(transactions, hosts, clock, settings, leaseDuration, DEFAULT_IN_REQUEST_ATTEMPTS, controllerUpdates,
                logContext);
    }

    /**
     * {@code hosts}: the fleet with what its last checks found; an operation of a VPS whose host
     * is down waits for the host instead of spending its attempts.
     */
    public static OperationRunner create(Transactions transactions, HostConditions hosts, Clock clock,
                                         ProvisioningSettings settings, Duration leaseDuration, int maxInRequestAttempts,
                                         ControllerUpdates controllerUpdates, LogContext logContext) {
        return create(transactions, hosts, clock, settings, leaseDuration, maxInRequestAttempts, controllerUpdates,
                logContext, OperationObserver.NONE);
    }

    /** Like the next, with the usual bound on work in requests. */
    public static OperationRunner create(Transactions transactions, HostConditions hosts, Clock clock,
                                         ProvisioningSettings settings, Duration leaseDuration,
                                         ControllerUpdates controllerUpdates, LogContext logContext,
                                         OperationObserver observer) {
        return create(transactions, hosts, clock, settings, leaseDuration, DEFAULT_IN_REQUEST_ATTEMPTS, controllerUpdates,
                logContext, observer);
    }

    /** {@code observer} is told how long each attempt took and of each operation an attempt ended. */
    public static OperationRunner create(Transactions transactions, HostConditions hosts, Clock clock,
                                         ProvisioningSettings settings, Duration leaseDuration, int maxInRequestAttempts,
                                         ControllerUpdates controllerUpdates, LogContext logContext,
                                         OperationObserver observer) {
        OperationSteps steps = new OperationSteps(hosts.fleet(), new LeaseKeeper(transactions, clock, leaseDuration),
                settings.startOnCreate(), settings.buildTimeout());
        return new OperationRunner(transactions, steps, hosts, clock, settings.backoff(), settings.guestCheckInterval(),
                leaseDuration, maxInRequestAttempts, controllerUpdates, logContext, observer);
    }

    /** Like {@link #create(Transactions, Fleet, Clock, ProvisioningSettings, Duration, ControllerUpdates)}, its log lines marked by {@code logContext}. */
    public static OperationRunner create(Transactions transactions, Fleet fleet, Clock clock,
                                         ProvisioningSettings settings, Duration leaseDuration,
                                         ControllerUpdates controllerUpdates, LogContext logContext) {
        return create(transactions, fleet, clock, settings, leaseDuration, DEFAULT_IN_REQUEST_ATTEMPTS,
                controllerUpdates, logContext);
    }

    /** The attempts under way in this process. */
    public AttemptWatch attempts() {
        return watch;
    }

    /** The fleet the operations run on, with what its last checks found. */
    public HostConditions hosts() {
        return hosts;
    }

    public Duration leaseDuration() {
        return leaseDuration;
    }

    /** Tells the observer of an operation of {@code vps} that a request ended (an unprovision cancelling a build), once written. */
    public void ended(Vps vps, Operation finished) {
        durations.ended(vps.technology(), finished);
        observer.finished(Host.kindOf(vps.technology()), hostName(vps), finished);
    }

    /** How long the quick operations of {@code kind} on {@code technology} took lately, from acceptance to success, once known. */
    public Optional<Duration> earlyDuration(Technology technology, OperationKind kind) {
        return durations.early(technology, kind);
    }

    /** The name of the host the VPS lives on; the first of its technology for one stored before hosts were named. */
    private String hostName(Vps vps) {
        return vps.host() != null ? vps.host() : hosts.fleet().hosts(vps.technology()).get(0).name();
    }

    /** The operating systems the backend of {@code technology} offers, its default first. */
    public List<OperatingSystem> operatingSystems(Technology technology) {
        return steps.fleet().operatingSystems(technology);
    }

    /** {@code listener} is told when work left to the driver falls due, so that it is taken then and not at the next sweep. */
    void whenDue(Consumer<Instant> listener) {
        dueListener = listener;
    }

    /** Work committed for the driver, {@code operation} unless it has finished, falls due at its next attempt. */
    public void leftToTheDriver(Operation operation) {
        if (!operation.isFinished() && operation.nextAttemptAt() != null) {
            dueListener.accept(operation.nextAttemptAt());
        }
    }

    /**
     * One attempt, for which no request waits; returns the operation as recorded afterwards. Its
     * log lines, on whichever thread, carry the operation's transaction and its VPS's instance; a
     * failure that escapes it is logged here, with them, before it is thrown on.
     */
    public Operation attempt(UUID operationId, String owner) {
        return attempt(operationId, owner, WaitingRequest.none()).operation();
    }

    private Attempted attempt(UUID operationId, String owner, WaitingRequest waiting) {
        Claimed claimed;
        try {
            claimed = transactions.read(repositories -> resume(repositories, operationId, owner));
            if (claimed == null) {
                claimed = transactions.inTransaction(repositories -> begin(repositories, operationId, owner));
            }
        } catch (RepositoryUnavailableException unavailable) {
            LOG.log(System.Logger.Level.WARNING, "attempt at operation " + operationId
                    + " is left for later: " + unavailable.getMessage());
            throw unavailable;
        }
        if (claimed.vps() == null) {
            return new Attempted(claimed.operation(), null);
        }
        Operation operation = claimed.operation();
        Vps vps = claimed.vps();
        try (LogContext.Scope marked = logContext.open(operation.transactionId(), vps.instanceId())) {
            return attemptMarked(operation, vps, claimed.lease(), waiting);
        }
    }

    /**
     * Whether a poll of {@code operation}, of a VPS of {@code technology}, is worth a look at its server: the
     * operation waits in the background (a VM's guest boots), none of its attempts failed (a retry keeps to
     * its backoff), and operations of its kind have lately ended by now. A guest that became ready since the
     * last check is then seen at this poll, not at the first poll after the next check.
     */
    public boolean worthALookAtPoll(Operation operation, Technology technology, Instant now) {
        return operation.status() == OperationStatus.RUNNING && operation.attempts() == 0
                && ExecutionMode.of(technology) == ExecutionMode.IN_BACKGROUND
                && durations.early(technology, operation.kind())
                        .filter(early -> !now.isBefore(operation.createdAt().plus(early))).isPresent();
    }

    /**
     * Looks at the server for a poll of {@code operation}, worth a look, within the guest check interval:
     * waits for the attempt under way in this process, or else claims the operation for {@code owner} and
     * attempts it; a slower look, or one no thread is free for, leaves the poll what is stored. Empty when it
     * did not look: the last look is too recent to look again, or another process holds the operation.
     */
    public Optional<Attempted> lookForPoll(Operation operation, String owner) {
        UUID operationId = operation.id();
        if (watch.isUnderWay(operationId)) {
            watch.awaitEnd(operationId, guestCheckInterval);
            return Optional.of(new Attempted(stored(operationId), null));
        }
        Instant now = clock.instant();
        // A controller that polls faster than advised looks at the guest at most a few times per check interval.
        if (Duration.between(operation.updatedAt(), now).compareTo(guestCheckInterval.dividedBy(4)) < 0) {
            return Optional.empty();
        }
        boolean claimed = transactions.inTransaction(repositories ->
                repositories.operations().claim(operationId, owner, now, now.plus(leaseDuration)));
        if (!claimed) {
            return Optional.empty();
        }
        WaitingRequest waiting = WaitingRequest.waiting();
        return Optional.of(withinRequest(operationId, owner, guestCheckInterval,
                () -> attempt(operationId, owner, waiting), waiting));
    }

    private Operation stored(UUID operationId) {
        return transactions.inTransaction(repositories -> repositories.operations().find(operationId).orElseThrow());
    }

    /**
     * Claims {@code accepted}, of {@code vps}, for {@code owner} and begins it, in the transaction of the
     * request that accepted it: its first attempt then needs no transaction of its own to begin. Empty
     * when the claim did not go through.
     */
    public Optional<Begun> claimAndBegin(Repositories repositories, Operation accepted, Vps vps, String owner,
                                         Instant now, Instant leaseUntil) {
        if (!repositories.operations().claim(accepted.id(), owner, now, leaseUntil)) {
            return Optional.empty();
        }
        Lease lease = repositories.operations().leaseOf(accepted.id()).orElseThrow();
        Operation running = accepted.progress(accepted.info(), now, now);
        save(repositories, accepted, running);
        return Optional.of(new Begun(running, vps, lease));
    }

    /**
     * Stores {@code accepted}, the first operation of {@code vps} (stored in the same transaction), claimed
     * for {@code owner} and begun, with {@code acceptance} and the beginning as its first transitions: the
     * work of a request that creates a VPS and runs within the request, in the fewest statements.
     */
    public Begun insertBegun(Repositories repositories, Operation accepted, OperationTransition acceptance, Vps vps,
                             String owner, Instant now, Instant leaseUntil) {
        Operation running = accepted.progress(accepted.info(), now, now);
        Lease lease = repositories.operations().insertClaimed(running, owner, leaseUntil);
        repositories.transitions().recordAll(List.of(acceptance, transition(accepted, running)));
        return new Begun(running, vps, lease);
    }

    private Attempted attemptMarked(Operation operation, Vps vps, Lease lease, WaitingRequest waiting) {
        LOG.log(System.Logger.Level.DEBUG, () -> "attempt at operation " + operation.id() + " (" + operation.kind()
                + " of VPS " + vps.id() + ")");
        long started = System.nanoTime();
        try (AttemptWatch.Ticket ignored = watch.started(operation.id())) {
            return attemptHolding(operation, vps, lease, waiting);
        } catch (LeaseLostException lost) {
            LOG.log(System.Logger.Level.WARNING, "attempt at operation " + operation.id()
                    + " stopped: it no longer holds the operation's lease");
            return new Attempted(transactions.inTransaction(repositories -> repositories.operations().find(operation.id())
                    .orElseThrow()), null);
        } catch (RepositoryUnavailableException unavailable) {
            LOG.log(System.Logger.Level.WARNING, "attempt at operation " + operation.id()
                    + " is left for later: " + unavailable.getMessage());
            throw unavailable;
        } catch (RuntimeException failure) {
            // The lease expires and the operation is attempted again; the database may be down.
            LOG.log(System.Logger.Level.ERROR, "attempt at operation " + operation.id() + " failed", failure);
            throw failure;
        } finally {
            observer.attempted(Host.kindOf(vps.technology()), hostName(vps), operation,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Attempted attemptHolding(Operation operation, Vps vps, Lease lease, WaitingRequest waiting) {
        Ending ending = new Ending();
        Operation recorded = attemptHolding(operation, vps, lease, waiting, ending);
        if (ending.operation != null) {
            ended(vps, ending.operation);
        }
        return new Attempted(recorded, ending.vps);
    }

    private Operation attemptHolding(Operation operation, Vps vps, Lease lease, WaitingRequest waiting, Ending ending) {
        StepResult result;
        try {
            Optional<String> holdUp = hosts.holdUp(vps);
            // A configure's earlier restart stays said while it waits for its host.
            result = holdUp.isPresent()
                    ? new StepResult.Waiting(ConfigureInfo.waiting(ConfigureInfo.recordedIn(operation.info()), holdUp.get()))
                    : steps.attempt(operation, vps, lease, clock.instant());
        } catch (BackendException failure) {
            if (failure.isTransient()) {
                watch.failedTransiently(failure.getMessage());
            }
            boolean retried = failure.isTransient() && !steps.outOfTime(operation, clock.instant());
            String error = failure.isTransient() && !retried
                    ? failure.getMessage() + " (given up: the operation ran past its build timeout of "
                            + steps.buildTimeout().toSeconds() + " s)"
                    : failure.getMessage();
            return toldFailure(recordFailure(operation, vps, lease, error, retried, waiting, ending), ending);
        } catch (LeaseLostException lost) {
            throw lost;
        } catch (RepositoryUnavailableException databaseAway) {
            // The lease could not be renewed before a backend call: undo nothing; the lease runs
            // out and the next attempt goes on from what the backend shows.
            throw databaseAway;
        } catch (RuntimeException bug) {
            LOG.log(System.Logger.Level.ERROR, "operation " + operation.id() + " failed unexpectedly", bug);
            return toldFailure(recordFailure(operation, vps, lease, "internal error: " + bug, false, waiting, ending), ending);
        }
        // What the backend did stays done: a failure to write it down is retried, never rolled back.
        Operation recorded = recording.write("the outcome of operation " + operation.id(),
                repositories -> recordResult(repositories, operation, lease, result, waiting, ending));
        watch.progressed();
        return told(recorded, ending);
    }

    /**
     * Says in the log what became of an operation after an attempt that did its steps: the lines an operator
     * follows. An attempt that no longer held the operation recorded nothing, and says nothing.
     */
    private static Operation told(Operation recorded, Ending ending) {
        if (!ending.written) {
            return recorded;
        }
        if (recorded.status() == OperationStatus.SUCCEEDED) {
            LOG.log(System.Logger.Level.INFO, named(recorded) + " succeeded");
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> named(recorded) + ": " + recorded.info());
        }
        return recorded;
    }

    /** Says in the log what became of an operation after an attempt that failed, when the attempt recorded it. */
    private static Operation toldFailure(Operation recorded, Ending ending) {
        if (!ending.written) {
            return recorded;
        }
        if (recorded.status() == OperationStatus.FAILED) {
            LOG.log(System.Logger.Level.WARNING, named(recorded) + " failed: " + recorded.lastError());
        } else if (!recorded.isFinished()) {
            LOG.log(System.Logger.Level.INFO, named(recorded) + ": attempt " + recorded.attempts() + " failed, tried again at "
                    + recorded.nextAttemptAt() + ": " + recorded.lastError());
        }
        return recorded;
    }

    private static String named(Operation operation) {
        return "operation " + operation.id() + " (" + operation.kind() + " of VPS " + operation.vpsId() + ")";
    }

    /**
     * Attempts the operation {@code begun} in the request that accepted it, within {@code budget}, waiting
     * out short retry delays. Returns early, unfinished, when the budget would be exceeded, and at the
     * latest once the budget has passed, whatever the backend does: the attempts run on threads of their
     * own and go on after the request was answered.
     */
    public Attempted runWithin(Begun begun, Duration budget) {
        UUID operationId = begun.operation().id();
        String owner = begun.lease().owner();
        WaitingRequest waiting = WaitingRequest.waiting();
        return withinRequest(operationId, owner, budget, () -> attemptsWithin(begun, budget, waiting), waiting);
    }

    /**
     * {@code work} on {@code operationId}, whose lease {@code owner} holds, on a thread for work within a
     * request, waited for at most {@code budget}; the operation as stored when it goes on past the budget
     * or was not started because every such thread is busy.
     */
    private Attempted withinRequest(UUID operationId, String owner, Duration budget, Callable<Attempted> work,
                                    WaitingRequest waiting) {
        Optional<Attempted> ended;
        try {
            ended = inRequest.within(budget, work, waiting);
        } catch (RejectedExecutionException busy) {
            // Not started: the driver takes the operation at once instead of after the lease.
            transactions.inTransaction(repositories -> {
                repositories.operations().release(operationId, owner);
                return null;
            });
            ended = Optional.empty();
        }
        // Past the budget the attempt goes on; it records its result and gives the lease up to the driver.
        return ended.orElseGet(() -> new Attempted(stored(operationId), null));
    }

    private Attempted attemptsWithin(Begun begun, Duration budget, WaitingRequest waiting) {
        Instant deadline = clock.instant().plus(budget);
        UUID operationId = begun.operation().id();
        String owner = begun.lease().owner();
        Attempted attempted;
        try (LogContext.Scope marked = logContext.open(begun.operation().transactionId(), begun.vps().instanceId())) {
            attempted = attemptMarked(begun.operation(), begun.vps(), begun.lease(), waiting);
        }
        while (!attempted.operation().isFinished() && attempted.operation().nextAttemptAt().isBefore(deadline)) {
            sleepUntil(attempted.operation().nextAttemptAt());
            Instant now = clock.instant();
            boolean claimed = transactions.inTransaction(repositories ->
                    repositories.operations().claim(operationId, owner, now, now.plus(leaseDuration)));
            if (!claimed) {
                // Another attempt took it over: what it recorded is the answer.
                return new Attempted(stored(operationId), null);
            }
            attempted = attempt(operationId, owner, waiting);
        }
        return attempted;
    }

    /**
     * An operation an earlier attempt began, under this owner's live lease, needs nothing written to be
     * attempted again: it is read, and the attempt records its outcome under its VPS's lock as always.
     * Null when it must be begun in a transaction: it begins now, or it has finished and the lease goes.
     */
    private Claimed resume(Repositories repositories, UUID operationId, String owner) {
        LeasedOperation found = repositories.operations().findLeased(operationId)
                .orElseThrow(() -> new IllegalStateException("no operation " + operationId));
        Instant now = clock.instant();
        Optional<Lease> lease = found.lease().filter(held -> held.owner().equals(owner) && held.liveAt(now));
        if (lease.isEmpty()) {
            return new Claimed(found.operation(), null, null);
        }
        if (found.operation().status() != OperationStatus.RUNNING) {
            return null;
        }
        Vps vps = repositories.vpses().find(found.operation().vpsId())
                .orElseThrow(() -> new IllegalStateException("operation " + operationId + " has no VPS"));
        return new Claimed(found.operation(), vps, lease.get());
    }

    private Claimed begin(Repositories repositories, UUID operationId, String owner) {
        LeasedOperation found = repositories.operations().findLeased(operationId)
                .orElseThrow(() -> new IllegalStateException("no operation " + operationId));
        Instant now = clock.instant();
        // The claim that gave this owner the lease, with its epoch: the attempt works under it.
        Lease lease = found.lease().filter(held -> held.owner().equals(owner) && held.liveAt(now)).orElse(null);
        if (lease == null) {
            return new Claimed(found.operation(), null, null);
        }
        Held held = hold(repositories, operationId, found.operation().vpsId(), lease, now);
        if (!held.ours()) {
            return new Claimed(held.operation(), null, null);
        }
        Operation running = held.operation().progress(held.operation().info(), now, now);
        save(repositories, held.operation(), running);
        return new Claimed(running, held.vps(), lease);
    }

    private Operation recordResult(Repositories repositories, Operation attempted, Lease lease, StepResult result,
                                   WaitingRequest waiting, Ending ending) {
        ending.operation = null;
        ending.vps = null;
        ending.written = false;
        Instant now = clock.instant();
        Held held = hold(repositories, attempted.id(), attempted.vpsId(), lease, now);
        if (!held.ours()) {
            return held.operation();
        }
        Operation current = held.operation();
        Operation next;
        if (result instanceof StepResult.Finished finished) {
            Vps completed = held.vps().completed(current.kind(), current.target(), finished.observed(), now)
                    .seenAt(finished.ipv4());
            repositories.vpses().update(completed);
            ending.vps = completed;
            next = finished.info() == null ? current.succeed(now) : current.succeed(finished.info(), now);
            reportUnlessAnswered(repositories, completed, current, waiting);
        } else {
            next = current.progress(((StepResult.Waiting) result).info(), now.plus(guestCheckInterval), now);
        }
        saveReleasing(repositories, current, next, lease.owner());
        ending.operation = next.isFinished() ? next : null;
        ending.written = true;
        return next;
    }

    private Operation recordFailure(Operation attempted, Vps vps, Lease lease, String error, boolean transientFailure,
                                    WaitingRequest waiting, Ending ending) {
        Instant now = clock.instant();
        boolean givesUp = !transientFailure || attempted.failedAttempt(error, backoff, now).isFinished();
        String failure = error;
        PowerState observed = PowerState.ERROR;
        if (givesUp) {
            // Undo nothing on the backend for work that is no longer this driver's: a cancel or a
            // takeover has handed the server to newer work.
            Held held = recording.write("the failure of operation " + attempted.id(),
                    repositories -> hold(repositories, attempted.id(), vps.id(), lease, now));
            if (!held.ours()) {
                return held.operation();
            }
            failure = compensate(attempted.kind(), vps, lease, error);
            observed = attempted.kind() == OperationKind.PROVISION ? PowerState.ERROR : steps.observedState(vps, lease);
        }
        String recordedError = failure;
        PowerState recordedState = observed;
        return recording.write("the failure of operation " + attempted.id(), repositories -> {
            ending.operation = null;
            ending.vps = null;
            ending.written = false;
            Held held = hold(repositories, attempted.id(), vps.id(), lease, clock.instant());
            if (!held.ours()) {
                return held.operation();
            }
            Operation current = held.operation();
            Operation recorded = transientFailure
                    ? current.failedAttempt(recordedError, backoff, now)
                    : current.fail(recordedError, now);
            // A restart an earlier attempt of this configure made stays said through the retries.
            Reconfiguration earlier = ConfigureInfo.recordedIn(current.info());
            if (!recorded.isFinished() && earlier != Reconfiguration.UNCHANGED) {
                recorded = recorded.progress(ConfigureInfo.waiting(earlier, recorded.info()), recorded.nextAttemptAt(), now);
            }
            if (recorded.isFinished()) {
                Vps failed = held.vps().failed(current.kind(), recordedState, now);
                repositories.vpses().update(failed);
                ending.vps = failed;
                reportUnlessAnswered(repositories, failed, current, waiting);
            }
            saveReleasing(repositories, current, recorded, lease.owner());
            ending.operation = recorded.isFinished() ? recorded : null;
            ending.written = true;
            return recorded;
        });
    }

    /**
     * Locks the operation's VPS and reads the operation. It is no longer this attempt's, and its
     * lease is given up, when it finished meanwhile (an unprovision cancelled a build), the lease
     * expired, or another attempt took it over (a newer claim, in this process or another). The
     * operation is read after the lock, in a statement of its own: {@link VpsRepository#lock} says why.
     */
    private static Held hold(Repositories repositories, UUID operationId, UUID vpsId, Lease lease, Instant now) {
        Vps vps = repositories.vpses().lock(vpsId)
                .orElseThrow(() -> new IllegalStateException("operation " + operationId + " has no VPS"));
        LeasedOperation current = repositories.operations().findLeased(operationId).orElseThrow();
        Optional<Lease> stored = current.lease().filter(lease::sameClaimAs);
        boolean ours = !current.operation().isFinished() && stored.filter(held -> held.liveAt(now)).isPresent();
        if (!ours && stored.isPresent()) {
            repositories.operations().release(operationId, lease.owner());
        }
        return new Held(vps, current.operation(), ours);
    }

    /**
     * Every operation that ends tells the controller, in the transaction that records its end:
     * through the answer of the request that still waits for it, or else through a resource update.
     */
    private void reportUnlessAnswered(Repositories repositories, Vps changed, Operation operation, WaitingRequest waiting) {
        if (!waiting.answersOutcome()) {
            controllerUpdates.report(repositories, changed, operation.transactionId());
        }
    }

    /** A failed provision must leave nothing behind on the backend. */
    private String compensate(OperationKind kind, Vps vps, Lease lease, String error) {
        if (kind != OperationKind.PROVISION) {
            return error;
        }
        try {
            steps.rollBack(vps, lease);
            return error;
        } catch (BackendException rollbackFailure) {
            LOG.log(System.Logger.Level.WARNING, "rollback of VPS " + vps.id() + " failed; reconcile removes it later", rollbackFailure);
            return error + " (the rollback failed too: " + rollbackFailure.getMessage() + ")";
        }
    }

    private static void save(Repositories repositories, Operation before, Operation after) {
        repositories.operations().update(after);
        recordTransition(repositories, before, after);
    }

    /** Saves what an attempt made of the operation and gives up the lease {@code owner} held for it. */
    private static void saveReleasing(Repositories repositories, Operation before, Operation after, String owner) {
        repositories.operations().updateReleasing(after, owner);
        recordTransition(repositories, before, after);
    }

    private static void recordTransition(Repositories repositories, Operation before, Operation after) {
        if (before.status() != after.status() || before.attempts() != after.attempts()) {
            repositories.transitions().record(transition(before, after));
        }
    }

    private static OperationTransition transition(Operation before, Operation after) {
        return new OperationTransition(after.id(), after.vpsId(), before.status(), after.status(), after.attempts(),
                after.info(), after.updatedAt());
    }

    private void sleepUntil(Instant due) {
        long millis = Duration.between(clock.instant(), due).toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The operation an attempt ended, once its end is written; null while it has not ended one. {@code vps}:
     * the VPS as the attempt wrote it, if it did; {@code written}: whether the attempt recorded its outcome
     * (it does not once it no longer holds the operation).
     */
    private static final class Ending {
        Operation operation;
        Vps vps;
        boolean written;
    }

    /** An operation as an attempt recorded it, and its VPS as the attempt wrote it (null when it wrote none). */
    public record Attempted(Operation operation, Vps vps) {
    }

    /** An operation claimed and begun where it was accepted, with its VPS and the lease its attempt works under. */
    public record Begun(Operation operation, Vps vps, Lease lease) {
    }

    private record Claimed(Operation operation, Vps vps, Lease lease) {
    }

    private record Held(Vps vps, Operation operation, boolean ours) {
    }
}
