package org.vpsconnector.adapters.docker;

import org.vpsconnector.domain.Login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.UsageReading;
import org.vpsconnector.domain.Platform;

/** What the contract cannot see: the container as Docker itself shows it, and the engine's failures. */
class DockerContainerBackendTest {
    private static final long GB = 1L << 30;
    /** The busybox image: these tests look at the engine's side of a container, not at its operating system. */
    private static final Platform BUSYBOX = new Platform("x86_64", "busybox", "1");
    private static final DockerContainerBackend BACKEND = new DockerContainerBackend(DockerTestEngine.SETTINGS);

    private final List<UUID> created = new ArrayList<>();

    @AfterEach
    void removeWhatTheTestCreated() {
        created.forEach(DockerTestEngine::removeContainer);
    }

    @AfterAll
    static void disconnect() throws IOException {
        BACKEND.close();
    }

    @Test
    void aCreatedContainerHasTheLimitsLabelsAndInitDockerShows() {
        ServerSpec spec = spec(new Hardware(1, 25, 1, false), "web-01.example.com");

        BACKEND.create(spec);

        InspectContainerResponse container = DockerTestEngine.inspect(spec.vpsId());
        HostConfig host = container.getHostConfig();
        assertThat(host.getMemory()).isEqualTo(GB);
        assertThat(host.getMemorySwap()).as("no swap beyond the memory limit").isEqualTo(GB);
        assertThat(host.getCpuPeriod()).isEqualTo(100_000L);
        assertThat(host.getCpuQuota()).isEqualTo(100_000L);
        assertThat(host.getInit()).as("--init, so a stop does not wait for the kill time-out").isTrue();
        assertThat(host.getNetworkMode()).isEqualTo("none");
        assertThat(container.getName()).isEqualTo("/vps-" + spec.vpsId());
        assertThat(container.getConfig().getHostName()).isEqualTo("web-01-example-com");
        assertThat(container.getConfig().getLabels()).containsAllEntriesOf(Map.of(
                "org.vpsconnector.owner", "vps-connector",
                "org.vpsconnector.vps-id", spec.vpsId().toString(),
                "org.vpsconnector.instance-id", spec.instanceId().toString(),
                "org.vpsconnector.diskspace-gb", "25",
                "org.vpsconnector.os", "busybox 1"));
    }

    @Test
    void reconfigureChangesTheLimitsOfTheRunningContainerWithoutARestart() {
        ServerSpec spec = spec(new Hardware(1, 10, 1, false), "reconfigured");
        BACKEND.create(spec);
        BACKEND.start(spec.vpsId());
        String startedAt = DockerTestEngine.inspect(spec.vpsId()).getState().getStartedAt();

        BACKEND.reconfigure(spec.vpsId(), new Hardware(2, 10, 2, false), Login.NONE);

        InspectContainerResponse grown = DockerTestEngine.inspect(spec.vpsId());
        assertThat(grown.getHostConfig().getMemory()).isEqualTo(2 * GB);
        assertThat(grown.getHostConfig().getMemorySwap()).isEqualTo(2 * GB);
        assertThat(grown.getHostConfig().getCpuQuota()).isEqualTo(200_000L);
        assertThat(grown.getState().getRunning()).isTrue();
        assertThat(grown.getState().getStartedAt()).as("not restarted").isEqualTo(startedAt);

        BACKEND.reconfigure(spec.vpsId(), new Hardware(1, 10, 1, false), Login.NONE);

        InspectContainerResponse shrunk = DockerTestEngine.inspect(spec.vpsId());
        assertThat(shrunk.getHostConfig().getMemory()).isEqualTo(GB);
        assertThat(shrunk.getHostConfig().getMemorySwap()).isEqualTo(GB);
        assertThat(shrunk.getHostConfig().getCpuQuota()).isEqualTo(100_000L);
        assertThat(shrunk.getState().getStartedAt()).isEqualTo(startedAt);
    }

    @Test
    void moreCpusThanTheHostHasAreGrantedAsQuota() {
        int oversubscribed = Runtime.getRuntime().availableProcessors() * 4;
        ServerSpec spec = spec(new Hardware(1, 10, oversubscribed, false), "oversubscribed");

        BACKEND.create(spec);
        BACKEND.start(spec.vpsId());

        assertThat(DockerTestEngine.inspect(spec.vpsId()).getHostConfig().getCpuQuota()).isEqualTo(oversubscribed * 100_000L);
        assertThat(BACKEND.inspect(spec.vpsId()).orElseThrow().hardware().cpuCount()).isEqualTo(oversubscribed);
    }

