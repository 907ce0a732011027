package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
    private static final String REGISTRY = "127.0.0.1:5000";
    private static final Path CREDENTIALS = Path.of("/var/lib/vps-connector/registry/credentials");
    private static final Platform DEBIAN_12 = new Platform("x86_64", "debian", "12");
    private static final String REPOSITORY = REGISTRY + "/vps-connector-test/pulled-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String IMAGE = REPOSITORY + ":12";

    private static RegistryCredentials account;
    private final List<UUID> created = new ArrayList<>();

    @BeforeAll
    static void pushAnImageAndRemoveItFromTheEngine() throws IOException, InterruptedException {
        account = registryAccount();
        DockerTestEngine.docker().tagImageCmd(DockerSettings.BUSYBOX_IMAGE, REPOSITORY, "12").exec();
        long started = System.nanoTime();
        List<String> errors = new ArrayList<>();
        boolean pushed = DockerTestEngine.docker().pushImageCmd(REPOSITORY).withTag("12").withAuthConfig(auth(account))
                .exec(new ResultCallback.Adapter<PushResponseItem>() {
                    @Override
                    public void onNext(PushResponseItem item) {
                        if (item.getErrorDetail() != null) {
                            errors.add(item.getErrorDetail().getMessage());
                        }
                    }
                }).awaitCompletion(60, TimeUnit.SECONDS);
        assertThat(pushed).isTrue();
        assertThat(errors).as("push to " + REGISTRY).isEmpty();
        System.out.printf("pushed %s in %d ms%n", IMAGE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        removeLocalImage();
    }

    @AfterEach
    void removeWhatTheTestCreated() {
        created.forEach(DockerTestEngine::removeContainer);
        removeLocalImage();
    }

    @AfterAll
    static void removeTheImageFromTheRegistry() throws IOException, InterruptedException {
        if (account == null) {
            return;
        }
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (account.username() + ":" + account.password().reveal()).getBytes(StandardCharsets.UTF_8));
        String manifest = "http://" + REGISTRY + "/v2/" + REPOSITORY.substring(REGISTRY.length() + 1) + "/manifests/";
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(manifest + "12"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Authorization", basic)
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.discarding());
        String digest = head.headers().firstValue("Docker-Content-Digest").orElseThrow();
        HttpResponse<Void> deleted = http.send(HttpRequest.newBuilder(URI.create(manifest + digest)).DELETE()
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(deleted.statusCode()).isEqualTo(202);
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
            assertThat(DockerTestEngine.inspect(spec.vpsId()).getConfig().getImage()).isEqualTo(IMAGE);
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
                    .hasMessageStartingWith("pulling image " + IMAGE + " from registry " + REGISTRY + " as "
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
                .withImages(Map.of("debian-12", IMAGE))
                .withPulls(registries, pullTimeout));
    }

    private ServerSpec spec() {
        ServerSpec spec = new ServerSpec(UUID.randomUUID(), UUID.randomUUID(), "pulled", new Hardware(1, 10, 1, false), DEBIAN_12);
        created.add(spec.vpsId());
        return spec;
    }

    private static void removeLocalImage() {
        try {
            DockerTestEngine.docker().removeImageCmd(IMAGE).exec();
        } catch (NotFoundException alreadyGone) {
            // not pulled by this test
        }
    }

    private static AuthConfig auth(RegistryCredentials credentials) {
        return new AuthConfig().withRegistryAddress(credentials.host()).withUsername(credentials.username())
                .withPassword(credentials.password().reveal());
    }

    private static RegistryCredentials registryAccount() throws IOException {
        if (!Files.isReadable(CREDENTIALS)) {
            throw new AssertionError("no " + CREDENTIALS + ": run scripts/start-registry.sh first");
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(CREDENTIALS)) {
            properties.load(reader);
        }
        return new RegistryCredentials(REGISTRY, properties.getProperty("REGISTRY_USER"),
                Secret.of(properties.getProperty("REGISTRY_PASSWORD")));
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
