package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.testing.SilentServer;

/**
 * An engine that accepts the connection and never answers, on a unix socket and on TCP: every
 * call ends with a transient failure after the configured call timeout instead of waiting for ever.
 */
class SilentDockerEngineTest {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);
    /** What a call may take beyond its timeout: opening the connection, the client's own bookkeeping. */
    private static final Duration MARGIN = Duration.ofSeconds(4);

    @Test
    void callsToASilentEngineOnAUnixSocketEndAtTheirTimeout() throws Exception {
        Path directory = Files.createTempDirectory("silent-docker");
        Path socket = directory.resolve("docker.sock");
        try (SilentServer engine = SilentServer.onUnixSocket(socket);
             DockerContainerBackend backend = new DockerContainerBackend(settings("unix://" + socket))) {
            assertEndsWithinTheTimeout(() -> backend.inspect(UUID.randomUUID()));
            assertEndsWithinTheTimeout(backend::ping);
            assertThat(engine.accepted()).as("the engine was reached and kept silent").isPositive();
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        }
    }

    @Test
    void callsToASilentEngineOnTcpEndAtTheirTimeout() throws Exception {
        try (SilentServer engine = SilentServer.onLoopback();
             DockerContainerBackend backend = new DockerContainerBackend(settings("tcp://127.0.0.1:" + engine.port()))) {
            assertEndsWithinTheTimeout(() -> backend.list());
            assertThat(engine.accepted()).isPositive();
        }
    }

    private static DockerSettings settings(String dockerHost) {
        return new DockerSettings(dockerHost, DockerSettings.defaultImagesByOs(),
                "silent-" + UUID.randomUUID(), DockerSettings.DEFAULT_NETWORK_MODE, CALL_TIMEOUT);
    }

    private static void assertEndsWithinTheTimeout(ThrowingCallable call) {
        long started = System.nanoTime();
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(BackendException.class, failure -> assertThat(failure.isTransient()).isTrue());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(CALL_TIMEOUT.minusMillis(100)).isLessThan(CALL_TIMEOUT.plus(MARGIN));
    }
}
