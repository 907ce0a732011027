package org.vpsconnector.adapters.apsrest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
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
import org.vpsconnector.application.port.out.VpsWithUsage;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.MeteredUsage;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.RequestPhase;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * VPS use cases over a map: a container's work is done in the request, a VM's is accepted (202)
 * on the sync call and done on the async poll, as the real ones answer.
 */
final class FakeVpsUseCases implements ProvisionVpsUseCase, ConfigureVpsUseCase, UnprovisionVpsUseCase,
        StartVpsUseCase, StopVpsUseCase, SuspendVpsUseCase, GetVpsQuery {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final long RETRY_TIMEOUT_SECONDS = 30;

    final List<Call> changes = new ArrayList<>();
    private final Map<UUID, Vps> vpses = new HashMap<>();
    private final Map<UUID, MeteredUsage> usage = new HashMap<>();
    private String failure;
    private RuntimeException crash;

    /** Seeds a VPS, as if provisioned before the test. */
    Vps add(Vps vps) {
        vpses.put(vps.id(), vps);
        return vps;
    }

    Vps ready(UUID instanceId, UUID id, VpsSpec spec, PowerState state) {
        return add(Vps.provisioning(id, instanceId, spec, NOW).completed(OperationKind.PROVISION, spec, state, NOW));
    }

    /** Stores figures of a VPS, as if the meter measured it. */
    void measured(MeteredUsage figures) {
        usage.put(figures.vpsId(), figures);
    }

    /** Every provision from now on fails with {@code info}. */
    void failWith(String info) {
        failure = info;
    }

    /** Every call from now on throws {@code e}, like a bug would. */
    void crashWith(RuntimeException e) {
        crash = e;
    }

    @Override
    public VpsAnswer provision(ProvisionVpsCommand command) {
        record("provision", command);
        Vps known = vpses.get(command.vpsId());
        if (known != null && !known.spec().equals(command.spec())) {
            throw new ConflictException("a VPS with this aps.id exists with other properties");
        }
        if (known != null && known.lifecycle() == Lifecycle.READY) {
            return new VpsAnswer(VpsAnswer.Outcome.DONE, known, 0, "the VPS exists");
        }
        Vps vps = known != null ? known : Vps.provisioning(command.vpsId(), command.instanceId(), command.spec(), NOW);
        if (failure != null) {
            return new VpsAnswer(VpsAnswer.Outcome.FAILED, add(vps.failed(OperationKind.PROVISION, PowerState.ERROR, NOW)), 0, failure);
        }
        return run(OperationKind.PROVISION, vps, command.spec(), command.phase(), PowerState.RUNNING);
    }

    @Override
    public VpsAnswer configure(ConfigureVpsCommand command) {
        record("configure", command);
        Vps vps = known(command.instanceId(), command.vpsId());
        if (vps.lifecycle() != Lifecycle.READY && vps.lifecycle() != Lifecycle.CONFIGURING) {
            throw new ConflictException("the VPS is not ready (" + vps.lifecycle().apsStatus() + ")");
        }
        return run(OperationKind.CONFIGURE, vps, command.spec().withLogin(command.login().applyTo(vps.spec().login())),
                command.phase(), vps.state());
    }

    @Override
    public VpsAnswer unprovision(VpsCommand command) {
        record("unprovision", command);
        Vps stored = vpses.get(command.vpsId());
        if (stored == null) {
            return new VpsAnswer(VpsAnswer.Outcome.GONE, null, 0, "there is no such VPS");
        }
        Vps vps = known(command.instanceId(), command.vpsId());
        return run(OperationKind.UNPROVISION, vps, vps.spec(), command.phase(), PowerState.DELETING);
    }

    @Override
    public VpsAnswer start(VpsCommand command) {
        record("start", command);
        Vps vps = known(command.instanceId(), command.vpsId());
        return run(OperationKind.START, vps, vps.spec(), command.phase(), PowerState.RUNNING);
    }

    @Override
    public VpsAnswer stop(VpsCommand command) {
        record("stop", command);
        Vps vps = known(command.instanceId(), command.vpsId());
        return run(OperationKind.STOP, vps, vps.spec(), command.phase(), PowerState.STOPPED);
    }

    @Override
    public VpsAnswer disable(VpsCommand command) {
        record("disable", command);
        Vps vps = known(command.instanceId(), command.vpsId());
        if (vps.suspended() && vps.state() != PowerState.STOPPING) {
            throw new ConflictException("the VPS is disabled already");
        }
        return run(OperationKind.DISABLE, vps, vps.spec(), command.phase(), PowerState.STOPPED);
    }

    @Override
    public VpsAnswer enable(VpsCommand command) {
        record("enable", command);
        Vps vps = known(command.instanceId(), command.vpsId());
        if (!vps.suspended()) {
            throw new ConflictException("the VPS is not disabled");
        }
        return run(OperationKind.ENABLE, vps, vps.spec(), command.phase(), vps.resumeTo());
    }

    @Override
    public Vps get(UUID instanceId, UUID vpsId) {
        throwIfCrashing();
        return known(instanceId, vpsId);
    }

    @Override
    public VpsWithUsage retrieve(UUID instanceId, UUID vpsId) {
        return new VpsWithUsage(get(instanceId, vpsId), Optional.ofNullable(usage.get(vpsId)));
    }

    private VpsAnswer run(OperationKind kind, Vps vps, VpsSpec target, RequestPhase phase, PowerState reached) {
        Vps underway = add(isUnderway(kind, vps) ? vps : vps.accept(kind, target, NOW));
        if (target.hardware().vm() && phase == RequestPhase.SYNC) {
            return new VpsAnswer(VpsAnswer.Outcome.ACCEPTED, underway, RETRY_TIMEOUT_SECONDS, kind + " accepted");
        }
        return new VpsAnswer(VpsAnswer.Outcome.DONE, add(underway.completed(kind, target, reached, NOW)), 0, kind + " done");
    }

    private static boolean isUnderway(OperationKind kind, Vps vps) {
        return vps.lifecycle() == kind.lifecycleWhileRunning(vps.lifecycle()) && vps.state() == kind.stateWhileRunning();
    }

    private Vps known(UUID instanceId, UUID vpsId) {
        Vps vps = vpses.get(vpsId);
        if (vps == null || !vps.instanceId().equals(instanceId) || vps.lifecycle() == Lifecycle.DELETED) {
            throw new NotFoundException("no VPS " + vpsId);
        }
        return vps;
    }

    private void record(String operation, Object command) {
        throwIfCrashing();
        changes.add(new Call(operation, command));
    }

    private void throwIfCrashing() {
        if (crash != null) {
            throw crash;
        }
    }
}
