package org.vpsconnector.application.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.application.service.Backends;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * The backend calls of each operation kind. Every call is idempotent, so an attempt can be
 * repeated from the start after a failure or a crash: it adopts what the last attempt made.
 */
final class OperationSteps {
    private final Backends backends;
    private final boolean startOnCreate;
    private final Duration buildTimeout;

    OperationSteps(Backends backends, boolean startOnCreate, Duration buildTimeout) {
        this.backends = backends;
        this.startOnCreate = startOnCreate;
        this.buildTimeout = buildTimeout;
    }

    StepResult attempt(Operation operation, Vps vps, Instant now) {
        ServerBackend backend = backends.forTechnology(vps.technology());
        UUID id = vps.id();
        // Each call is skipped when the backend already shows its effect: the driver repeats the
        // attempt every few seconds while a guest boots, and a repeat must not restart the guest.
        Optional<ServerStatus> current = backend.inspect(id);
        switch (operation.kind()) {
            case PROVISION -> {
                if (current.isEmpty()) {
                    backend.create(serverSpec(vps, operation.target()));
                }
                if (startOnCreate && !current.map(ServerStatus::running).orElse(false)) {
                    backend.start(id);
                }
            }
            case CONFIGURE -> {
                if (!current.map(ServerStatus::hardware).map(operation.target().hardware()::equals).orElse(false)) {
                    backend.reconfigure(id, operation.target().hardware());
                }
            }
            case START -> {
                if (!current.map(ServerStatus::running).orElse(false)) {
                    backend.start(id);
                }
            }
            case STOP -> backend.stop(id);
            case UNPROVISION -> {
                backend.destroy(id);
                return new StepResult.Finished(PowerState.DELETING);
            }
        }
        return observe(backend, operation, id, now);
    }

    /** Removes whatever a failed provision allocated. */
    void rollBack(Vps vps) {
        backends.forTechnology(vps.technology()).destroy(vps.id());
    }

    /** The power state the backend reports now, for a VPS whose operation failed. */
    PowerState observedState(Vps vps) {
        try {
            return backends.forTechnology(vps.technology()).inspect(vps.id())
                    .map(status -> status.running() ? PowerState.RUNNING : PowerState.STOPPED)
                    .orElse(PowerState.ERROR);
        } catch (BackendException unreachable) {
            return PowerState.ERROR;
        }
    }

    private StepResult observe(ServerBackend backend, Operation operation, UUID id, Instant now) {
        ServerStatus status = backend.inspect(id).orElseThrow(() ->
                BackendException.transientFailure("the server of VPS " + id + " disappeared from the backend", null));
        if (!status.running()) {
            return new StepResult.Finished(PowerState.STOPPED);
        }
        if (status.guestReady()) {
            return new StepResult.Finished(PowerState.RUNNING);
        }
        if (Duration.between(operation.createdAt(), now).compareTo(buildTimeout) > 0) {
            throw BackendException.permanentFailure("the guest did not boot within " + buildTimeout.toSeconds() + " s", null);
        }
        return new StepResult.Waiting("Waiting for the guest operating system to boot");
    }

    private static ServerSpec serverSpec(Vps vps, VpsSpec target) {
        return new ServerSpec(vps.id(), vps.instanceId(), target.name(), target.hardware(), target.platform());
    }
}
