package org.vpsconnector.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.vpsconnector.application.callback.ControllerUpdates;
import org.vpsconnector.application.driver.OperationRunner;
import org.vpsconnector.application.port.in.InstallInstanceCommand;
import org.vpsconnector.application.port.in.ProvisionVpsCommand;
import org.vpsconnector.application.port.in.VpsCommand;
import org.vpsconnector.application.port.out.BoundedBackend;
import org.vpsconnector.application.port.out.BoundedCalls;
import org.vpsconnector.application.port.out.OperationTransition;
import java.util.function.BiFunction;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.HostConditions;
import org.vpsconnector.application.fleet.Placement;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.HypervisorBackend;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.application.service.ContextService;
import org.vpsconnector.application.service.ControllerTrust;
import org.vpsconnector.application.service.InstanceService;
import org.vpsconnector.application.service.OperationAdministration;
import org.vpsconnector.application.driver.ProvisioningSettings;
import org.vpsconnector.application.service.VpsRequests;
import org.vpsconnector.domain.Backoff;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.HardwareLimits;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.RequestPhase;
import org.vpsconnector.domain.RetryTimeoutPolicy;
import org.vpsconnector.domain.Secret;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * The application wired to in-memory doubles: one database, a container and a hypervisor
 * backend, and a clock that stands still until a test moves it.
 */
