package org.vpsconnector.adapters.docker;

import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.OperatingSystem;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.InvocationBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.Acceptance;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.BoundedCalls;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.UsageReading;

/** Container VPSes on a Docker engine: one container per VPS, named and labelled after it. */
public final class DockerContainerBackend implements ContainerBackend, Closeable {
    private static final System.Logger LOG = System.getLogger(DockerContainerBackend.class.getName());
    /**
     * How long a stop lets the VPS's processes end before they are killed. The init process
     * forwards SIGTERM, so a container without services of its own stops at once.
     */
    private static final int STOP_GRACE_SECONDS = 5;
    /** Calls to the engine under way at once, abandoned ones still blocked included. */
    private static final int MAX_CALLS = 32;

    private final DockerSettings settings;
    private final DockerClient docker;
    /** For pulls and commits, which take longer than other calls. */
    private final DockerClient slowDocker;
    private final DockerFailures failures;
    private final BoundedCalls calls;
    private final BoundedCalls slowCalls;
    private final ImagePulls pulls;
    private final ContainerDisk disk;

    public DockerContainerBackend(DockerSettings settings) {
        this(settings, LogContext.NONE);
    }

    /** {@code logContext} carries the caller's log marks to the threads that call the engine. */
    public DockerContainerBackend(DockerSettings settings, LogContext logContext) {
        this.settings = settings;
        this.docker = DockerClients.connect(settings);
        this.slowDocker = DockerClients.connect(settings, settings.pullTimeout().plus(settings.callTimeout()));
        this.calls = new BoundedCalls("docker", settings.callTimeout(), MAX_CALLS, logContext);
        this.failures = new DockerFailures(settings.dockerHost(), calls);
        // The pull's own deadline ends it first; this bound only catches an engine that hangs.
        this.slowCalls = new BoundedCalls("docker", settings.pullTimeout().plus(settings.callTimeout()), MAX_CALLS,
                logContext);
        DockerFailures slowFailures = new DockerFailures(settings.dockerHost(), slowCalls);
        this.pulls = new ImagePulls(slowDocker, slowFailures, settings.registries(), settings.pullTimeout());
        this.disk = new ContainerDisk(docker, slowDocker, failures, slowFailures, settings);
        // Asked at start, so the log says it at once; in the background: an engine that hangs
        // must not hold up the start. Creates and the health check ask again until it answers.
        // Its own call threads: lines of calls made for no request carry no request's marks.
        Thread check = new Thread(() -> {
            try (BoundedCalls startCalls = new BoundedCalls("docker-start", settings.callTimeout(), 1, logContext)) {
                disk.enforcement(new DockerFailures(settings.dockerHost(), startCalls));
            } catch (RuntimeException unreachable) {
                LOG.log(System.Logger.Level.WARNING, "Container disk limits: not known until the engine answers: {0}",
                        unreachable.getMessage());
            }
        }, "docker-disk-limits-check");
        check.setDaemon(true);
        check.start();
    }

    /** Whether the engine caps container sizes, as the operator's health check shows it. */
    public DiskLimits diskLimits() {
        try {
            ContainerDisk.Enforcement enforcement = disk.enforcement();
            return new DiskLimits(enforcement.enforced(), disk.acceptance().refuses(), disk.describe(enforcement));
        } catch (BackendException unreachable) {
            return new DiskLimits(null, false, "not known: " + unreachable.getMessage());
        }
    }

    /**
     * @param enforced    whether container sizes are capped; null while the engine has not answered
     * @param refusing    whether container VPSes are refused for it
     * @param description what the operator reads
     */
    public record DiskLimits(Boolean enforced, boolean refusing, String description) {
    }

    @Override
    public Acceptance acceptance() {
        return disk.acceptance();
    }

    @Override
    public Technology technology() {
        return Technology.CONTAINER;
    }

    @Override
    public void create(ServerSpec spec) {
        String name = ContainerIdentity.name(spec.vpsId());
        String image = settings.imageFor(spec.platform());
        pulls.ensurePresent(image);
        failures.during("create container " + name, () -> {
            try {
                CreateContainerCmd create = ContainerSpecMapping.describe(docker.createContainerCmd(image), spec, settings);
                create.withHostConfig(disk.limit(create.getHostConfig(), spec.hardware())).exec();
            } catch (ConflictException nameTaken) {
                requireOurs(spec.vpsId(), nameTaken);
            }
        });
    }

