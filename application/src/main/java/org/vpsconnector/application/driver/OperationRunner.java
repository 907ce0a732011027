package org.vpsconnector.application.driver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.service.Backends;
import org.vpsconnector.application.service.ProvisioningSettings;
import org.vpsconnector.domain.Backoff;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;

/**
 * Makes one attempt at an operation whose lease the caller holds, and records its outcome. No
 * transaction stays open across a backend call: the operation is read, the backend is called,
 * and the result is written in a second transaction that also gives the lease up.
 */
public final class OperationRunner {
    private static final System.Logger LOG = System.getLogger(OperationRunner.class.getName());

    private final Transactions transactions;
    private final OperationSteps steps;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration guestCheckInterval;
    private final Duration leaseDuration;
    private final RecordingRetry recording;

    OperationRunner(Transactions transactions, OperationSteps steps, Clock clock, Backoff backoff,
                    Duration guestCheckInterval, Duration leaseDuration) {
        this.transactions = transactions;
        this.steps = steps;
        this.clock = clock;
        this.backoff = backoff;
        this.guestCheckInterval = guestCheckInterval;
        this.leaseDuration = leaseDuration;
        this.recording = RecordingRetry.withinLease(transactions, clock, leaseDuration);
    }

    public static OperationRunner create(Transactions transactions, Backends backends, Clock clock,
                                         ProvisioningSettings settings, Duration leaseDuration) {
        OperationSteps steps = new OperationSteps(backends, settings.startOnCreate(), settings.buildTimeout());
        return new OperationRunner(transactions, steps, clock, settings.backoff(), settings.guestCheckInterval(), leaseDuration);
    }

    public Duration leaseDuration() {
        return leaseDuration;
    }

    /** One attempt; returns the operation as recorded afterwards. */
    public Operation attempt(UUID operationId, String owner) {
        Claimed claimed = transactions.inTransaction(repositories -> begin(repositories, operationId, owner));
        if (claimed.vps() == null) {
            return claimed.operation();
        }
        Operation operation = claimed.operation();
        Vps vps = claimed.vps();
        StepResult result;
        try {
            result = steps.attempt(operation, vps, clock.instant());
        } catch (BackendException failure) {
            return recordFailure(operation, vps, owner, failure.getMessage(), failure.isTransient());
        } catch (RuntimeException bug) {
            LOG.log(System.Logger.Level.ERROR, "operation " + operationId + " failed unexpectedly", bug);
            return recordFailure(operation, vps, owner, "internal error: " + bug, false);
        }
        // What the backend did stays done: a failure to write it down is retried, never rolled back.
        return recording.write("the outcome of operation " + operationId,
                repositories -> recordResult(repositories, operation, owner, result));
    }

    /**
     * Attempts the operation within {@code budget}, waiting out short retry delays, for work done
     * inside the controller's request. Returns early, unfinished, when the budget would be exceeded.
     */
    public Operation runWithin(UUID operationId, String owner, Duration budget) {
        Instant deadline = clock.instant().plus(budget);
        Operation operation = attempt(operationId, owner);
        while (!operation.isFinished() && operation.nextAttemptAt().isBefore(deadline)) {
            sleepUntil(operation.nextAttemptAt());
            Instant now = clock.instant();
            boolean claimed = transactions.inTransaction(repositories ->
                    repositories.operations().claim(operationId, owner, now, now.plus(leaseDuration)));
            if (!claimed) {
                break;
            }
            operation = attempt(operationId, owner);
        }
        return transactions.inTransaction(repositories -> repositories.operations().find(operationId).orElseThrow());
    }

    private Claimed begin(Repositories repositories, UUID operationId, String owner) {
        UUID vpsId = repositories.operations().find(operationId)
                .orElseThrow(() -> new IllegalStateException("no operation " + operationId)).vpsId();
        Held held = hold(repositories, operationId, vpsId, owner);
        if (!held.ours()) {
            return new Claimed(held.operation(), null);
        }
        Instant now = clock.instant();
        Operation running = held.operation().progress(held.operation().info(), now, now);
        save(repositories, held.operation(), running);
        return new Claimed(running, held.vps());
    }