public final class World {
    public static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    public static final String CONNECTOR_VERSION = "2.1.0";
    public static final String REQUEST_NODE = "node-a";
    public static final String DRIVER_NODE = "driver-a";
    public static final Duration LEASE = Duration.ofSeconds(60);
    public static final Duration SYNC_BUDGET = Duration.ofSeconds(5);
    /** Long enough for any call of the in-memory backends; a hung call is abandoned after it. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration GUEST_CHECK = Duration.ofSeconds(15);
    /** 10 s doubling up to 40 s, three attempts. */
    public static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(40), 3);
    public static final RetryTimeoutPolicy RETRY_TIMEOUT = new RetryTimeoutPolicy(Duration.ofSeconds(5), Duration.ofSeconds(60));
    public static final HardwareLimits LIMITS = new HardwareLimits(64, 1024, 16);

    public static final Platform UBUNTU = new Platform("x86_64", "Ubuntu", "22.04");
    public static final VpsSpec CONTAINER_SPEC = new VpsSpec("web-1", "front end", new Hardware(2, 20, 2, false), UBUNTU, null, null);
    public static final VpsSpec VM_SPEC = new VpsSpec("db-1", "database", new Hardware(4, 40, 2, true), UBUNTU, null, null);

    public final TestClock clock = new TestClock(T0);
    public final InMemoryTransactions db = new InMemoryTransactions();
    public final ControllableBackend containers = ControllableBackend.containers();
    public final ControllableBackend hypervisor = ControllableBackend.hypervisor();
    /** Bound every call the application makes to {@link #containers} and {@link #hypervisor}. */
    public final BoundedCalls containerCalls;
    public final BoundedCalls hypervisorCalls;
    public final ProvisioningSettings settings;
    public final ContainerBackend boundedContainers;
    public final HypervisorBackend boundedHypervisor;
    public final Fleet fleet;
    /** What the last checks of the fleet's hosts found; nothing until a test checks them. */
    public final HostConditions hosts;
    /** What the runner and the requests tell about attempts and operations that end. */
    public final RecordingOperationObserver observer = new RecordingOperationObserver();
    public final OperationRunner runner;
    public final VpsRequests requests;
    public final InstanceService instances;
    public final ContextService contexts;
    public final OperationAdministration administration;
    /** Renders a VPS as its id and state, enough to tell the updates of a test apart. */
    public final ControllerUpdates controllerUpdates = new ControllerUpdates(World::representation, clock);

    public World() {
        this(settings(true, BACKOFF));
    }

    public World(ProvisioningSettings settings) {
        this(settings, CALL_TIMEOUT);
    }

    public World(ProvisioningSettings settings, Duration callTimeout) {
        this(settings, callTimeout, Fleet::of, false);
    }

    /**
     * {@code fleetOf} makes the fleet around the world's own (bounded) backends, which it may put
     * among hosts of its own; {@code spreadSubscriptions} is placement's option.
     */
    public World(ProvisioningSettings settings, Duration callTimeout,
                 BiFunction<ContainerBackend, HypervisorBackend, Fleet> fleetOf, boolean spreadSubscriptions) {
        this.settings = settings;
        this.containerCalls = new BoundedCalls("container", callTimeout, 4);
        this.hypervisorCalls = new BoundedCalls("hypervisor", callTimeout, 4);
        this.boundedContainers = BoundedBackend.containers(containers, containerCalls);
        this.boundedHypervisor = BoundedBackend.hypervisor(hypervisor, hypervisorCalls);
        this.fleet = fleetOf.apply(boundedContainers, boundedHypervisor);
        this.hosts = new HostConditions(fleet, clock);
        this.runner = OperationRunner.create(db, hosts, clock, settings, LEASE, controllerUpdates, LogContext.NONE, observer);
        this.requests = new VpsRequests(db, runner, new Placement(hosts, spreadSubscriptions), clock, settings, REQUEST_NODE);
        this.instances = new InstanceService(db, clock, CONNECTOR_VERSION, ControllerTrust.anyone());
        this.contexts = new ContextService(db, clock);
        this.administration = new OperationAdministration(db, runner, controllerUpdates, clock, REQUEST_NODE,
                Set.of(REQUEST_NODE, DRIVER_NODE));
    }

    public static ProvisioningSettings settings(boolean startOnCreate, Backoff backoff) {
        return settings(startOnCreate, backoff, SYNC_BUDGET, BUILD_TIMEOUT);
    }

    public static ProvisioningSettings settings(boolean startOnCreate, Backoff backoff, Duration syncBudget,
                                                Duration buildTimeout) {
        return new ProvisioningSettings(startOnCreate, syncBudget, buildTimeout, GUEST_CHECK, backoff, RETRY_TIMEOUT, LIMITS);
    }

    public static VpsSpec containerSpec(int memoryGb, int diskGb, int cpus) {
        return new VpsSpec("web-1", "front end", new Hardware(memoryGb, diskGb, cpus, false), UBUNTU, null, null);
    }

    public static VpsSpec vmSpec(int memoryGb, int diskGb, int cpus) {
        return new VpsSpec("db-1", "database", new Hardware(memoryGb, diskGb, cpus, true), UBUNTU, null, null);
    }

    public UUID installInstance() {
        UUID instanceId = UUID.randomUUID();
        instances.install(new InstallInstanceCommand(instanceId, "https://controller.example/", Secret.of("SELF"),
                "CONTROLLER", null));
        return instanceId;
    }

    /** What {@link #controllerUpdates} owes the controller for {@code vps}. */
    public static String representation(Vps vps) {
        return "{\"id\":\"" + vps.id() + "\",\"state\":\"" + vps.state().apsName() + "\"}";
    }

    public static ProvisionVpsCommand provision(UUID instanceId, UUID vpsId, RequestPhase phase, VpsSpec spec) {
        return new ProvisionVpsCommand(instanceId, vpsId, phase, spec);
    }

    public static VpsCommand command(UUID instanceId, UUID vpsId, RequestPhase phase) {
        return new VpsCommand(instanceId, vpsId, phase);
    }

    /**
     * Does synchronously what the operation driver does in its sweep: claims each due operation
     * for {@link #DRIVER_NODE} and makes one attempt at it. Returns how many were attempted.
     */
    public int driveDue() {
        Instant now = clock.instant();
        List<UUID> due = db.inTransaction(repositories -> repositories.operations().findDue(now, 100));
        int attempted = 0;
        for (UUID operationId : due) {
            if (claim(operationId, DRIVER_NODE)) {
                runner.attempt(operationId, DRIVER_NODE);
                attempted++;
            }
        }
        return attempted;
    }

    /** A VM provision of {@code vpsId} accepted for {@code instanceId}, left to the driver; its operation. */
    public Operation acceptVm(UUID instanceId, UUID vpsId) {
        requests.provision(provision(instanceId, vpsId, RequestPhase.SYNC, VM_SPEC));
        return latestOperation(vpsId);
    }

    public boolean claim(UUID operationId, String owner) {
        Instant now = clock.instant();
        return db.inTransaction(repositories -> repositories.operations().claim(operationId, owner, now, now.plus(LEASE)));
    }

    public Vps storedVps(UUID vpsId) {
        return db.vps(vpsId).orElseThrow(() -> new AssertionError("no VPS " + vpsId + " stored"));
    }

    public Operation latestOperation(UUID vpsId) {
        return db.inTransaction(repositories -> repositories.operations().latestFor(vpsId))
                .orElseThrow(() -> new AssertionError("no operation of VPS " + vpsId));
    }

    /**
     * Every status an operation was ever written with is in the transition log, in order, and
     * the log of each operation is a chain that ends in its current status.
     */
    public void assertEveryStatusChangeIsLogged() {
        for (Operation operation : db.operations()) {
            List<String> written = new ArrayList<>();
            db.statusChanges().stream()
                    .filter(change -> change.operationId().equals(operation.id()))
                    .forEach(change -> written.add(change.from() + "->" + change.to()));
            List<OperationTransition> log = db.transitions().stream()
                    .filter(transition -> transition.operationId().equals(operation.id()))
                    .toList();
            List<String> logged = log.stream()
                    .filter(transition -> transition.from() != transition.to())
                    .map(transition -> transition.from() + "->" + transition.to())
                    .toList();
            assertThat(logged).as("status changes of operation %s in the transition log", operation.id())
                    .isEqualTo(written);
            for (int i = 1; i < log.size(); i++) {
                assertThat(log.get(i).from()).as("transition %d of operation %s starts where the last ended", i, operation.id())
                        .isEqualTo(log.get(i - 1).to());
            }
            assertThat(log).isNotEmpty();
            assertThat(log.get(log.size() - 1).to()).isEqualTo(operation.status());
            assertThat(log).allMatch(transition -> Objects.equals(transition.vpsId(), operation.vpsId()));
        }
    }
}
