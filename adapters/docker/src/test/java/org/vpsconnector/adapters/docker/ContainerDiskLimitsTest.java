package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.Acceptance;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.Platform;

/**
 * A container's diskspace on the engine scripts/start-docker.sh runs (btrfs with quotas), which
 * caps it, and on a second engine on overlay2 over ext4, which cannot: refused or accepted as
 * configured, never silently ignored.
 */
class ContainerDiskLimitsTest {
    /** The busybox image: the limit counts the image's own files, and the engine without limits has only this one. */
    private static final Platform BUSYBOX = new Platform("x86_64", "busybox", "1");
    private static final DockerContainerBackend BACKEND = new DockerContainerBackend(DockerTestEngine.SETTINGS);
    private static EngineWithoutDiskLimits withoutLimits;

    private final List<Runnable> cleanUps = new ArrayList<>();

    @BeforeAll
    static void startTheEngineWithoutDiskLimits() throws IOException, InterruptedException {
        withoutLimits = EngineWithoutDiskLimits.start();
    }

    @AfterEach
    void removeWhatTheTestCreated() {
        cleanUps.forEach(Runnable::run);
    }

    @AfterAll
    static void stopEverything() throws IOException, InterruptedException {
        BACKEND.close();
        if (withoutLimits != null) {
            withoutLimits.close();
        }
    }

    @Test
    void theEngineOfTheScriptsCapsSizes() {
        DockerContainerBackend.DiskLimits limits = BACKEND.diskLimits();

        assertThat(limits.enforced()).isTrue();
        assertThat(limits.refusing()).isFalse();
        assertThat(limits.description()).isEqualTo("enforced: storage driver btrfs caps each container's size");
        assertThat(BACKEND.acceptance()).isEqualTo(Acceptance.UNRESERVED);
    }

    @Test
    void aContainerCannotWriteMoreThanItsDiskspace() throws InterruptedException {
        ServerSpec spec = spec(new Hardware(1, 1, 1, false), "one-gigabyte");
        BACKEND.create(spec);
        BACKEND.start(spec.vpsId());
        assertThat(DockerTestEngine.inspect(spec.vpsId()).getHostConfig().getStorageOpt()).isEqualTo(Map.of("size", "1G"));

        long started = System.nanoTime();
        Exec written = exec(DockerTestEngine.docker(), spec.vpsId(), "dd", "if=/dev/zero", "of=/root/fill", "bs=1M", "count=2048");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        System.out.printf("dd into a 1 GB container: %s (%d s)%n", written.output().strip().replace('\n', ' '), seconds);
        assertThat(written.exitCode()).as("exit code of dd writing 2 GB into 1 GB").isNotZero();
        assertThat(written.output()).contains("Disk quota exceeded");
        long fileBytes = Long.parseLong(exec(DockerTestEngine.docker(), spec.vpsId(), "stat", "-c", "%s", "/root/fill")
                .output().strip());
        assertThat(fileBytes).as("bytes written before the limit (in %d s)", seconds)
                .isBetween(900L << 20, 1L << 30);
    }

    @Test
    void aLargerDiskspaceRecreatesTheContainerWithItsFilesAndRestartsIt() throws InterruptedException {
        ServerSpec spec = spec(new Hardware(1, 1, 1, false), "growing");
        BACKEND.create(spec);
        BACKEND.start(spec.vpsId());
        assertThat(exec(DockerTestEngine.docker(), spec.vpsId(), "sh", "-c", "echo kept > /root/customer-file").exitCode()).isZero();
        InspectContainerResponse before = DockerTestEngine.inspect(spec.vpsId());

        Reconfiguration grown = BACKEND.reconfigure(spec.vpsId(), new Hardware(1, 2, 1, false), Login.NONE);

        assertThat(grown).isEqualTo(Reconfiguration.RESTARTED);
        InspectContainerResponse after = DockerTestEngine.inspect(spec.vpsId());
        assertThat(after.getId()).isNotEqualTo(before.getId());
        assertThat(after.getState().getRunning()).isTrue();
        assertThat(after.getHostConfig().getStorageOpt()).isEqualTo(Map.of("size", "2G"));
        assertThat(after.getConfig().getHostName()).isEqualTo(before.getConfig().getHostName());
        assertThat(after.getConfig().getLabels()).containsAllEntriesOf(Map.of(
                ContainerIdentity.VPS_ID_LABEL, spec.vpsId().toString(),
                ContainerIdentity.INSTANCE_ID_LABEL, spec.instanceId().toString(),
                ContainerHardware.DISKSPACE_LABEL, "2"));
        assertThat(after.getHostConfig().getInit()).isTrue();
        assertThat(after.getHostConfig().getMemory()).isEqualTo(before.getHostConfig().getMemory());
        assertThat(exec(DockerTestEngine.docker(), spec.vpsId(), "cat", "/root/customer-file").output()).isEqualTo("kept\n");
        assertThat(exec(DockerTestEngine.docker(), spec.vpsId(), "dd", "if=/dev/zero", "of=/root/fill", "bs=1M",
                "count=1200").exitCode()).as("1.2 GB fit in 2 GB").isZero();
        assertThat(BACKEND.reconfigure(spec.vpsId(), new Hardware(1, 2, 1, false), Login.NONE))
                .as("the same size again").isEqualTo(Reconfiguration.UNCHANGED);
        assertThat(DockerTestEngine.inspect(spec.vpsId()).getId()).isEqualTo(after.getId());

        BACKEND.destroy(spec.vpsId());

        assertThat(DockerTestEngine.docker().listImagesCmd().exec().stream()
                .flatMap(image -> image.getRepoTags() == null ? java.util.stream.Stream.empty() : java.util.Arrays.stream(image.getRepoTags())))
                .as("the image of the resize goes with the VPS")
                .noneMatch(tag -> tag.startsWith(ContainerDisk.resizedRepository(spec.vpsId())));
    }

