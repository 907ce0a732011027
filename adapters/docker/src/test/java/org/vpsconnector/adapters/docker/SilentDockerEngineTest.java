package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.BackendException;

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
        try (SilentServer engine = new SilentServer(ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(socket)));
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
        try (SilentServer engine = new SilentServer(ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
             DockerContainerBackend backend = new DockerContainerBackend(settings("tcp://127.0.0.1:" + engine.port()))) {
            assertEndsWithinTheTimeout(() -> backend.list());
            assertThat(engine.accepted()).isPositive();
        }
    }

    private static DockerSettings settings(String dockerHost) {
        return new DockerSettings(dockerHost, Map.of(), DockerSettings.DEFAULT_IMAGE,
                "silent-" + UUID.randomUUID(), DockerSettings.DEFAULT_NETWORK_MODE, CALL_TIMEOUT);
    }

    private static void assertEndsWithinTheTimeout(ThrowingCallable call) {
        long started = System.nanoTime();
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(BackendException.class, failure -> assertThat(failure.isTransient()).isTrue());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(CALL_TIMEOUT.minusMillis(100)).isLessThan(CALL_TIMEOUT.plus(MARGIN));
    }

    /** Accepts every connection, reads nothing, answers nothing; closes them all at the end. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocketChannel server;
        private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        SilentServer(ServerSocketChannel server) {
            this.server = server;
            this.acceptor = new Thread(this::acceptForEver, "silent-engine");
            this.acceptor.setDaemon(true);
            this.acceptor.start();
        }

        int port() throws IOException {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        }

        int accepted() {
            return connections.size();
        }

        private void acceptForEver() {
            try {
                while (true) {
                    connections.add(server.accept());
                }
            } catch (IOException closed) {
                // The test is over.
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            acceptor.join(5_000);
            for (SocketChannel connection : connections) {
                connection.close();
            }
        }
    }
}