    @Test
    void theMemoryLimitIsEnforcedAndARaiseTakesEffectLive() throws InterruptedException {
        ServerSpec spec = spec(new Hardware(1, 10, 1, false), "memory-bound");
        BACKEND.create(spec);
        BACKEND.start(spec.vpsId());
        // dd holds one block of bs bytes in memory at a time.
        String[] allocate1200Mb = {"dd", "if=/dev/zero", "of=/dev/null", "bs=1200M", "count=1"};

        assertThat(exec(spec.vpsId(), allocate1200Mb)).as("exit code of an allocation beyond 1 GB: SIGKILL by the OOM killer")
                .isEqualTo(137);

        BACKEND.reconfigure(spec.vpsId(), new Hardware(2, 10, 1, false), Login.NONE);

        assertThat(exec(spec.vpsId(), allocate1200Mb)).as("exit code of the same allocation within 2 GB").isZero();
    }

    @Test
    void aContainerThatBurnsCpuAndWritesADiskShowsItInItsUsage() throws InterruptedException {
        ServerSpec spec = spec(new Hardware(1, 10, 1, false), "busy");
        BACKEND.create(spec);
        BACKEND.start(spec.vpsId());

        assertThat(exec(spec.vpsId(), "sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done")).isZero();
        assertThat(exec(spec.vpsId(), "dd", "if=/dev/zero", "of=/written", "bs=1M", "count=16")).isZero();
        UsageReading reading = BACKEND.measure(spec.vpsId()).orElseThrow();

        System.out.printf("usage of a busy container: %s%n", reading);
        assertThat(reading.cpuNanos()).as("CPU time of a loop of 200000 rounds").isGreaterThan(100_000_000L);
        assertThat(reading.memoryBytes()).isPositive().isLessThanOrEqualTo(GB);
        assertThat(reading.diskBytes()).as("the root filesystem with 16 MB written").isGreaterThanOrEqualTo(16L << 20);
        assertThat(reading.networkInBytes()).as("no network").isZero();
        assertThat(reading.run()).isEqualTo(DockerTestEngine.inspect(spec.vpsId()).getState().getStartedAt());
    }

    @Test
    void aRestartedContainerCountsItsCpuTimeAfreshUnderAnotherRun() throws InterruptedException {
        ServerSpec spec = spec(new Hardware(1, 10, 1, false), "restarted");
        BACKEND.create(spec);
        BACKEND.start(spec.vpsId());
        assertThat(exec(spec.vpsId(), "sh", "-c", "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done")).isZero();
        UsageReading before = BACKEND.measure(spec.vpsId()).orElseThrow();

        BACKEND.stop(spec.vpsId());
        UsageReading stopped = BACKEND.measure(spec.vpsId()).orElseThrow();
        BACKEND.start(spec.vpsId());
        UsageReading after = BACKEND.measure(spec.vpsId()).orElseThrow();

        assertThat(stopped.cpuNanos()).isZero();
        assertThat(stopped.memoryBytes()).isZero();
        assertThat(after.cpuNanos()).as("counted afresh since the restart").isLessThan(before.cpuNanos());
        assertThat(after.run()).isNotEqualTo(before.run());
    }

    @Test
    void aNameThatIsNoHostNameIsMadeOne() {
        ServerSpec spec = spec(new Hardware(1, 10, 1, false), "My VPS #1");

        BACKEND.create(spec);
        BACKEND.start(spec.vpsId());

        assertThat(DockerTestEngine.inspect(spec.vpsId()).getConfig().getHostName()).isEqualTo("my-vps-1");
        assertThat(BACKEND.inspect(spec.vpsId()).orElseThrow().running()).isTrue();
    }

    @Test
    void theImageComesFromThePlatformAndAMissingOneIsAPermanentFailure() {
        DockerSettings settings = new DockerSettings(DockerSettings.DEFAULT_DOCKER_HOST,
                Map.of("busybox-1", "vps-connector/not-built:none"),
                DockerSettings.DEFAULT_OWNER, DockerSettings.DEFAULT_NETWORK_MODE, DockerSettings.DEFAULT_CALL_TIMEOUT);
        try (DockerContainerBackend backend = new DockerContainerBackend(settings)) {
            ServerSpec spec = spec(new Hardware(1, 10, 1, false), "imageless");

            assertThatThrownBy(() -> backend.create(spec))
                    .isInstanceOfSatisfying(BackendException.class, failure -> assertThat(failure.isTransient()).isFalse())
                    .hasMessageContaining("vps-connector/not-built:none");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aNameTakenByAContainerThatIsNotOursIsAPermanentFailure() {
        ServerSpec spec = spec(new Hardware(1, 10, 1, false), "taken");
        DockerTestEngine.createForeignContainer(spec.vpsId());

        assertThatThrownBy(() -> BACKEND.create(spec))
                .isInstanceOfSatisfying(BackendException.class, failure -> assertThat(failure.isTransient()).isFalse())
                .hasMessageContaining("vps-" + spec.vpsId());
    }

    @Test
    void anUnknownContainerCannotBeStartedStoppedOrReconfigured() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> BACKEND.start(unknown)).isInstanceOfSatisfying(BackendException.class,
                failure -> assertThat(failure.isTransient()).isFalse());
        assertThatThrownBy(() -> BACKEND.stop(unknown)).isInstanceOfSatisfying(BackendException.class,
                failure -> assertThat(failure.isTransient()).isFalse());
        assertThatThrownBy(() -> BACKEND.reconfigure(unknown, new Hardware(1, 10, 1, false), Login.NONE))
                .isInstanceOfSatisfying(BackendException.class, failure -> assertThat(failure.isTransient()).isFalse())
                .hasMessageContaining("No such container");
    }