    @Test
    void aStoppedContainerGetsItsNewDiskspaceAtItsNextStart() {
        ServerSpec spec = spec(new Hardware(1, 1, 1, false), "stopped-growing");
        BACKEND.create(spec);

        assertThat(BACKEND.reconfigure(spec.vpsId(), new Hardware(1, 3, 1, false), Login.NONE))
                .isEqualTo(Reconfiguration.AT_NEXT_START);
        InspectContainerResponse after = DockerTestEngine.inspect(spec.vpsId());
        assertThat(after.getState().getRunning()).isFalse();
        assertThat(after.getHostConfig().getStorageOpt()).isEqualTo(Map.of("size", "3G"));
    }

    @Test
    void anEngineThatCannotCapSizesRefusesContainerVpsesWhenSoConfigured() throws IOException {
        DockerSettings refusing = DockerTestEngine.SETTINGS.withEngine(withoutLimits.dockerHost());
        try (DockerContainerBackend backend = new DockerContainerBackend(refusing)) {
            DockerContainerBackend.DiskLimits limits = backend.diskLimits();
            assertThat(limits.enforced()).isFalse();
            assertThat(limits.refusing()).isTrue();
            assertThat(limits.description()).startsWith("NOT enforced: storage driver overlay2 on extfs refuses a size: "
                            + "--storage-opt is supported only for overlay over xfs with 'pquota' mount option")
                    .contains("refused (unenforceableDiskLimits: refuse)");
            assertThat(backend.acceptance().refusal()).startsWith("the Docker engine at " + withoutLimits.dockerHost()
                    + " cannot cap a container's disk size (storage driver overlay2");

            ServerSpec spec = spec(new Hardware(1, 10, 1, false), "refused");
            assertThatThrownBy(() -> backend.create(spec))
                    .isInstanceOfSatisfying(BackendException.class, failure -> assertThat(failure.isTransient()).isFalse())
                    .hasMessageStartingWith("container VPSes are refused: the Docker engine at ");
            assertThat(backend.inspect(spec.vpsId())).isEmpty();
        }
    }

    @Test
    void anEngineThatCannotCapSizesTakesContainerVpsesWithTheirDiskspaceStatedUnenforcedWhenSoConfigured()
            throws IOException {
        DockerSettings accepting = DockerTestEngine.SETTINGS.withEngine(withoutLimits.dockerHost())
                .withUnenforceableDiskLimits(DockerSettings.UnenforceableDiskLimits.ACCEPT);
        try (DockerContainerBackend backend = new DockerContainerBackend(accepting)) {
            DockerContainerBackend.DiskLimits limits = backend.diskLimits();
            assertThat(limits.enforced()).isFalse();
            assertThat(limits.refusing()).isFalse();
            assertThat(limits.description()).contains("accepted with their diskspace not enforced");
            assertThat(backend.acceptance().caveat())
                    .isEqualTo("diskspace is not enforced: the Docker engine cannot cap a container's disk size");

            ServerSpec spec = spec(new Hardware(1, 10, 1, false), "unenforced");
            backend.create(spec);
            backend.start(spec.vpsId());

            InspectContainerResponse container = withoutLimitsClient(backend).inspectContainerCmd(ContainerIdentity.name(spec.vpsId())).exec();
            assertThat(container.getHostConfig().getStorageOpt()).isNullOrEmpty();
            assertThat(container.getConfig().getLabels()).containsEntry(ContainerHardware.DISKSPACE_LABEL, "10");
            assertThat(backend.reconfigure(spec.vpsId(), new Hardware(1, 12, 1, false), Login.NONE))
                    .isEqualTo(Reconfiguration.RESTARTED);
            assertThat(backend.inspect(spec.vpsId())).hasValueSatisfying(server -> {
                assertThat(server.running()).isTrue();
                assertThat(server.hardware().diskspaceGb()).isEqualTo(12);
            });
            backend.destroy(spec.vpsId());
            assertThat(backend.inspect(spec.vpsId())).isEmpty();
        }
    }

    private static DockerClient withoutLimitsClient(DockerContainerBackend backend) {
        return DockerClients.connect(DockerTestEngine.SETTINGS.withEngine(withoutLimits.dockerHost()));
    }

    private ServerSpec spec(Hardware hardware, String name) {
        DockerTestEngine.docker();
        ServerSpec spec = new ServerSpec(UUID.randomUUID(), UUID.randomUUID(), name, hardware, BUSYBOX);
        cleanUps.add(() -> {
            DockerTestEngine.removeContainer(spec.vpsId());
            try {
                BACKEND.destroy(spec.vpsId());
            } catch (BackendException | NotFoundException ignored) {
                // removed already
            }
        });
        return spec;
    }

    record Exec(long exitCode, String output) {
    }

    static Exec exec(DockerClient docker, UUID vpsId, String... command) throws InterruptedException {
        String execId = docker.execCreateCmd(ContainerIdentity.name(vpsId)).withCmd(command)
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        StringBuilder output = new StringBuilder();
        boolean finished = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }).awaitCompletion(120, TimeUnit.SECONDS);
        assertThat(finished).as("%s finished", String.join(" ", command)).isTrue();
        return new Exec(docker.inspectExecCmd(execId).exec().getExitCodeLong(), output.toString());
    }
}