    private Operation recordResult(Repositories repositories, Operation attempted, String owner, StepResult result) {
        Held held = hold(repositories, attempted.id(), attempted.vpsId(), owner);
        if (!held.ours()) {
            return held.operation();
        }
        Operation current = held.operation();
        Instant now = clock.instant();
        Operation next;
        if (result instanceof StepResult.Finished finished) {
            repositories.vpses().update(held.vps().completed(current.kind(), current.target(), finished.observed(), now));
            next = current.succeed(now);
        } else {
            next = current.progress(((StepResult.Waiting) result).info(), now.plus(guestCheckInterval), now);
        }
        save(repositories, current, next);
        repositories.operations().release(attempted.id(), owner);
        return next;
    }

    private Operation recordFailure(Operation attempted, Vps vps, String owner, String error, boolean transientFailure) {
        Instant now = clock.instant();
        boolean givesUp = !transientFailure || attempted.failedAttempt(error, backoff, now).isFinished();
        String failure = error;
        PowerState observed = PowerState.ERROR;
        if (givesUp) {
            // Undo nothing on the backend for work that is no longer this driver's: a cancel or a
            // takeover has handed the server to newer work.
            Held held = recording.write("the failure of operation " + attempted.id(),
                    repositories -> hold(repositories, attempted.id(), vps.id(), owner));
            if (!held.ours()) {
                return held.operation();
            }
            failure = compensate(attempted.kind(), vps, error);
            observed = attempted.kind() == OperationKind.PROVISION ? PowerState.ERROR : steps.observedState(vps);
        }
        String recordedError = failure;
        PowerState recordedState = observed;
        return recording.write("the failure of operation " + attempted.id(), repositories -> {
            Held held = hold(repositories, attempted.id(), vps.id(), owner);
            if (!held.ours()) {
                return held.operation();
            }
            Operation current = held.operation();
            Operation recorded = transientFailure
                    ? current.failedAttempt(recordedError, backoff, now)
                    : current.fail(recordedError, now);
            if (recorded.isFinished()) {
                repositories.vpses().update(held.vps().failed(current.kind(), recordedState, now));
            }
            save(repositories, current, recorded);
            repositories.operations().release(attempted.id(), owner);
            return recorded;
        });
    }

    /**
     * Locks the operation's VPS and reads the operation. It is no longer this owner's, and its
     * lease is given up, when it finished meanwhile (an unprovision cancelled a build) or another
     * driver took it over after this one stalled past its lease.
     */
    private static Held hold(Repositories repositories, UUID operationId, UUID vpsId, String owner) {
        Vps vps = repositories.vpses().lock(vpsId)
                .orElseThrow(() -> new IllegalStateException("operation " + operationId + " has no VPS"));
        Operation current = repositories.operations().find(operationId).orElseThrow();
        boolean ours = !current.isFinished() && repositories.operations().isLeasedBy(operationId, owner);
        if (!ours) {
            repositories.operations().release(operationId, owner);
        }
        return new Held(vps, current, ours);
    }

    /** A failed provision must leave nothing behind on the backend. */
    private String compensate(OperationKind kind, Vps vps, String error) {
        if (kind != OperationKind.PROVISION) {
            return error;
        }
        try {
            steps.rollBack(vps);
            return error;
        } catch (BackendException rollbackFailure) {
            LOG.log(System.Logger.Level.WARNING, "rollback of VPS " + vps.id() + " failed; reconcile removes it later", rollbackFailure);
            return error + " (the rollback failed too: " + rollbackFailure.getMessage() + ")";
        }
    }

    private static void save(Repositories repositories, Operation before, Operation after) {
        repositories.operations().update(after);
        if (before.status() != after.status() || before.attempts() != after.attempts()) {
            repositories.transitions().record(new OperationTransition(after.id(), after.vpsId(), before.status(),
                    after.status(), after.attempts(), after.info(), after.updatedAt()));
        }
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

    private record Claimed(Operation operation, Vps vps) {
    }

    private record Held(Vps vps, Operation operation, boolean ours) {
    }
}
