package org.vpsconnector.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.callback.ControllerUpdates;
import org.vpsconnector.application.driver.AttemptWatch;
import org.vpsconnector.application.driver.OperationRunner;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.port.in.CancelOperationCommand;
import org.vpsconnector.application.port.in.ManageOperationsUseCase;
import org.vpsconnector.application.port.in.OperationCancellation;
import org.vpsconnector.application.port.in.OperationHistory;
import org.vpsconnector.application.port.in.OperationQuery;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.OperationFilter;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

/**
 * What an operator does with operations on the admin port: list them, show one with its history,
 * retry a failed one, cancel one in flight.
 *
 * <p>A cancel first takes the operation's lease over (a new epoch: an attempt under way, here or on
 * another replica, renews and records nothing more) and records the cancel, the VPS as a failed
 * operation leaves it and the controller's update, all in one transaction. Then it waits for that
 * attempt's backend call to end (here: until the attempt is over; elsewhere: until the lease it held
 * runs out, as every call ends within it), and cleans up on the VPS's host: a provision's server is
 * destroyed; for another kind the server's power state is recorded. Whatever the host does, the
 * cancel stays recorded: a server that could not be removed belongs to a failed VPS, which reconcile removes.
 */
public final class OperationAdministration implements ManageOperationsUseCase {
    private static final System.Logger LOG = System.getLogger(OperationAdministration.class.getName());
    private static final Duration WAIT_STEP = Duration.ofMillis(20);

    private final Transactions transactions;
    private final OperationRunner runner;
    private final ControllerUpdates controllerUpdates;
    private final Clock clock;
    private final String cancelOwner;
    private final Set<String> ownersInThisProcess;

    /** {@code nodeId}: the name this process's requests and driver hold leases under. */
    public OperationAdministration(Transactions transactions, OperationRunner runner, ControllerUpdates controllerUpdates,
                                   Clock clock, String nodeId) {
        this(transactions, runner, controllerUpdates, clock, nodeId, Set.of(nodeId));
    }

    /** {@code ownersInThisProcess}: every name this process's attempts hold leases under. */
    public OperationAdministration(Transactions transactions, OperationRunner runner, ControllerUpdates controllerUpdates,
                                   Clock clock, String nodeId, Set<String> ownersInThisProcess) {
        this.transactions = transactions;
        this.runner = runner;
        this.controllerUpdates = controllerUpdates;
        this.clock = clock;
        this.cancelOwner = "operator-cancel/" + nodeId;
        this.ownersInThisProcess = Set.copyOf(ownersInThisProcess);
    }

    @Override
    public List<Operation> list(OperationQuery query) {
        String host = query.host();
        OperationFilter filter = new OperationFilter(query.status(), query.kind(), query.instanceId(), host,
                host != null && firstHostName(Technology.CONTAINER).equals(host),
                host != null && firstHostName(Technology.VIRTUAL_MACHINE).equals(host));
        return transactions.inTransaction(repositories -> repositories.operations().list(filter, query.limit()));
    }

    @Override
    public OperationHistory show(UUID operationId) {
        return transactions.inTransaction(repositories -> {
            Operation operation = existing(repositories, operationId);
            Vps vps = repositories.vpses().find(operation.vpsId()).orElseThrow();
            return new OperationHistory(operation, vps, hostNameOf(vps), repositories.transitions().forOperation(operationId));
        });
    }

    @Override
    public Operation retry(UUID operationId) {
        return transactions.inTransaction(repositories -> {
            UUID vpsId = existing(repositories, operationId).vpsId();
            Vps vps = repositories.vpses().lock(vpsId).orElseThrow();
            Operation failed = repositories.operations().find(operationId).orElseThrow();
            if (failed.status() != OperationStatus.FAILED) {
                throw new ConflictException("only a failed operation can be retried; this one is " + failed.status());
            }
            Operation latest = repositories.operations().latestFor(failed.vpsId()).orElseThrow();
            if (!latest.id().equals(operationId)) {
                throw new ConflictException("a newer operation of the VPS exists: " + latest.id());
            }
            Instant now = clock.instant();
            repositories.vpses().update(vps.accept(failed.kind(), failed.target(), now));
            Operation retried = failed.retry(now);
            repositories.operations().update(retried);
            repositories.transitions().record(new OperationTransition(operationId, failed.vpsId(), failed.status(),
                    retried.status(), retried.attempts(), retried.info(), now));
            return retried;
        });
    }

