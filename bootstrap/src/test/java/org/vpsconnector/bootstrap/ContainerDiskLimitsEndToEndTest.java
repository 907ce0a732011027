package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.nio.file.Path;
import java.util.UUID;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vpsconnector.adapters.docker.DockerSettings;
import org.vpsconnector.adapters.docker.EngineWithoutDiskLimits;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * config/real-backends.yml on a Docker engine that cannot cap a container's size (overlay2 over
 * ext4): by default container VPSes are refused with a 503 that says why and nothing is stored;
 * with {@code unenforceableDiskLimits: accept} they are made and the answer says their diskspace
 * is not enforced. The health check container-disk-limits tells the operator either way.
 */
class ContainerDiskLimitsEndToEndTest {
    private static EngineWithoutDiskLimits engine;

    private final RunningApps apps = new RunningApps();
    private final Client client = ClientBuilder.newClient().property(ClientProperties.READ_TIMEOUT, 30_000);

    @BeforeAll
    static void startTheEngineWithoutDiskLimits() throws Exception {
        engine = EngineWithoutDiskLimits.start();
    }

    @AfterEach
    void stopTheApps() {
        apps.close();
        client.close();
    }

    @AfterAll
    static void stopTheEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aContainerVpsIsRefusedWithTheReasonAndNothingIsStored() {
        DropwizardTestSupport<VpsConnectorConfiguration> app = start("refuse");
        ApsController controller = controller(app);
        UUID vpsId = UUID.randomUUID();

        Reply refused = controller.send("POST", "/vpses", ApsController.vps("vps-container.json", vpsId), "sync");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().get("code").intValue()).isEqualTo(503);
        assertThat(refused.body().get("type").textValue()).isEqualTo("ServiceUnavailable");
        assertThat(refused.body().get("message").textValue()).startsWith("no container VPS can be provisioned now: "
                + "the Docker engine at " + engine.dockerHost() + " cannot cap a container's disk size (storage driver overlay2");
        assertThat(controller.send("GET", "/vpses/" + vpsId, null, "sync").status()).as("nothing stored").isEqualTo(404);
        Reply health = AdminPort.of(client, app).health();
        assertThat(health.status()).isEqualTo(500);
        JsonNode diskLimits = health.body().get("container-disk-limits");
        assertThat(diskLimits.get("healthy").booleanValue()).isFalse();
        assertThat(diskLimits.get("message").textValue()).startsWith("NOT enforced: storage driver overlay2")
                .endsWith("container VPSes are refused (unenforceableDiskLimits: refuse)");
    }

    @Test
    void aContainerVpsIsMadeWithItsDiskspaceStatedUnenforcedWhenSoConfigured() {
        DropwizardTestSupport<VpsConnectorConfiguration> app = start("accept");
        ApsController controller = controller(app);
        UUID vpsId = UUID.randomUUID();

        Reply made = controller.send("POST", "/vpses", ApsController.vps("vps-container.json", vpsId), "sync");

        assertThat(made.status()).isEqualTo(200);
        assertThat(made.header("APS-Info")).contains("diskspace is not enforced");
        JsonNode diskLimits = AdminPort.of(client, app).health().body().get("container-disk-limits");
        assertThat(diskLimits.get("healthy").booleanValue()).isTrue();
        assertThat(diskLimits.get("message").textValue())
                .endsWith("container VPSes are accepted with their diskspace not enforced (unenforceableDiskLimits: accept)");
        assertThat(controller.sendAndPoll("DELETE", "/vpses/" + vpsId, null, java.time.Duration.ofSeconds(30)).status())
                .isEqualTo(204);
    }

    private DropwizardTestSupport<VpsConnectorConfiguration> start(String unenforceableDiskLimits) {
        String name = "disk-limits-" + UUID.randomUUID();
        return apps.start(Path.of("..", "config", "real-backends.yml").toAbsolutePath().toString(),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("admin.password", UUID.randomUUID().toString()),
                ConfigOverride.config("aps.certificates.secretKey", "dGVzdC1vbmx5LXNlYWxpbmcta2V5LTMyLWJ5dGVzISE="),
                ConfigOverride.config("database.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1"),
                ConfigOverride.config("backends.container.dockerHost", engine.dockerHost()),
                // That engine has only the busybox image and none of the networks of this host's engine; LXCFS does not matter here.
                ConfigOverride.config("backends.container.imagesByOs.debian-12", DockerSettings.BUSYBOX_IMAGE),
                ConfigOverride.config("backends.container.owner", name),
                ConfigOverride.config("backends.container.networkMode", "none"),
                ConfigOverride.config("backends.container.lxcfsDirectory", ""),
                ConfigOverride.config("backends.container.unenforceableDiskLimits", unenforceableDiskLimits),
                ConfigOverride.config("backends.hypervisor.uri", "qemu+unix:///system?socket=/nonexistent/libvirt-sock"),
                ConfigOverride.config("logging.level", "WARN"));
    }

    private ApsController controller(DropwizardTestSupport<VpsConnectorConfiguration> app) {
        ApsController controller = new ApsController(client, "http://127.0.0.1:" + app.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        return controller;
    }
}
