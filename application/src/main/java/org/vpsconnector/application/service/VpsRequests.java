package org.vpsconnector.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.UUID;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.driver.OperationRunner;
import org.vpsconnector.application.driver.ProvisioningSettings;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.fleet.Placement;
import org.vpsconnector.application.port.in.ConfigureVpsCommand;
import org.vpsconnector.application.port.in.ConfigureVpsUseCase;
import org.vpsconnector.application.port.in.GetVpsQuery;
import org.vpsconnector.application.port.in.ProvisionVpsCommand;
import org.vpsconnector.application.port.in.ProvisionVpsUseCase;
import org.vpsconnector.application.port.in.StartVpsUseCase;
import org.vpsconnector.application.port.in.StopVpsUseCase;
import org.vpsconnector.application.port.in.SuspendVpsUseCase;
import org.vpsconnector.application.port.in.UnprovisionVpsUseCase;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.port.in.VpsCommand;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.RequestedVps;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.port.out.VpsWithUsage;
import org.vpsconnector.domain.Admission;
import org.vpsconnector.domain.ExecutionMode;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.LoginChange;
import org.vpsconnector.domain.OperatingSystem;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.RequestPhase;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * The controller's requests about VPSes. A request that starts work writes the VPS and its
 * operation in one transaction before it is answered; a container's operation then runs within
 * the request, a virtual machine's in the background. Repeated requests and polls only read.
 */
