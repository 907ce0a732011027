package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;

/**
 * A remote engine over TLS: engine-b of scripts/start-fleet.sh, which also listens on
 * tcp://127.0.0.1:2376 with --tlsverify, reached with the fleet's client material in Docker's layout.
 * Fails, never skips, when the fleet is not running.
 */
class DockerEngineOverTlsTest {
    private static final String ENGINE_B_OVER_TLS = "tcp://127.0.0.1:2376";
    private static final Path CLIENT_MATERIAL = Path.of("/var/lib/vps-connector/fleet/tls/docker-client");
    /** engine-b's data root: the answers come from engine-b, not from another engine on the machine. */
    private static final String ENGINE_B_DATA_ROOT = "/var/lib/vps-connector/fleet/engine-b/docker";
    private static final Platform BUSYBOX = new Platform("x86_64", "busybox", "1");
    private static final DockerSettings SETTINGS = DockerSettings.defaults()
            .withEngine(ENGINE_B_OVER_TLS).withTls(CLIENT_MATERIAL).withOwner("vps-connector-tls-test");

    private static DockerClient docker;
    private static DockerContainerBackend backend;
    private final UUID vpsId = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        for (String file : DockerSettings.TLS_FILES) {
            if (!Files.isReadable(CLIENT_MATERIAL.resolve(file))) {
                fail(CLIENT_MATERIAL.resolve(file) + " is missing: run scripts/start-fleet.sh (it makes the fleet's TLS material)");
            }
        }
        docker = DockerClients.connect(SETTINGS);
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException unreachable) {
            throw new AssertionError("engine-b does not answer over TLS at " + ENGINE_B_OVER_TLS
                    + ": run scripts/start-fleet.sh", unreachable);
        }
        backend = new DockerContainerBackend(SETTINGS);
    }

    @AfterEach
    void destroyTheServer() {
        backend.destroy(vpsId);
    }

    @AfterAll
    static void disconnect() throws IOException {
        if (backend != null) {
            backend.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    void engineBAnswersOverTlsToTheFleetsClientCertificate() {
        docker.pingCmd().exec();
        backend.ping();

        assertThat(docker.infoCmd().exec().getDockerRootDir()).isEqualTo(ENGINE_B_DATA_ROOT);
    }

    @Test
    void aContainerIsCreatedInspectedAndDestroyedOverTls() {
        ServerSpec spec = new ServerSpec(vpsId, UUID.randomUUID(), "over-tls", new Hardware(1, 5, 1, false), BUSYBOX);

        backend.create(spec);

        ServerStatus created = backend.inspect(vpsId).orElseThrow();
        assertThat(created.power()).isEqualTo(ServerStatus.Power.STOPPED);
        assertThat(created.hardware()).isEqualTo(new Hardware(1, 5, 1, false));
        InspectContainerResponse container = docker.inspectContainerCmd(ContainerIdentity.name(vpsId)).exec();
        assertThat(container.getConfig().getLabels())
                .containsEntry("org.vpsconnector.vps-id", vpsId.toString())
                .containsEntry("org.vpsconnector.owner", "vps-connector-tls-test");
        assertThat(backend.list()).extracting(ServerStatus::vpsId).contains(vpsId);

        backend.destroy(vpsId);

        assertThat(backend.inspect(vpsId)).isEmpty();
        assertThat(docker.listContainersCmd().withShowAll(true).withNameFilter(java.util.List.of(ContainerIdentity.name(vpsId)))
                .exec()).isEmpty();
    }

    @Test
    void aClientThatTrustsTheEngineButPresentsNoCertificateIsRefused() throws Exception {
        HttpClient withoutCertificate = HttpClient.newBuilder().sslContext(trustingOnly(CLIENT_MATERIAL.resolve("ca.pem")))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("https://127.0.0.1:2376/_ping"))
                .timeout(Duration.ofSeconds(10)).build();

        assertThatThrownBy(() -> withoutCertificate.send(ping, HttpResponse.BodyHandlers.ofString()))
                .as("the engine asks for a client certificate and ends the handshake without one")
                .isInstanceOf(IOException.class);
    }

    @Test
    void aClientWithoutTlsIsRefused() throws IOException {
        try (DockerClient plain = DockerClients.connect(DockerSettings.defaults().withEngine(ENGINE_B_OVER_TLS))) {
            assertThatThrownBy(() -> plain.pingCmd().exec())
                    .hasMessageContaining("Client sent an HTTP request to an HTTPS server");
        }
    }

    @Test
    void aTlsDirectoryWithoutItsKeyIsRefusedRatherThanSpokenToInTheClear(@TempDir Path material) throws IOException {
        Files.copy(CLIENT_MATERIAL.resolve("ca.pem"), material.resolve("ca.pem"));
        Files.copy(CLIENT_MATERIAL.resolve("cert.pem"), material.resolve("cert.pem"));

        assertThatThrownBy(() -> DockerClients.connect(SETTINGS.withTls(material)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[key.pem]").hasMessageContaining("not connecting without TLS");
    }

    /** A TLS context that trusts the fleet's authority and has no key of its own. */
    private static SSLContext trustingOnly(Path authority) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(authority)) {
            trusted.setCertificateEntry("fleet", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