    @Override
    public OperationCancellation cancel(CancelOperationCommand command) {
        Fenced fenced = transactions.inTransaction(repositories -> fenceAndRecord(repositories, command));
        LOG.log(System.Logger.Level.INFO, "operation " + fenced.cancelled().id() + " (" + fenced.cancelled().kind()
                + " of VPS " + fenced.vps().id() + ") cancelled by an operator: " + command.reason());
        Cleanup cleanup;
        try {
            waitForTheAttemptFencedOff(fenced);
            cleanup = cleanUp(fenced);
        } catch (RuntimeException unexpected) {
            // The cancel is recorded: what is left on the host belongs to a failed VPS or is looked at again by reconcile.
            cleanup = Cleanup.left("nothing was cleaned up", "the cleanup stopped: " + unexpected.getMessage()
                    + "; reconcile looks at the server later");
        }
        if (cleanup.leftover() != null) {
            LOG.log(System.Logger.Level.WARNING, "cancel of operation " + fenced.cancelled().id() + " left "
                    + cleanup.leftover());
        }
        Cleanup done = cleanup;
        Vps vps = transactions.inTransaction(repositories -> settle(repositories, fenced, done));
        return new OperationCancellation(fenced.cancelled(), vps, cleanup.done(), cleanup.leftover());
    }

    private Fenced fenceAndRecord(Repositories repositories, CancelOperationCommand command) {
        UUID operationId = command.operationId();
        UUID vpsId = existing(repositories, operationId).vpsId();
        Vps vps = repositories.vpses().lock(vpsId).orElseThrow();
        Operation current = repositories.operations().find(operationId).orElseThrow();
        if (current.isFinished()) {
            throw new ConflictException("operation " + operationId + " is " + current.status()
                    + ": only an operation that is not finished can be cancelled");
        }
        Instant now = clock.instant();
        Optional<Lease> fencedOff = repositories.operations().leaseOf(operationId).filter(lease -> lease.liveAt(now));
        // Long enough to wait out the lease of the attempt fenced off, then to clean up.
        Instant from = fencedOff.map(Lease::until).filter(until -> until.isAfter(now)).orElse(now);
        if (!repositories.operations().takeOver(operationId, cancelOwner, from.plus(runner.leaseDuration()))) {
            throw new IllegalStateException("the lease of operation " + operationId + " could not be taken over");
        }
        Lease ours = repositories.operations().leaseOf(operationId).orElseThrow();
        Operation cancelled = current.cancel("by an operator (" + command.reason() + ")", now);
        repositories.operations().update(cancelled);
        repositories.transitions().record(new OperationTransition(operationId, vpsId, current.status(),
                cancelled.status(), cancelled.attempts(), cancelled.info(), now));
        // A provision's VPS is failed, as a failed provision leaves it, so the controller can retry or delete it;
        // another kind's gets the power state of its server once the cleanup has looked (Error until then).
        Vps settled = vps.failed(current.kind(), PowerState.ERROR, now);
        repositories.vpses().update(settled);
        controllerUpdates.report(repositories, settled, current.transactionId());
        return new Fenced(cancelled, settled, ours, fencedOff);
    }