public final class VpsRequests implements ProvisionVpsUseCase, ConfigureVpsUseCase, UnprovisionVpsUseCase,
        StartVpsUseCase, StopVpsUseCase, SuspendVpsUseCase, GetVpsQuery {

    private final Transactions transactions;
    private final OperationRunner runner;
    private final Placement placement;
    private final Clock clock;
    private final ProvisioningSettings settings;
    private final String nodeId;

    /** VPSes placed on the freest host that is up, a subscription's VPSes not spread on purpose. */
    public VpsRequests(Transactions transactions, OperationRunner runner, Clock clock,
                       ProvisioningSettings settings, String nodeId) {
        this(transactions, runner, new Placement(runner.hosts(), false), clock, settings, nodeId);
    }

    public VpsRequests(Transactions transactions, OperationRunner runner, Placement placement, Clock clock,
                       ProvisioningSettings settings, String nodeId) {
        this.transactions = transactions;
        this.runner = runner;
        this.placement = placement;
        this.clock = clock;
        this.settings = settings;
        this.nodeId = nodeId;
    }

    @Override
    public VpsAnswer provision(ProvisionVpsCommand command) {
        VpsSpec asked = command.spec();
        settings.hardwareLimits().check(asked.hardware());
        // The stored platform names the system the customer got, in the architecture asked for.
        OperatingSystem system = OperatingSystem.choose(runner.operatingSystems(asked.technology()), asked.platform());
        VpsSpec target = asked.withPlatform(system.asPlatform(asked.platform().arch()));
        return submit(command.instanceId(), command.vpsId(), command.transactionId(),
                new Admission.Request(OperationKind.PROVISION, command.phase(), target));
    }

    @Override
    public VpsAnswer configure(ConfigureVpsCommand command) {
        settings.hardwareLimits().check(command.spec().hardware());
        return submit(command.instanceId(), command.vpsId(), command.transactionId(),
                new Admission.Request(OperationKind.CONFIGURE, command.phase(), command.spec()), command.login());
    }

    @Override
    public VpsAnswer unprovision(VpsCommand command) {
        return submit(command.instanceId(), command.vpsId(), command.transactionId(),
                new Admission.Request(OperationKind.UNPROVISION, command.phase(), null));
    }

    @Override
    public VpsAnswer start(VpsCommand command) {
        return submit(command.instanceId(), command.vpsId(), command.transactionId(),
                new Admission.Request(OperationKind.START, command.phase(), null));
    }

    @Override
    public VpsAnswer stop(VpsCommand command) {
        return submit(command.instanceId(), command.vpsId(), command.transactionId(),
                new Admission.Request(OperationKind.STOP, command.phase(), null));
    }

    @Override
    public VpsAnswer disable(VpsCommand command) {
        return submit(command.instanceId(), command.vpsId(), command.transactionId(),
                new Admission.Request(OperationKind.DISABLE, command.phase(), null));
    }

    @Override
    public VpsAnswer enable(VpsCommand command) {
        return submit(command.instanceId(), command.vpsId(), command.transactionId(),
                new Admission.Request(OperationKind.ENABLE, command.phase(), null));
    }

    @Override
    public Vps get(UUID instanceId, UUID vpsId) {
        return retrieve(instanceId, vpsId).vps();
    }

    @Override
    public VpsWithUsage retrieve(UUID instanceId, UUID vpsId) {
        return transactions.read(repositories -> existing(repositories, instanceId, vpsId));
    }

    private static VpsWithUsage existing(Repositories repositories, UUID instanceId, UUID vpsId) {
        // One read in the usual case: a VPS of this instance, found with its instance installed. A VPS
        // of another instance is as unknown as a missing one.
        Optional<VpsWithUsage> own = repositories.vpses().findWithUsageOfInstalledInstance(vpsId)
                .filter(found -> found.vps().instanceId().equals(instanceId));
        if (own.isEmpty()) {
            InstalledInstances.require(repositories, instanceId);
        }
        return own.filter(found -> found.vps().lifecycle() != Lifecycle.DELETED)
                .orElseThrow(() -> new NotFoundException("no VPS " + vpsId));
    }

    private VpsAnswer submit(UUID instanceId, UUID vpsId, String transactionId, Admission.Request request) {
        return submit(instanceId, vpsId, transactionId, request, LoginChange.KEEP);
    }

    private VpsAnswer submit(UUID instanceId, UUID vpsId, String transactionId, Admission.Request request,
                             LoginChange login) {
        // A poll never starts work (Admission): it only reads, and needs no transaction around its reads.
        Submitted submitted = request.phase() == RequestPhase.ASYNC
                ? transactions.read(repositories -> admit(repositories, instanceId, vpsId, transactionId, request, login, false))
                : null;
        if (submitted == null) {
            // When another request created this VPS first, this one runs again, sees its work and answers as a repeat.
            submitted = transactions.inTransactionRetryingConcurrentWrite(
                    repositories -> admit(repositories, instanceId, vpsId, transactionId, request, login, true));
        }
        if (submitted.cancelled() != null) {
            runner.ended(submitted.vps(), submitted.cancelled());
        }
        Operation operation = submitted.operation();
        if (submitted.begun() != null) {
            return answerAfter(runner.runWithin(submitted.begun(), settings.syncBudget()), vpsId);
        }
        if (submitted.answer() != null) {
            return submitted.answer();
        }
        if (request.phase() == RequestPhase.ASYNC && pollsLook(submitted.vps(), operation)) {
            Optional<OperationRunner.Attempted> looked = runner.lookForPoll(operation, nodeId);
            if (looked.isPresent()) {
                return answerAfter(looked.get(), vpsId);
            }
        }
        if (operation.status() == OperationStatus.ACCEPTED && request.phase() == RequestPhase.SYNC) {
            runner.leftToTheDriver(operation);
        }
        return answer(submitted.vps(), operation);
    }

    /** Null when the request would start work and {@code mayAccept} is false: it is then admitted again, in a transaction. */
    private Submitted admit(Repositories repositories, UUID instanceId, UUID vpsId, String transactionId,
                            Admission.Request asked, LoginChange login, boolean mayAccept) {
        // Polls and repeated requests only read; work that starts locks the VPS and decides again,
        // so a request and the driver never act on the same VPS at once.
        // One statement reads the VPS with its latest operation: a result is committed with the VPS in one
        // transaction, so a finished operation is never answered with the VPS as it was before.
        RequestedVps requested = repositories.vpses().findRequested(instanceId, vpsId);
        if (!requested.instanceInstalled()) {
            throw InstalledInstances.notInstalled(instanceId);
        }
        Optional<Operation> latest = requested.latestOperation();
        Optional<Vps> stored = requested.vps();
        Admission.Request request = withLogin(asked, login, stored);
        Admitted admitted = decide(request, instanceId, vpsId, stored, latest);
        // A VPS not stored yet has nothing to lock: a request that stores it first makes this one's
        // insert fail, and this one then runs again and sees it.
        if (admitted.decision().verdict() == Admission.Verdict.ACCEPT_NEW && !mayAccept) {
            return null;
        }
        if (admitted.decision().verdict() == Admission.Verdict.ACCEPT_NEW && stored.isPresent()) {
            Optional<Vps> locked = repositories.vpses().lock(vpsId);
            request = withLogin(asked, login, locked);
            admitted = decide(request, instanceId, vpsId, locked, repositories.operations().latestFor(vpsId));
        }
        Admission.Decision decision = admitted.decision();
        Optional<Vps> known = admitted.known();
        return switch (decision.verdict()) {
            case NOT_FOUND -> throw new NotFoundException("no VPS " + vpsId);
            case GONE -> Submitted.answered(new VpsAnswer(VpsAnswer.Outcome.GONE, null, 0, decision.reason()));
            case CONFLICT -> throw new ConflictException(decision.reason());
            case DONE -> Submitted.answered(new VpsAnswer(VpsAnswer.Outcome.DONE, known.orElseThrow(), 0, decision.reason()));
            case FAILED -> Submitted.answered(new VpsAnswer(VpsAnswer.Outcome.FAILED, known.orElseThrow(), 0, decision.reason()));
            case IN_PROGRESS -> new Submitted(known.orElseThrow(), admitted.latest().orElseThrow(), null, null, null);
            case ACCEPT_NEW -> accept(repositories, instanceId, vpsId, transactionId, request, known, admitted.latest());
        };
    }

    /**
     * A configure asks for the login the VPS has, changed as the request says, and keeps its
     * operating system: a server is not reinstalled by a configure, so asking for another one is refused.
     */
    private static Admission.Request withLogin(Admission.Request request, LoginChange login, Optional<Vps> stored) {
        if (request.kind() != OperationKind.CONFIGURE || stored.isEmpty()) {
            return request;
        }
        VpsSpec have = stored.get().spec();
        Platform asked = request.requested().platform();
        boolean namesOs = asked.osName() != null || asked.osVersion() != null;
        if (namesOs && have.platform().osName() != null
                && !new OperatingSystem(have.platform().osName(), Objects.requireNonNullElse(have.platform().osVersion(), ""))
                        .fits(asked)) {
            throw new InvalidRequestException("platform.OS cannot be changed by a configure: the VPS runs "
                    + have.platform().osName() + " " + Objects.requireNonNullElse(have.platform().osVersion(), ""));
        }
        Platform kept = new Platform(asked.arch() == null ? have.platform().arch() : asked.arch(),
                have.platform().osName(), have.platform().osVersion());
        return new Admission.Request(request.kind(), request.phase(),
                request.requested().withLogin(login.applyTo(have.login())).withPlatform(kept));
    }

    private static Admitted decide(Admission.Request request, UUID instanceId, UUID vpsId,
                                   Optional<Vps> stored, Optional<Operation> latestOfStored) {
        Optional<Vps> known = stored.filter(vps -> vps.instanceId().equals(instanceId));
        if (known.isEmpty() && request.kind() == OperationKind.PROVISION && stored.isPresent()) {
            throw new ConflictException("aps.id " + vpsId + " belongs to a VPS of another application instance");
        }
        // Not done, as for an id never seen: the VPS lives on under its own instance, and a controller
        // told it was gone would lose track of a server that still runs.
        if (known.isEmpty() && request.kind() == OperationKind.UNPROVISION && stored.isPresent()) {
            throw new NotFoundException("no VPS " + vpsId + " of this application instance");
        }
        Optional<Operation> latest = known.isPresent() ? latestOfStored : Optional.empty();
        return new Admitted(known, latest, Admission.decide(request, known, latest));
    }

    private Submitted accept(Repositories repositories, UUID instanceId, UUID vpsId, String transactionId,
                             Admission.Request request, Optional<Vps> known, Optional<Operation> latest) {
        Instant now = clock.instant();
        Operation cancelled = latest.filter(operation -> !operation.isFinished())
                .map(building -> building.cancel("unprovision requested", now)).orElse(null);
        if (cancelled != null) {
            repositories.operations().update(cancelled);
            repositories.transitions().record(new OperationTransition(cancelled.id(), vpsId, latest.get().status(),
                    cancelled.status(), cancelled.attempts(), cancelled.info(), now));
        }
        VpsSpec target = request.kind().carriesSpec() ? request.requested() : null;
        Host placed = request.kind() == OperationKind.PROVISION ? placement.place(repositories, target) : null;
        Vps vps;
        if (known.isPresent()) {
            vps = known.get().accept(request.kind(), target, now);
            vps = placed == null ? vps : vps.placedOn(placed.name());
            repositories.vpses().update(vps);
        } else {
            vps = Vps.provisioning(vpsId, instanceId, target, now).placedOn(placed.name());
            repositories.vpses().insert(vps);
        }
        Operation operation = Operation.accept(UUID.randomUUID(), vpsId, request.kind(), target, transactionId, now);
        OperationTransition acceptance = new OperationTransition(operation.id(), vpsId, null,
                operation.status(), 0, placed == null ? operation.info()
                        : operation.info() + " (placed on " + Host.kindOf(placed.technology()) + " host " + placed.name() + ")",
                now);
        // Work done within the request is claimed and begun here, in the transaction that accepts it; the
        // first operation of a new VPS is stored begun, as nothing else can hold it.
        boolean inRequest = request.phase() == RequestPhase.SYNC && ExecutionMode.of(vps.technology()) == ExecutionMode.IN_REQUEST;
        Instant leaseUntil = now.plus(settings.syncBudget()).plus(runner.leaseDuration());
        OperationRunner.Begun begun = null;
        if (inRequest && known.isEmpty()) {
            begun = runner.insertBegun(repositories, operation, acceptance, vps, nodeId, now, leaseUntil);
        } else {
            repositories.operations().insert(operation);
            repositories.transitions().record(acceptance);
            begun = inRequest ? runner.claimAndBegin(repositories, operation, vps, nodeId, now, leaseUntil).orElse(null) : null;
        }
        return new Submitted(vps, begun == null ? operation : begun.operation(), begun, null, cancelled);
    }

    private VpsAnswer answerAfter(OperationRunner.Attempted attempted, UUID vpsId) {
        // The attempt that ended the operation wrote the VPS with it; otherwise it is read as it stands.
        Vps vps = attempted.vps() != null ? attempted.vps()
                : transactions.read(repositories -> repositories.vpses().find(vpsId).orElseThrow());
        runner.leftToTheDriver(attempted.operation());
        return answer(vps, attempted.operation());
    }

    /** Whether a poll looks at the server itself, where the advice aims at the work's end as it is seen. */
    private boolean pollsLook(Vps vps, Operation operation) {
        return settings.retryTimeout().adaptive() && runner.worthALookAtPoll(operation, vps.technology(), clock.instant());
    }

    private VpsAnswer answer(Vps vps, Operation operation) {
        return switch (operation.status()) {
            case SUCCEEDED -> new VpsAnswer(VpsAnswer.Outcome.DONE, vps, 0, operation.info());
            case FAILED, CANCELLED -> new VpsAnswer(VpsAnswer.Outcome.FAILED, vps, 0,
                    operation.info());
            case ACCEPTED, RUNNING -> new VpsAnswer(VpsAnswer.Outcome.ACCEPTED, vps,
                    settings.retryTimeout().adviseSeconds(operation, clock.instant(),
                            runner.earlyDuration(vps.technology(), operation.kind()), pollsLook(vps, operation),
                            ThreadLocalRandom.current().nextDouble()),
                    operation.info());
        };
    }


    private record Admitted(Optional<Vps> known, Optional<Operation> latest, Admission.Decision decision) {
    }

    /** {@code begun}: work to do within the request, claimed; {@code cancelled}: the build an unprovision cancelled, if it did. */
    private record Submitted(Vps vps, Operation operation, OperationRunner.Begun begun, VpsAnswer answer, Operation cancelled) {
        static Submitted answered(VpsAnswer answer) {
            return new Submitted(answer.vps(), null, null, answer, null);
        }
    }
}
