package org.vpsconnector.application.driver;

import java.time.Duration;
import java.time.Instant;
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
        return switch (operation.kind()) {
            case PROVISION -> {
                backend.create(serverSpec(vps, operation.target()));
                if (startOnCreate) {
                    backend.start(id);
                }
                yield observe(backend, operation, id, now);
            }
            case CONFIGURE -> {
                backend.reconfigure(id, operation.target().hardware());
                yield observe(backend, operation, id, now);
            }
            case START -> {
                backend.start(id);
                yield observe(backend, operation, id, now);
            }
            case STOP -> {
                backend.stop(id);
                yield observe(backend, operation, id, now);
            }
            case UNPROVISION -> {
                backend.destroy(id);
                yield new StepResult.Finished(PowerState.DELETING);
            }
        };
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
