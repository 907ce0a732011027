package org.vpsconnector.adapters.libvirt;

import org.vpsconnector.domain.Login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;

/** What the libvirt backend does beyond the contract, against the real libvirtd. */
class LibvirtHypervisorBackendTest {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(60);

    private static LibvirtSettings settings;
    private static LibvirtHypervisorBackend backend;
    private final UUID vpsId = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        RealLibvirt.requireDaemonAndGuestImage();
        settings = RealLibvirt.settings("vps-connector-adapter-test");
        backend = new LibvirtHypervisorBackend(settings);
    }

    @AfterAll
    static void disconnect() {
        backend.close();
    }

    @AfterEach
    void destroyTheServer() {
        backend.destroy(vpsId);
    }

    @Test
    void aServerHasItsVolumeAndConsoleUntilDestroyedAndRebootsOnReconfigure() throws Exception {
        long started = System.nanoTime();
        backend.create(spec(vpsId, new Hardware(1, 3, 1, true)));
        long created = System.nanoTime();
        assertThat(RealLibvirt.volumeCapacity(vpsId)).isEqualTo(3 * GIB);

        backend.start(vpsId);
        long running = System.nanoTime();
        awaitGuestReady(vpsId);
        long ready = System.nanoTime();
        assertThat(Files.exists(settings.consoleDirectory().resolve("vps-" + vpsId + ".log"))).isTrue();

        backend.reconfigure(vpsId, new Hardware(1, 4, 2, true), Login.NONE);
        ServerStatus restarted = backend.inspect(vpsId).orElseThrow();
        assertThat(restarted.power()).isEqualTo(ServerStatus.Power.RUNNING);
        assertThat(restarted.guestReady()).as("the console of the previous boot does not count").isFalse();
        assertThat(restarted.hardware()).isEqualTo(new Hardware(1, 4, 2, true));
        assertThat(RealLibvirt.volumeCapacity(vpsId)).isEqualTo(4 * GIB);
        awaitGuestReady(vpsId);

        long destroying = System.nanoTime();
        backend.destroy(vpsId);
        long destroyed = System.nanoTime();
        assertThat(RealLibvirt.domainExists(vpsId)).isFalse();
        assertThat(RealLibvirt.volumeCapacity(vpsId)).as("volume left in the pool").isEqualTo(-1);
        assertThat(settings.consoleDirectory().resolve("vps-" + vpsId + ".log")).doesNotExist();

        System.out.printf("libvirt timings: create (volume+define) %d ms, start %d ms, boot to marker %d ms,"
                        + " destroy+undefine+delete volume %d ms%n", millis(started, created), millis(created, running),
                millis(running, ready), millis(destroying, destroyed));
    }

    @Test
    void aRepeatedCreateAdoptsTheDomainAndKeepsItsVolume() throws Exception {
        backend.create(spec(vpsId, new Hardware(1, 3, 1, true)));

        backend.create(spec(vpsId, new Hardware(2, 6, 2, true)));

        assertThat(RealLibvirt.volumeCapacity(vpsId)).isEqualTo(3 * GIB);
        assertThat(backend.inspect(vpsId).orElseThrow().hardware()).isEqualTo(new Hardware(1, 3, 1, true));
    }

    @Test
    void anotherInstallationOnTheSameHostDoesNotSeeOurServers() {
        backend.create(spec(vpsId, new Hardware(1, 3, 1, true)));
        try (LibvirtHypervisorBackend neighbour = new LibvirtHypervisorBackend(settings.withOwner("another-connector"))) {
            assertThat(neighbour.list()).noneMatch(server -> server.vpsId().equals(vpsId));
            assertThat(neighbour.inspect(vpsId)).isEmpty();

            neighbour.destroy(vpsId);
        }
        assertThat(backend.inspect(vpsId)).as("a neighbour's destroy leaves our server alone").isPresent();
    }

    @Test
    void changingAnUnknownServerFailsPermanently() {
        UUID unknown = UUID.randomUUID();

        for (Runnable change : new Runnable[] {() -> backend.start(unknown), () -> backend.stop(unknown),
                () -> backend.reconfigure(unknown, new Hardware(1, 3, 1, true), Login.NONE)}) {
            assertThatThrownBy(change::run).isInstanceOfSatisfying(BackendException.class, e -> {
                assertThat(e.isTransient()).isFalse();
                assertThat(e).hasMessageContaining(unknown.toString());
            });
        }
    }

    @Test
    void aContainerSpecIsRefused() {
        assertThatThrownBy(() -> backend.create(spec(vpsId, new Hardware(1, 3, 1, false))))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.isTransient()).isFalse());
        assertThat(backend.inspect(vpsId)).isEmpty();
    }

    @Test
    void anUnreachableDaemonIsATransientFailure() {
        LibvirtSettings nowhere = settings.withUri("qemu+unix:///system?socket=/nonexistent.sock");
        try (LibvirtHypervisorBackend unreachable = new LibvirtHypervisorBackend(nowhere)) {
            for (Runnable call : new Runnable[] {unreachable::ping,
                    () -> unreachable.create(spec(vpsId, new Hardware(1, 3, 1, true)))}) {
                assertThatThrownBy(call::run).isInstanceOfSatisfying(BackendException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e).hasMessageContaining("libvirtd at qemu+unix:///system?socket=/nonexistent.sock");
                });
            }
        }
    }

    @Test
    void aGuestWritingToItsConsoleWithoutEndFillsNoMoreThanVirtlogdKeeps() throws Exception {
        // busybox yes as the guest's init prints the marker line for ever, as fast as the serial port takes it.
        LibvirtSettings.GuestImage busybox = settings.images().get(0);
        LibvirtSettings.GuestImage flooding = new LibvirtSettings.GuestImage(busybox.operatingSystem(), null, null,
                busybox.kernel(), busybox.initrd(), "console=ttyS0 quiet rdinit=/bin/yes -- " + settings.readyMarker(),
                LibvirtSettings.Readiness.CONSOLE_MARKER);
        LibvirtSettings floodingSettings = settings.withImages(List.of(flooding));
        long maxSize = RealLibvirt.consoleMaxSize();
        int maxBackups = RealLibvirt.consoleMaxBackups();
        Path console = settings.consoleDirectory().resolve("vps-" + vpsId + ".log");
        try (LibvirtHypervisorBackend floodingBackend = new LibvirtHypervisorBackend(floodingSettings)) {
            floodingBackend.create(spec(vpsId, new Hardware(1, 3, 1, true)));
            floodingBackend.start(vpsId);
            awaitGuestReady(vpsId);

            // Until virtlogd has rotated the console more often than it keeps old files: the guest
            // has then written more than the bound, and the oldest file has been dropped.
            int rotations = 0;
            long lastSize = 0;
            long giveUp = System.nanoTime() + Duration.ofMinutes(6).toNanos();
            while (rotations <= maxBackups) {
                assertThat(System.nanoTime()).as("%d rotations of %s within 6 minutes", maxBackups + 1, console)
                        .isLessThan(giveUp);
                List<Path> files = RealLibvirt.consoleFiles(console);
                assertThat(files).as("console files of the guest").hasSizeLessThanOrEqualTo(1 + maxBackups);
                for (Path file : files) {
                    assertThat(Files.size(file)).as("size of " + file).isLessThanOrEqualTo(maxSize);
                }
                long size = Files.exists(console) ? Files.size(console) : 0;
                if (size < lastSize) {
                    rotations++;
                }
                lastSize = size;
                Thread.sleep(100);
            }
            assertThat(backend.inspect(vpsId).orElseThrow().guestReady()).isTrue();
            System.out.printf("console of a guest writing without end: %d files of at most %d bytes (virtlogd max_size %d,"
                    + " max_backups %d)%n", RealLibvirt.consoleFiles(console).size(), maxSize, maxSize, maxBackups);
        }

        backend.destroy(vpsId);
        assertThat(RealLibvirt.consoleFiles(console)).as("console files after destroy").isEmpty();
    }

    private ServerSpec spec(UUID id, Hardware hardware) {
        return new ServerSpec(id, UUID.randomUUID(), "adapter test", hardware, RealLibvirt.BUSYBOX);
    }

    private static void awaitGuestReady(UUID id) throws InterruptedException {
        long giveUp = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (!backend.inspect(id).orElseThrow().guestReady()) {
            assertThat(System.nanoTime()).as("guest of %s booted within %s", id, BOOT_TIMEOUT).isLessThan(giveUp);
            Thread.sleep(100);
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return Duration.ofNanos(toNanos - fromNanos).toMillis();
    }
}
