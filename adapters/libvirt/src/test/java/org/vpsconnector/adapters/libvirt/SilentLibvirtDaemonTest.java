package org.vpsconnector.adapters.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.testing.SilentServer;

/**
 * A libvirtd that accepts the connection and never answers: libvirt's native calls block, and the
 * adapter's callers still get a transient failure once the call timeout has passed.
 */
class SilentLibvirtDaemonTest {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofSeconds(4);

    @Test
    void callsToASilentDaemonEndAtTheirTimeout() throws Exception {
        Path directory = Files.createTempDirectory("silent-libvirt");
        Path socket = directory.resolve("libvirt-sock");
        LibvirtSettings defaults = LibvirtSettings.defaults("qemu");
        LibvirtSettings silent = new LibvirtSettings("qemu+unix:///system?socket=" + socket, "qemu", defaults.images(),
                defaults.network(), 0, defaults.storagePool(), directory.resolve("volumes"), directory.resolve("console"),
                defaults.readyMarker(), "silent-" + UUID.randomUUID(), Duration.ofMillis(500), CALL_TIMEOUT);
        // The daemon closes first: that ends the blocked native calls, so the backend can close.
        try (LibvirtHypervisorBackend backend = new LibvirtHypervisorBackend(silent);
             SilentServer daemon = SilentServer.onUnixSocket(socket)) {
            assertEndsWithinTheTimeout(backend::ping);
            assertEndsWithinTheTimeout(() -> backend.inspect(UUID.randomUUID()));
            assertEndsWithinTheTimeout(backend::list);
            assertThat(daemon.accepted()).as("the daemon was reached and kept silent").isPositive();
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        }
    }

    private static void assertEndsWithinTheTimeout(ThrowingCallable call) {
        long started = System.nanoTime();
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(BackendException.class, failure -> assertThat(failure.isTransient()).isTrue())
                .hasMessageContaining("did not answer within 1000 ms");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(CALL_TIMEOUT.minusMillis(100)).isLessThan(CALL_TIMEOUT.plus(MARGIN));
    }
}