    @Test
    void containersOfAnotherOwnerAreNeitherListedNorInspected() throws IOException {
        DockerSettings otherInstallation = DockerTestEngine.SETTINGS.withOwner("other-installation");
        try (DockerContainerBackend other = new DockerContainerBackend(otherInstallation)) {
            ServerSpec theirs = spec(new Hardware(1, 10, 1, false), "theirs");
            ServerSpec ours = spec(new Hardware(1, 10, 1, false), "ours");
            other.create(theirs);
            BACKEND.create(ours);

            assertThat(BACKEND.list()).extracting(ServerStatus::vpsId).contains(ours.vpsId()).doesNotContain(theirs.vpsId());
            assertThat(BACKEND.inspect(theirs.vpsId())).isEmpty();
            assertThat(other.list()).extracting(ServerStatus::vpsId).contains(theirs.vpsId()).doesNotContain(ours.vpsId());
        }
    }

    @Test
    void aContainerMadeByHandWithOnlyTheIdentityLabelsIsListedAndInspectedWithItsSizeUnknown() {
        UUID vpsId = UUID.randomUUID();
        created.add(vpsId);
        DockerTestEngine.docker().createContainerCmd(DockerSettings.BUSYBOX_IMAGE)
                .withName(ContainerIdentity.name(vpsId))
                .withLabels(Map.of(
                        ContainerIdentity.OWNER_LABEL, DockerTestEngine.SETTINGS.owner(),
                        ContainerIdentity.VPS_ID_LABEL, vpsId.toString(),
                        ContainerIdentity.INSTANCE_ID_LABEL, UUID.randomUUID().toString()))
                .withCmd("sleep", "infinity")
                .withHostConfig(HostConfig.newHostConfig().withInit(true).withNetworkMode("none"))
                .exec();

        assertThat(BACKEND.list()).filteredOn(server -> server.vpsId().equals(vpsId)).singleElement().satisfies(server -> {
            assertThat(server.running()).isFalse();
            assertThat(server.hardware()).isNull();
        });
        assertThat(BACKEND.inspect(vpsId)).hasValueSatisfying(server -> assertThat(server.hardware()).isNull());

        BACKEND.destroy(vpsId);

        assertThat(BACKEND.inspect(vpsId)).isEmpty();
    }

    @Test
    void anEngineThatIsNotThereIsATransientFailure() throws IOException {
        assertUnreachable("unix:///tmp/no-docker-engine-" + UUID.randomUUID() + ".sock");
        assertUnreachable("tcp://127.0.0.1:" + closedPort());
    }

    private void assertUnreachable(String dockerHost) throws IOException {
        DockerSettings nowhere = new DockerSettings(dockerHost, DockerSettings.defaultImagesByOs(),
                DockerSettings.DEFAULT_OWNER, DockerSettings.DEFAULT_NETWORK_MODE, Duration.ofSeconds(5));
        try (DockerContainerBackend backend = new DockerContainerBackend(nowhere)) {
            ServerSpec spec = spec(new Hardware(1, 10, 1, false), "unreachable");

            assertThatThrownBy(backend::ping).isInstanceOfSatisfying(BackendException.class, failure -> {
                assertThat(failure.isTransient()).isTrue();
                assertThat(failure).hasMessageStartingWith("Docker engine at " + dockerHost + " unreachable: ");
            });
            assertThatThrownBy(() -> backend.create(spec)).isInstanceOfSatisfying(BackendException.class,
                    failure -> assertThat(failure.isTransient()).isTrue());
            assertThatThrownBy(backend::list).isInstanceOfSatisfying(BackendException.class,
                    failure -> assertThat(failure.isTransient()).isTrue());
        }
    }

    private ServerSpec spec(Hardware hardware, String name) {
        DockerTestEngine.docker();
        ServerSpec spec = new ServerSpec(UUID.randomUUID(), UUID.randomUUID(), name, hardware, BUSYBOX);
        created.add(spec.vpsId());
        return spec;
    }

    private static long exec(UUID vpsId, String... command) throws InterruptedException {
        // Attached to its output, the exec's start call returns only once the command has ended.
        String execId = DockerTestEngine.docker().execCreateCmd(ContainerIdentity.name(vpsId)).withCmd(command)
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        boolean finished = DockerTestEngine.docker().execStartCmd(execId).exec(new ResultCallback.Adapter<>())
                .awaitCompletion(60, TimeUnit.SECONDS);
        assertThat(finished).as("%s finished", String.join(" ", command)).isTrue();
        return DockerTestEngine.docker().inspectExecCmd(execId).exec().getExitCodeLong();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
