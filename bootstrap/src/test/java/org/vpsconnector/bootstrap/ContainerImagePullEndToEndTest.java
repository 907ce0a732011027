package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.adapters.docker.DockerContainerBackend;
import org.vpsconnector.adapters.docker.DockerSettings;
import org.vpsconnector.adapters.docker.LocalRegistry;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * config/real-backends.yml with the image of debian 12 only in the private registry of
 * scripts/start-registry.sh: the provision pulls it with the configured account and the VPS runs.
 */
class ContainerImagePullEndToEndTest {
    private final String owner = "pull-" + UUID.randomUUID();
    private final Client client = ClientBuilder.newClient().property(ClientProperties.READ_TIMEOUT, 30_000);
    private LocalRegistry registry;
    private DropwizardTestSupport<VpsConnectorConfiguration> app;

    @BeforeEach
    void pushTheImage() throws Exception {
        registry = LocalRegistry.pushBaseImage("provisioned", "12");
    }

    @AfterEach
    void removeWhatTheTestMade() throws Exception {
        try {
            if (app != null) {
                app.after();
            }
            try (DockerContainerBackend containers = new DockerContainerBackend(
                    DockerSettings.defaults().withOwner(owner))) {
                for (ServerStatus server : containers.list()) {
                    containers.destroy(server.vpsId());
                }
            }
        } finally {
            registry.close();
            client.close();
        }
    }

    @Test
    void aContainerVpsWhoseImageIsOnlyInTheRegistryIsPulledAndRuns() {
        app = new DropwizardTestSupport<>(VpsConnectorApplication.class,
                Path.of("..", "config", "real-backends.yml").toAbsolutePath().toString(),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("admin.password", UUID.randomUUID().toString()),
                ConfigOverride.config("aps.certificates.secretKey", "dGVzdC1vbmx5LXNlYWxpbmcta2V5LTMyLWJ5dGVzISE="),
                ConfigOverride.config("database.url", "jdbc:h2:mem:" + owner + ";DB_CLOSE_DELAY=-1"),
                ConfigOverride.config("backends.container.owner", owner),
                ConfigOverride.config("backends.container.imagesByOs.debian-12", registry.image()),
                ConfigOverride.config("backends.container.registries[0].password", registry.account().password().reveal()),
                ConfigOverride.config("backends.hypervisor.uri", "qemu+unix:///system?socket=/nonexistent/libvirt-sock"),
                ConfigOverride.config("logging.level", "WARN"));
        try {
            app.before();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ApsController controller = new ApsController(client, "http://127.0.0.1:" + app.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        UUID vpsId = UUID.randomUUID();
        long started = System.nanoTime();

        Reply provisioned = controller.sendAndPoll("POST", "/vpses", ApsController.vps("vps-container.json", vpsId),
                Duration.ofSeconds(60));

        System.out.printf("provisioned a container VPS whose image was pulled from %s: %d ms%n", LocalRegistry.ADDRESS,
                (System.nanoTime() - started) / 1_000_000);
        assertThat(provisioned.status()).isEqualTo(200);
        assertThat(provisioned.state()).isEqualTo("Running");
        assertThat(controller.sendAndPoll("DELETE", "/vpses/" + vpsId, null, Duration.ofSeconds(30)).status()).isEqualTo(204);
    }
}