    @Override
    public void start(UUID vpsId) {
        String name = ContainerIdentity.name(vpsId);
        failures.during("start container " + name, () -> {
            try {
                docker.startContainerCmd(name).exec();
            } catch (NotModifiedException alreadyRunning) {
                // a running server stays as it is
            }
        });
    }

    @Override
    public void stop(UUID vpsId) {
        String name = ContainerIdentity.name(vpsId);
        failures.during("stop container " + name, () -> {
            try {
                docker.stopContainerCmd(name).withTimeout(STOP_GRACE_SECONDS).exec();
            } catch (NotModifiedException alreadyStopped) {
                // a stopped server stays as it is
            }
        });
    }

    /** Changes the limits of the running container in place: Docker needs no restart for them. */
    @Override
    public Reconfiguration reconfigure(UUID vpsId, Hardware hardware, Login login) {
        String name = ContainerIdentity.name(vpsId);
        Optional<Reconfiguration> resized = disk.resize(vpsId, hardware);
        failures.during("update the limits of container " + name,
                () -> ContainerHardware.limit(docker.updateContainerCmd(name), hardware).exec());
        return resized.orElse(Reconfiguration.APPLIED);
    }

    @Override
    public List<OperatingSystem> operatingSystems() {
        return List.of(new OperatingSystem("debian", "12"));
    }

    @Override
    public void destroy(UUID vpsId) {
        String name = ContainerIdentity.name(vpsId);
        failures.during("remove container " + name, () -> {
            try {
                docker.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException alreadyRemoved) {
                // a replayed unprovision finds nothing left to remove
            }
        });
        disk.removeLeftoversOfResizes(vpsId);
    }

    @Override
    public Optional<ServerStatus> inspect(UUID vpsId) {
        String name = ContainerIdentity.name(vpsId);
        return failures.during("inspect container " + name, () -> inspectContainer(name));
    }

    @Override
    public Optional<UsageReading> measure(UUID vpsId) {
        String name = ContainerIdentity.name(vpsId);
        return failures.during("measure container " + name, () -> {
            InspectContainerResponse container;
            try {
                container = docker.inspectContainerCmd(name).withSize(true).exec();
            } catch (NotFoundException missing) {
                return Optional.empty();
            }
            if (ServerStatusMapping.of(container, settings.owner()).isEmpty()) {
                return Optional.empty();
            }
            if (!Boolean.TRUE.equals(container.getState().getRunning())) {
                return Optional.of(ContainerUsage.stopped(container));
            }
            Statistics statistics = docker.statsCmd(name).withNoStream(true)
                    .exec(new InvocationBuilder.AsyncResultCallback<Statistics>()).awaitResult();
            return Optional.of(ContainerUsage.running(container, statistics));
        });
    }

    @Override
    public List<ServerStatus> list() {
        return failures.during("list the VPS containers", () -> docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(ContainerIdentity.OWNER_LABEL, settings.owner()))
                .exec().stream()
                .map(Container::getId)
                .flatMap(id -> inspectContainer(id).stream())
                .toList());
    }

    @Override
    public void ping() {
        failures.during("ping", () -> docker.pingCmd().exec());
    }

    @Override
    public void close() throws IOException {
        calls.close();
        slowCalls.close();
        docker.close();
        slowDocker.close();
    }

    /** Empty when the container does not exist (it may have been removed since it was listed) or is not ours. */
    private Optional<ServerStatus> inspectContainer(String nameOrId) {
        try {
            return ServerStatusMapping.of(docker.inspectContainerCmd(nameOrId).exec(), settings.owner());
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    /** A name conflict means the VPS's container exists already, unless someone else's has its name. */
    private void requireOurs(UUID vpsId, ConflictException nameTaken) {
        if (inspectContainer(ContainerIdentity.name(vpsId)).isEmpty()) {
            throw BackendException.permanentFailure("container name " + ContainerIdentity.name(vpsId)
                    + " is taken by a container that is not a VPS of owner " + settings.owner(), nameTaken);
        }
    }
}
