package org.vpsconnector.application.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * The backend calls of each operation kind. Every call is idempotent, so an attempt can be
 * repeated from the start after a failure or a crash: it adopts what the last attempt made.
 */
final class OperationSteps {
    private final Fleet fleet;
    private final LeaseKeeper leases;
    private final boolean startOnCreate;
    private final Duration buildTimeout;

    OperationSteps(Fleet fleet, LeaseKeeper leases, boolean startOnCreate, Duration buildTimeout) {
        this.fleet = fleet;
        this.leases = leases;
        this.startOnCreate = startOnCreate;
        this.buildTimeout = buildTimeout;
    }

    StepResult attempt(Operation operation, Vps vps, Lease lease, Instant now) {
        ServerBackend backend = backend(vps, lease);
        UUID id = vps.id();
        // Each call is skipped when the backend already shows its effect: the driver repeats the
        // attempt every few seconds while a guest boots, and a repeat must not restart the guest.
        Optional<ServerStatus> current = backend.inspect(id);
        Reconfiguration reconfigured = null;
        switch (operation.kind()) {
            case PROVISION -> {
                if (current.isEmpty()) {
                    backend.create(serverSpec(vps, operation.target()));
                }
                if (startOnCreate && !current.map(ServerStatus::running).orElse(false)) {
                    backend.start(id);
                }
            }
            case CONFIGURE -> reconfigured = Reconfiguration.strongest(ConfigureInfo.recordedIn(operation.info()),
                    backend.reconfigure(id, operation.target().hardware(), operation.target().login()));
            case START -> {
                if (!current.map(ServerStatus::running).orElse(false)) {
                    backend.start(id);
                }
            }
            case STOP -> backend.stop(id);
            // A VPS whose server is gone is suspended and enabled all the same: it is recorded Error,
            // and nothing is built in the server's place.
            case DISABLE, ENABLE -> {
                if (current.isEmpty()) {
                    return new StepResult.Finished(PowerState.ERROR);
                }
                boolean running = current.get().running();
                if (operation.kind() == OperationKind.DISABLE && running) {
                    backend.stop(id);
                }
                if (operation.kind() == OperationKind.ENABLE && vps.resumeTo() == PowerState.RUNNING && !running) {
                    backend.start(id);
                }
            }
            case UNPROVISION -> {
                backend.destroy(id);
                return new StepResult.Finished(PowerState.DELETING);
            }
        }
        return observe(backend, operation, id, now, reconfigured);
    }

    /** Removes whatever a failed provision allocated. */
    void rollBack(Vps vps, Lease lease) {
        backend(vps, lease).destroy(vps.id());
    }

    /** The power state the backend reports now, for a VPS whose operation failed. */
    PowerState observedState(Vps vps, Lease lease) {
        try {
            return backend(vps, lease).inspect(vps.id())
                    .map(status -> status.running() ? PowerState.RUNNING : PowerState.STOPPED)
                    .orElse(PowerState.ERROR);
        } catch (BackendException unreachable) {
            return PowerState.ERROR;
        }
    }

    private StepResult observe(ServerBackend backend, Operation operation, UUID id, Instant now,
                               Reconfiguration reconfigured) {
        ServerStatus status = backend.inspect(id).orElseThrow(() ->
                BackendException.transientFailure("the server of VPS " + id + " disappeared from the backend", null));
        String info = ConfigureInfo.done(reconfigured);
        if (!status.running()) {
            return new StepResult.Finished(PowerState.STOPPED, status.ipv4(), info);
        }
        if (status.guestReady()) {
            return new StepResult.Finished(PowerState.RUNNING, status.ipv4(), info);
        }
        if (outOfTime(operation, now)) {
            throw BackendException.permanentFailure("the guest did not boot within " + buildTimeout.toSeconds() + " s", null);
        }
        return new StepResult.Waiting(ConfigureInfo.waiting(reconfigured, "Waiting for the guest operating system to boot"));
    }

    /**
     * Whether the operation has run past the build timeout: then a failure that would be retried
     * ends it instead, so a backend that keeps timing out cannot keep a build going for ever.
     * An unprovision keeps trying (within its backoff): giving up would leave the server behind.
     */
    boolean outOfTime(Operation operation, Instant now) {
        return operation.kind() != OperationKind.UNPROVISION
                && Duration.between(operation.createdAt(), now).compareTo(buildTimeout) > 0;
    }

    Duration buildTimeout() {
        return buildTimeout;
    }

    Fleet fleet() {
        return fleet;
    }

    /** Every backend call of an attempt goes to the VPS's host, and is made only while the attempt holds its lease. */
    private ServerBackend backend(Vps vps, Lease lease) {
        return leases.fence(fleet.backendOf(vps), lease);
    }

    private static ServerSpec serverSpec(Vps vps, VpsSpec target) {
        return new ServerSpec(vps.id(), vps.instanceId(), target.name(), target.hardware(), target.platform(), target.login());
    }
}
