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
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.InvocationBuilder;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import org.vpsconnector.domain.InvalidRequestException;
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
    /** The engine's CPU count, asked once: 0 until then. */
    private volatile int hostCpus;

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
        OperatingSystem os = chosenSystem(spec);
        String image = settings.imageFor(os);
        InspectImageResponse present = pulls.present(image);
        failures.during("create container " + name, () -> {
            try {
                CreateContainerCmd create = ContainerSpecMapping.describe(docker.createContainerCmd(image), spec, os,
                        hasCommand(present), hostCpus(), settings);
                create.withHostConfig(disk.limit(create.getHostConfig(), spec.hardware())).exec();
            } catch (ConflictException nameTaken) {
                requireOurs(spec.vpsId(), nameTaken);
            }
        });
        // Also after a name conflict: an earlier attempt may have made the container and stopped short of this.
        failures.during("copy the login into container " + name, () -> reconfigureLogin(name, spec.login()));
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

    /**
     * Changes the limits of the container in place (Docker needs no restart for them) and copies a
     * changed login in, applying it at once in a running container. Only what differs is changed.
     */
    @Override
    public Reconfiguration reconfigure(UUID vpsId, Hardware hardware, Login login) {
        String name = ContainerIdentity.name(vpsId);
        Reconfiguration limits = failures.during("update the limits of container " + name, () -> {
            String cpuset = ContainerCpus.cpuset(vpsId, hardware.cpuCount(), hostCpus());
            if (ContainerHardware.hasLimits(docker.inspectContainerCmd(name).exec().getHostConfig(), hardware, cpuset)) {
                return Reconfiguration.UNCHANGED;
            }
            ContainerHardware.limit(docker.updateContainerCmd(name), hardware, cpuset).exec();
            return Reconfiguration.APPLIED;
        });
        Reconfiguration resized = disk.resize(vpsId, hardware).orElse(Reconfiguration.UNCHANGED);
        Reconfiguration access = failures.during("copy the login into container " + name,
                () -> reconfigureLogin(name, login));
        return Reconfiguration.strongest(limits, resized, access);
    }

    /** Called within an engine call. */
    private int hostCpus() {
        if (hostCpus == 0) {
            hostCpus = docker.infoCmd().exec().getNCPU();
        }
        return hostCpus;
    }

    @Override
    public List<OperatingSystem> operatingSystems() {
        return settings.operatingSystems();
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
            if (ServerStatusMapping.of(container, settings.owner(), settings.networkMode()).isEmpty()) {
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
            return ServerStatusMapping.of(docker.inspectContainerCmd(nameOrId).exec(), settings.owner(),
                    settings.networkMode());
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    private OperatingSystem chosenSystem(ServerSpec spec) {
        try {
            return OperatingSystem.choose(settings.operatingSystems(), spec.platform());
        } catch (InvalidRequestException notOffered) {
            throw BackendException.permanentFailure(notOffered.getMessage(), notOffered);
        }
    }

    /** An image without a command of its own gets one that keeps it running. */
    private static boolean hasCommand(InspectImageResponse image) {
        ContainerConfig config = image.getConfig();
        return config == null || (config.getCmd() != null && config.getCmd().length > 0)
                || (config.getEntrypoint() != null && config.getEntrypoint().length > 0);
    }

    /**
     * Copies {@code login} into the container unless it holds it already; a running container
     * applies it at once, a stopped one when it starts.
     */
    private Reconfiguration reconfigureLogin(String name, Login login) {
        if (ContainerLogin.holds(storedLoginDigest(name), login)) {
            return Reconfiguration.UNCHANGED;
        }
        copyIn(name, ContainerLogin.pendingFiles(login));
        boolean running = Boolean.TRUE.equals(docker.inspectContainerCmd(name).exec().getState().getRunning());
        if (running) {
            applyLogin(name);
        }
        // Written last: a copy that was not applied is copied and applied again by the next attempt.
        copyIn(name, ContainerLogin.digestFile(login));
        return running ? Reconfiguration.APPLIED : Reconfiguration.AT_NEXT_START;
    }

    private Optional<String> storedLoginDigest(String name) {
        try (InputStream archive = docker.copyArchiveFromContainerCmd(name, ContainerLogin.DIGEST_FILE).exec()) {
            return ContainerLogin.readDigest(archive);
        } catch (NotFoundException noLoginYet) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyIn(String name, byte[] archive) {
        docker.copyArchiveToContainerCmd(name).withRemotePath("/")
                .withTarInputStream(new ByteArrayInputStream(archive)).exec();
    }

    private void applyLogin(String name) {
        String execId = docker.execCreateCmd(name).withCmd(ContainerLogin.APPLY_COMMAND)
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        StringBuilder output = new StringBuilder();
        try {
            // Attached to its output, the exec's start returns once the command has ended.
            docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BackendException.transientFailure("interrupted while container " + name + " applied its login", e);
        }
        Long exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        if (exitCode == null || exitCode != 0) {
            throw BackendException.permanentFailure("container " + name + " could not apply its login with "
                    + ContainerLogin.APPLY_COMMAND + " (exit code " + exitCode + "): " + output.toString().strip(), null);
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
