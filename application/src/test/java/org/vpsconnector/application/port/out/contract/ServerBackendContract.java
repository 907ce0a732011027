package org.vpsconnector.application.port.out.contract;

import org.vpsconnector.domain.Login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.MeteredUsage;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.UsageReading;

/**
 * What every {@link ServerBackend} does, fake or real: the same assertions run against the fakes,
 * Docker and libvirt. A subclass supplies the backend, hardware of its technology, and a way to
 * put a server that is not this connector's on the same host.
 */
public abstract class ServerBackendContract {
    private final List<UUID> created = new ArrayList<>();
    protected final UUID instanceId = UUID.randomUUID();

    protected abstract ServerBackend backend();

    /** Hardware of the backend's technology; small, so real servers start quickly. */
    protected abstract Hardware hardware(int memoryGb, int cpuCount);

    /** Puts a server on the same host that this connector did not create. */
    protected abstract void createForeignServer(UUID id);

    /** Removes what {@link #createForeignServer} made. */
    protected abstract void removeForeignServer(UUID id);

    /** How long a started server may take to become ready (a guest to boot). */
    protected Duration readyTimeout() {
        return Duration.ofSeconds(60);
    }

    /** Lets time pass for a server to become ready; a fake on a test clock moves its clock. */
    protected void letTimePass(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected ServerSpec spec(UUID vpsId, Hardware hardware) {
        return new ServerSpec(vpsId, instanceId, "contract-" + vpsId.toString().substring(0, 8), hardware,
                new Platform("x86_64", "debian", "12"));
    }

    protected UUID create(Hardware hardware) {
        UUID vpsId = UUID.randomUUID();
        created.add(vpsId);
        backend().create(spec(vpsId, hardware));
        return vpsId;
    }

    protected ServerStatus awaitReady(UUID vpsId) {
        Instant giveUp = Instant.now().plus(readyTimeout());
        ServerStatus status = backend().inspect(vpsId).orElseThrow();
        while (!status.guestReady()) {
            assertThat(Instant.now()).as("server %s ready within %s", vpsId, readyTimeout()).isBefore(giveUp);
            letTimePass(Duration.ofMillis(250));
            status = backend().inspect(vpsId).orElseThrow();
        }
        return status;
    }

    /** Every server the test created goes, also when destroying one of them fails. */
    @AfterEach
    void destroyWhatTheTestCreated() {
        RuntimeException failure = null;
        for (UUID vpsId : created) {
            try {
                backend().destroy(vpsId);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    void aCreatedServerIsStoppedWithTheRequestedHardware() {
        UUID vpsId = create(hardware(1, 1));

        ServerStatus status = backend().inspect(vpsId).orElseThrow();
        assertThat(status.vpsId()).isEqualTo(vpsId);
        assertThat(status.instanceId()).isEqualTo(instanceId);
        assertThat(status.power()).isEqualTo(ServerStatus.Power.STOPPED);
        assertThat(status.guestReady()).isFalse();
        assertThat(status.hardware()).isEqualTo(hardware(1, 1));
    }

    @Test
    void creatingTwiceMakesOneServerAndKeepsTheFirst() {
        UUID vpsId = create(hardware(1, 1));

        backend().create(spec(vpsId, hardware(2, 2)));

        assertThat(backend().list()).filteredOn(server -> server.vpsId().equals(vpsId)).hasSize(1);
        assertThat(backend().inspect(vpsId).orElseThrow().hardware()).isEqualTo(hardware(1, 1));
    }

    @Test
    void aStartedServerRunsAndBecomesReady() {
        UUID vpsId = create(hardware(1, 1));

        backend().start(vpsId);

        ServerStatus status = awaitReady(vpsId);
        assertThat(status.power()).isEqualTo(ServerStatus.Power.RUNNING);
    }

    @Test
    void startingARunningServerAndStoppingAStoppedOneChangeNothing() {
        UUID vpsId = create(hardware(1, 1));
        ServerStatus created = backend().inspect(vpsId).orElseThrow();
        backend().stop(vpsId);
        assertThat(backend().inspect(vpsId).orElseThrow()).as("stop of a stopped server").isEqualTo(created);

        backend().start(vpsId);
        ServerStatus ready = awaitReady(vpsId);
        backend().start(vpsId);
        assertThat(backend().inspect(vpsId).orElseThrow()).as("a second start does not restart").isEqualTo(ready);

        backend().stop(vpsId);
        backend().stop(vpsId);
        assertThat(backend().inspect(vpsId).orElseThrow().power()).isEqualTo(ServerStatus.Power.STOPPED);
    }

    @Test
    void reconfigureAppliesTheNewLimits() {
        UUID vpsId = create(hardware(1, 1));
        backend().start(vpsId);
        awaitReady(vpsId);

        backend().reconfigure(vpsId, hardware(2, 2), Login.NONE);

        assertThat(backend().inspect(vpsId).orElseThrow().hardware()).isEqualTo(hardware(2, 2));
        assertThat(awaitReady(vpsId).power()).as("a running server runs again after reconfigure").isEqualTo(ServerStatus.Power.RUNNING);
    }

    @Test
    void destroyRemovesTheServerAndAMissingOneIsNoError() {
        UUID vpsId = create(hardware(1, 1));
        backend().start(vpsId);

        backend().destroy(vpsId);
        backend().destroy(vpsId);
        backend().destroy(UUID.randomUUID());

        assertThat(backend().inspect(vpsId)).isEmpty();
        assertThat(backend().list()).noneMatch(server -> server.vpsId().equals(vpsId));
    }

    @Test
    void anUnknownServerIsAbsentAndCannotBeStartedOrReconfigured() {
        UUID unknown = UUID.randomUUID();

        assertThat(backend().inspect(unknown)).isEmpty();
        assertThatThrownBy(() -> backend().start(unknown)).isInstanceOf(BackendException.class);
        assertThatThrownBy(() -> backend().reconfigure(unknown, hardware(1, 1), Login.NONE)).isInstanceOf(BackendException.class);
    }

    @Test
    void listShowsExactlyOurServers() {
        UUID ours = create(hardware(1, 1));
        UUID foreign = UUID.randomUUID();
        createForeignServer(foreign);
        try {
            List<UUID> listed = backend().list().stream().map(ServerStatus::vpsId).toList();

            assertThat(listed).contains(ours).doesNotContain(foreign);
            assertThat(backend().inspect(foreign)).as("a foreign server is not ours to inspect").isEmpty();
        } finally {
            removeForeignServer(foreign);
        }
    }

    @Test
    void aReachableBackendAnswersPing() {
        backend().ping();
    }

    private static final long BYTES_PER_GB = 1L << 30;

    @Test
    void anUnknownOrForeignServerHasNoUsage() {
        UUID foreign = UUID.randomUUID();
        createForeignServer(foreign);
        try {
            assertThat(backend().measure(UUID.randomUUID())).isEmpty();
            assertThat(backend().measure(foreign)).isEmpty();
        } finally {
            removeForeignServer(foreign);
        }
    }

    @Test
    void aServerThatNeverRanUsedNoCpuMemoryNorNetworkAndItsDiskFitsItsDiskspace() {
        Hardware hardware = hardware(1, 1);
        UUID vpsId = create(hardware);

        UsageReading reading = backend().measure(vpsId).orElseThrow();

        assertThat(reading.cpuNanos()).isZero();
        assertThat(reading.memoryBytes()).isZero();
        assertThat(reading.networkInBytes()).isZero();
        assertThat(reading.networkOutBytes()).isZero();
        assertThat(reading.diskBytes()).isLessThanOrEqualTo(hardware.diskspaceGb() * BYTES_PER_GB);
    }

    /** One server, started twice: real guests are expensive. */
    @Test
    void aRunningServerUsesCpuAndMemoryWithinItsHardwareAndItsCountersSurviveARestart() {
        Hardware hardware = hardware(1, 1);
        UUID vpsId = create(hardware);
        backend().start(vpsId);
        awaitReady(vpsId);
        letTimePass(Duration.ofSeconds(1));

        UsageReading first = backend().measure(vpsId).orElseThrow();
        letTimePass(Duration.ofSeconds(1));
        UsageReading later = backend().measure(vpsId).orElseThrow();

        assertThat(first.cpuNanos()).as("CPU time of a running server").isPositive();
        assertThat(first.memoryBytes()).as("memory of a running server").isPositive()
                .isLessThanOrEqualTo(hardware.memoryGb() * BYTES_PER_GB);
        assertThat(first.diskBytes()).isLessThanOrEqualTo(hardware.diskspaceGb() * BYTES_PER_GB);
        assertThat(later.cpuNanos()).as("CPU time only grows while the server runs").isGreaterThanOrEqualTo(first.cpuNanos());
        assertThat(later.networkInBytes()).isGreaterThanOrEqualTo(first.networkInBytes());
        assertThat(later.networkOutBytes()).isGreaterThanOrEqualTo(first.networkOutBytes());

        backend().stop(vpsId);
        letTimePass(Duration.ofSeconds(1));
        backend().start(vpsId);
        awaitReady(vpsId);
        UsageReading restarted = backend().measure(vpsId).orElseThrow();
        System.out.printf("usage of a running %s server: %s; after its restart: %s%n", backend().technology(), later, restarted);

        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        MeteredUsage metered = MeteredUsage.first(vpsId, first, t0).next(later, t0.plusSeconds(1)).next(restarted, t0.plusSeconds(2));
        assertThat(restarted.run()).as("another run of the server").isNotEqualTo(later.run());
        assertThat(metered.totalCpuNanos()).isGreaterThanOrEqualTo(later.cpuNanos() + restarted.cpuNanos());
        assertThat(metered.totalNetworkInBytes()).isGreaterThanOrEqualTo(later.networkInBytes());
        assertThat(metered.totalNetworkOutBytes()).isGreaterThanOrEqualTo(later.networkOutBytes());
    }
}