    /**
     * Until the attempt that held the lease can no longer be in a backend call: at once when none
     * held it; when it was held here, until no attempt at the operation is under way here; when it
     * was held elsewhere, until that lease ran out.
     */
    private void waitForTheAttemptFencedOff(Fenced fenced) {
        if (fenced.fencedOff().isEmpty()) {
            return;
        }
        Lease theirs = fenced.fencedOff().get();
        UUID operationId = fenced.cancelled().id();
        AttemptWatch attempts = runner.attempts();
        boolean here = ownersInThisProcess.contains(theirs.owner());
        long deadline = System.nanoTime() + Duration.between(clock.instant(), theirs.until()).toNanos();
        while (System.nanoTime() < deadline && (!here || attempts.isUnderWay(operationId))) {
            try {
                Thread.sleep(WAIT_STEP.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the attempt at operation " + operationId);
            }
        }
    }

    private Cleanup cleanUp(Fenced fenced) {
        Vps vps = fenced.vps();
        if (!stillOurs(fenced.lease())) {
            return Cleanup.left("nothing was cleaned up", "the server of VPS " + vps.id()
                    + ", if any: the cancel's lease ran out first; reconcile looks at it later");
        }
        Host host;
        try {
            host = runner.hosts().fleet().hostOf(vps);
        } catch (Fleet.UnknownHostException unknown) {
            return Cleanup.left("nothing was cleaned up", "the server of VPS " + vps.id() + ", if any: "
                    + unknown.getMessage());
        }
        if (fenced.cancelled().kind() == OperationKind.PROVISION) {
            try {
                host.backend().destroy(vps.id());
                return Cleanup.done("the server of VPS " + vps.id() + " is removed from " + named(host));
            } catch (BackendException failure) {
                return Cleanup.left("nothing was cleaned up", "the server of VPS " + vps.id() + " on " + named(host)
                        + ", if any: " + failure.getMessage() + "; reconcile removes it (the VPS is failed)");
            }
        }
        try {
            Optional<ServerStatus> status = host.backend().inspect(vps.id());
            PowerState observed = status.map(server -> server.running() ? PowerState.RUNNING : PowerState.STOPPED)
                    .orElse(PowerState.ERROR);
            return Cleanup.observed("the server on " + named(host) + " is kept; its state is " + observed.apsName(),
                    observed, status.map(ServerStatus::ipv4).orElse(null));
        } catch (BackendException failure) {
            return Cleanup.left("the server on " + named(host) + " is kept; its state is unknown (" + failure.getMessage()
                    + ")", null);
        }
    }

    /** Renews the cancel's lease, so that no new operation of the VPS starts while its host is cleaned up. */
    private boolean stillOurs(Lease lease) {
        return transactions.inTransaction(repositories -> {
            Instant now = clock.instant();
            return repositories.operations().renew(lease, now, now.plus(runner.leaseDuration()));
        });
    }

    /** Gives the lease up, and records the power state the cleanup saw unless the VPS changed meanwhile. */
    private Vps settle(Repositories repositories, Fenced fenced, Cleanup cleanup) {
        UUID vpsId = fenced.vps().id();
        Vps vps = repositories.vpses().lock(vpsId).orElseThrow();
        repositories.operations().release(fenced.cancelled().id(), cancelOwner);
        boolean unchanged = vps.equals(fenced.vps()) && repositories.operations().latestFor(vpsId)
                .map(latest -> latest.id().equals(fenced.cancelled().id())).orElse(false);
        if (cleanup.observed() == null || !unchanged) {
            return vps;
        }
        Vps seen = (cleanup.observed() == vps.state() ? vps : vps.observed(cleanup.observed(), clock.instant()))
                .seenAt(cleanup.ipv4());
        if (!seen.equals(vps)) {
            repositories.vpses().update(seen);
            controllerUpdates.report(repositories, seen, fenced.cancelled().transactionId());
        }
        return seen;
    }

    private static Operation existing(Repositories repositories, UUID operationId) {
        return repositories.operations().find(operationId)
                .orElseThrow(() -> new NotFoundException("no operation " + operationId));
    }

    private static String named(Host host) {
        return Host.kindOf(host.technology()) + " host " + host.name();
    }

    private String hostNameOf(Vps vps) {
        return vps.host() != null ? vps.host() : firstHostName(vps.technology());
    }

    private String firstHostName(Technology technology) {
        return runner.hosts().fleet().hosts(technology).get(0).name();
    }

    private record Fenced(Operation cancelled, Vps vps, Lease lease, Optional<Lease> fencedOff) {
    }

    /** What the cleanup did, what it left (null: nothing), and the power state it saw (null: none looked at). */
    private record Cleanup(String done, String leftover, PowerState observed, String ipv4) {
        static Cleanup done(String done) {
            return new Cleanup(done, null, null, null);
        }

        static Cleanup left(String done, String leftover) {
            return new Cleanup(done, leftover, null, null);
        }

        static Cleanup observed(String done, PowerState observed, String ipv4) {
            return new Cleanup(done, null, observed, ipv4);
        }
    }
}
