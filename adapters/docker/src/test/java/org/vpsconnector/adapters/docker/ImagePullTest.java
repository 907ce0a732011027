package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.Secret;

/**
 * Images a VPS needs that are not on the engine come from their registry: the private registry
 * scripts/start-registry.sh runs on 127.0.0.1:5000 with a password, an image pushed to it first
 * and removed from the engine; a wrong password and a registry that never answers fail the create.
 */
class ImagePullTest {
    private static final String REGISTRY = LocalRegistry.ADDRESS;
    private static final Platform DEBIAN_12 = new Platform("x86_64", "debian", "12");

    private static LocalRegistry registry;
    private static String image;
    private static RegistryCredentials account;
    private final List<UUID> created = new ArrayList<>();

    @BeforeAll
    static void pushAnImageAndRemoveItFromTheEngine() throws IOException, InterruptedException {
        registry = LocalRegistry.pushBaseImage("pulled", "12");
        image = registry.image();
        account = registry.account();
    }

    @AfterEach
    void removeWhatTheTestCreated() {
        created.forEach(DockerTestEngine::removeContainer);
        registry.removeFromEngine();
    }

    @AfterAll
    static void removeTheImageFromTheRegistry() throws IOException, InterruptedException {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aMissingImageIsPulledWithTheRegistrysCredentialsAndTheVpsRuns() throws IOException {
        try (DockerContainerBackend backend = backend(List.of(account), Duration.ofSeconds(60))) {
            ServerSpec spec = spec();
            long started = System.nanoTime();

            backend.create(spec);
            backend.start(spec.vpsId());

            System.out.printf("created and started a VPS whose image was pulled in %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            assertThat(backend.inspect(spec.vpsId())).hasValueSatisfying(server -> assertThat(server.running()).isTrue());
            assertThat(DockerTestEngine.inspect(spec.vpsId()).getConfig().getImage()).isEqualTo(image);
        }
    }

    @Test
    void aWrongPasswordFailsTheCreateSayingWhichImageRegistryAndWhy() throws IOException {
        RegistryCredentials wrong = new RegistryCredentials(REGISTRY, account.username(), Secret.of("not-the-password"));
        try (DockerContainerBackend backend = backend(List.of(wrong), Duration.ofSeconds(60))) {
            ServerSpec spec = spec();

            assertThatThrownBy(() -> backend.create(spec))
                    .isInstanceOfSatisfying(BackendException.class, failure -> {
                        System.out.println("with a wrong password: " + failure.getMessage());
                        assertThat(failure.isTransient()).isFalse();
                    })
                    .hasMessageStartingWith("pulling image " + image + " from registry " + REGISTRY + " as "
                            + account.username() + " failed: ")
                    .hasMessageContaining("unauthorized")
                    .hasMessageNotContaining("not-the-password");
            assertThat(backend.inspect(spec.vpsId())).isEmpty();
        }
    }

    @Test
    void aRegistryThatNeverAnswersFailsTheCreateAtThePullDeadline() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            String image = "127.0.0.1:" + silent.port() + "/vps/silent:12";
            DockerSettings settings = DockerTestEngine.SETTINGS.withImages(Map.of("debian-12", image))
                    .withPulls(List.of(), Duration.ofSeconds(3));
            try (DockerContainerBackend backend = new DockerContainerBackend(settings)) {
                ServerSpec spec = spec();
                long started = System.nanoTime();

                assertThatThrownBy(() -> backend.create(spec))
                        .isInstanceOfSatisfying(BackendException.class, failure -> assertThat(failure.isTransient()).isFalse())
                        .hasMessage("pulling image " + image + " from registry 127.0.0.1:" + silent.port()
                                + " without credentials did not finish within 3 s");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertThat(millis).as("milliseconds until the create failed").isBetween(3_000L, 6_000L);
            }
        }
    }

    private static DockerContainerBackend backend(List<RegistryCredentials> registries, Duration pullTimeout) {
        return new DockerContainerBackend(DockerTestEngine.SETTINGS
                .withImages(Map.of("debian-12", image))
                .withPulls(registries, pullTimeout));
    }

    private ServerSpec spec() {
        ServerSpec spec = new ServerSpec(UUID.randomUUID(), UUID.randomUUID(), "pulled", new Hardware(1, 10, 1, false), DEBIAN_12);
        created.add(spec.vpsId());
        return spec;
    }

    /** Accepts connections and never answers, like a registry that hangs. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new ArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "silent-registry");

        SilentServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    synchronized (accepted) {
                        accepted.add(connection);
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (accepted) {
                for (Socket connection : accepted) {
                    connection.close();
                }
            }
        }
    }
}
