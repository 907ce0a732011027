package org.vpsconnector.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.OperatingSystem;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.UsageReading;

/**
 * A backend whose every call ends within its {@link BoundedCalls}' timeout, whatever the backend
 * does: the driver, the reconciler and the health checks never wait longer on a daemon that
 * accepted a connection and stopped answering.
 */
public final class BoundedBackend implements ContainerBackend, HypervisorBackend {
    private final ServerBackend backend;
    private final BoundedCalls calls;

    private BoundedBackend(ServerBackend backend, BoundedCalls calls) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    public static ContainerBackend containers(ContainerBackend backend, BoundedCalls calls) {
        return new BoundedBackend(backend, calls);
    }

    public static HypervisorBackend hypervisor(HypervisorBackend backend, BoundedCalls calls) {
        return new BoundedBackend(backend, calls);
    }

    public BoundedCalls calls() {
        return calls;
    }

    @Override
    public Technology technology() {
        return backend.technology();
    }

    @Override
    public void create(ServerSpec spec) {
        calls.run("create", "create the server of VPS " + spec.vpsId(), () -> backend.create(spec));
    }

    @Override
    public void start(UUID vpsId) {
        calls.run("start", "start the server of VPS " + vpsId, () -> backend.start(vpsId));
    }

    @Override
    public void stop(UUID vpsId) {
        calls.run("stop", "stop the server of VPS " + vpsId, () -> backend.stop(vpsId));
    }

    @Override
    public Acceptance acceptance() {
        try {
            return calls.call("acceptance", "ask whether the backend takes new servers", backend::acceptance);
        } catch (BackendException unanswered) {
            return Acceptance.UNRESERVED;
        }
    }

    @Override
    public List<OperatingSystem> operatingSystems() {
        return backend.operatingSystems();
    }

    @Override
    public Reconfiguration reconfigure(UUID vpsId, Hardware hardware, Login login) {
        return calls.call("reconfigure", "reconfigure the server of VPS " + vpsId, () -> backend.reconfigure(vpsId, hardware, login));
    }

    @Override
    public void destroy(UUID vpsId) {
        calls.run("destroy", "destroy the server of VPS " + vpsId, () -> backend.destroy(vpsId));
    }

    @Override
    public Optional<ServerStatus> inspect(UUID vpsId) {
        return calls.call("inspect", "inspect the server of VPS " + vpsId, () -> backend.inspect(vpsId));
    }

    @Override
    public Optional<UsageReading> measure(UUID vpsId) {
        return calls.call("measure", "measure the server of VPS " + vpsId, () -> backend.measure(vpsId));
    }

    @Override
    public List<ServerStatus> list() {
        return calls.call("list", "list the servers", backend::list);
    }

    @Override
    public void ping() {
        calls.run("ping", "reach the backend", backend::ping);
    }
}
