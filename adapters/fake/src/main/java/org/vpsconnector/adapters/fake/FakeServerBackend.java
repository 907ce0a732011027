package org.vpsconnector.adapters.fake;

import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.OperatingSystem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.UsageReading;

/**
 * A backend of one technology on a fake farm: it sees only the servers of its technology, takes
 * the configured latency on every call that changes a server, and lets its {@link FaultInjector}
 * fail any call.
 */
abstract class FakeServerBackend implements ServerBackend {

    private static final System.Logger LOG = System.getLogger(FakeServerBackend.class.getName());

    private final Technology technology;
    private final FakeServerFarm farm;
    private final Clock clock;
    private final Duration latency;
    private final Duration bootTime;
    private final FaultInjector faults;
    private final List<OperatingSystem> operatingSystems;
    // What each server lets in; a fake keeps it in memory only, the farm file does not hold it.
    private final Map<UUID, Login> logins = new ConcurrentHashMap<>();

    FakeServerBackend(Technology technology, FakeServerFarm farm, Clock clock, FakeBackendSettings settings) {
        this.technology = Objects.requireNonNull(technology, "technology");
        this.farm = Objects.requireNonNull(farm, "farm");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.latency = settings.latency();
        this.bootTime = settings.bootTime();
        this.faults = new FaultInjector(settings.faults());
        this.operatingSystems = settings.operatingSystems();
    }

    /** How a server of this technology takes new hardware limits, given the time now. */
    abstract FakeServer reconfigured(FakeServer server, Hardware hardware, Instant now);

    /** What a reconfigure with new hardware did to {@code server} as it was before. */
    abstract Reconfiguration hardwareChanged(FakeServer server);

    /** The first two parts of the private addresses servers of this technology get. */
    abstract String network();

    /** The faults of this backend, to change at run time. */
    public FaultInjector faults() {
        return faults;
    }

    @Override
    public Technology technology() {
        return technology;
    }

    @Override
    public void create(ServerSpec spec) {
        beforeChange("create", spec.vpsId());
        requireOwnTechnology(spec.hardware());
        try {
            OperatingSystem.choose(operatingSystems, spec.platform());
        } catch (InvalidRequestException notOffered) {
            throw BackendException.permanentFailure(notOffered.getMessage(), null);
        }
        farm.addIfAbsent(FakeServer.created(technology, spec));
        logins.putIfAbsent(spec.vpsId(), spec.login());
    }

    @Override
    public void start(UUID vpsId) {
        beforeChange("start", vpsId);
        change(vpsId, server -> server.running() ? server : server.startedAt(clock.instant()));
    }

    @Override
    public void stop(UUID vpsId) {
        beforeChange("stop", vpsId);
        change(vpsId, FakeServer::stopped);
    }

    @Override
    public List<OperatingSystem> operatingSystems() {
        return operatingSystems;
    }

    @Override
    public Reconfiguration reconfigure(UUID vpsId, Hardware hardware, Login login) {
        beforeChange("reconfigure", vpsId);
        requireOwnTechnology(hardware);
        Optional<FakeServer> before = farm.find(technology, vpsId);
        // The driver repeats the call while a guest boots; the same limits again must not restart it.
        change(vpsId, server -> server.hardware().equals(hardware) ? server : reconfigured(server, hardware, clock.instant()));
        Login had = logins.put(vpsId, login == null ? Login.NONE : login);
        FakeServer server = before.orElseThrow();
        if (!server.hardware().equals(hardware)) {
            return hardwareChanged(server);
        }
        return Objects.equals(had, login) ? Reconfiguration.UNCHANGED : Reconfiguration.APPLIED;
    }

    @Override
    public void destroy(UUID vpsId) {
        beforeChange("destroy", vpsId);
        farm.remove(technology, vpsId);
        logins.remove(vpsId);
    }

    @Override
    public Optional<ServerStatus> inspect(UUID vpsId) {
        faults.beforeCall("inspect");
        return farm.find(technology, vpsId).map(this::status);
    }

    @Override
    public Optional<UsageReading> measure(UUID vpsId) {
        faults.beforeCall("measure");
        return farm.find(technology, vpsId).map(server -> FakeUsage.of(server, clock.instant()));
    }

    @Override
    public List<ServerStatus> list() {
        faults.beforeCall("list");
        return farm.servers(technology).stream().map(this::status).toList();
    }

    @Override
    public void ping() {
        faults.beforeCall("ping");
    }

    private void beforeChange(String call, UUID vpsId) {
        LOG.log(System.Logger.Level.DEBUG, () -> "fake " + technologyName() + " backend: " + call + " the server of VPS " + vpsId);
        faults.beforeCall(call);
        Pause.of(latency, call);
    }

    private void change(UUID vpsId, UnaryOperator<FakeServer> change) {
        farm.update(technology, vpsId, change).orElseThrow(() -> BackendException.permanentFailure(
                "no " + technologyName() + " server for VPS " + vpsId, null));
    }

    private void requireOwnTechnology(Hardware hardware) {
        if (hardware.technology() != technology) {
            throw BackendException.permanentFailure(
                    "a " + technologyName() + " backend cannot run hardware with VM=" + hardware.vm(), null);
        }
    }

    private ServerStatus status(FakeServer server) {
        return new ServerStatus(server.vpsId(), server.instanceId(), server.power(), guestReady(server), server.hardware(),
                server.running() ? address(server.vpsId()) : null);
    }

    /** A private address made up from the VPS id: the same each time the server runs, as a DHCP lease would be. */
    String address(UUID vpsId) {
        long bits = vpsId.getLeastSignificantBits();
        return network() + "." + ((bits >>> 8) & 0xff) + "." + (2 + Math.floorMod(bits, 252));
    }

    private boolean guestReady(FakeServer server) {
        return server.running() && !clock.instant().isBefore(server.startedAt().plus(bootTime));
    }

    private String technologyName() {
        return technology.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
