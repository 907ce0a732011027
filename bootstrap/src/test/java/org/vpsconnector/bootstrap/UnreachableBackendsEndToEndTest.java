package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * config/real-backends.yml with both daemons out of reach: health checks turn unhealthy, and an
 * operation is retried with backoff and then fails with a message that says what happened.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UnreachableBackendsEndToEndTest {
    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, Path.of("..", "config", "real-backends.yml").toAbsolutePath().toString(),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("admin.password", UUID.randomUUID().toString()),
            ConfigOverride.config("aps.certificates.secretKey", "dGVzdC1vbmx5LXNlYWxpbmcta2V5LTMyLWJ5dGVzISE="),
            ConfigOverride.config("database.url", "jdbc:h2:mem:unreachable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.dockerHost", "unix:///nonexistent/docker.sock"),
            ConfigOverride.config("backends.hypervisor.uri", "qemu+unix:///system?socket=/nonexistent/libvirt-sock"),
            ConfigOverride.config("provisioning.backoff.initialDelay", "200ms"),
            ConfigOverride.config("provisioning.backoff.maxDelay", "400ms"),
            ConfigOverride.config("provisioning.backoff.maxAttempts", "3"),
            ConfigOverride.config("driver.sweepInterval", "100ms"),
            ConfigOverride.config("logging.level", "WARN"));

    private static ApsController controller;

    @BeforeAll
    static void installInstance() {
        controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
    }

    @Test
    void healthChecksNameTheUnreachableDaemons() {
        Reply health = AdminPort.of(APP).health();

        assertThat(health.status()).isEqualTo(500);
        assertThat(health.body().path("containers").path("healthy").asBoolean()).isFalse();
        assertThat(health.body().path("containers").path("message").asText()).contains("/nonexistent/docker.sock");
        assertThat(health.body().path("hypervisor").path("healthy").asBoolean()).isFalse();
        assertThat(health.body().path("database").path("healthy").asBoolean()).isTrue();
    }

    @Test
    void aContainerProvisionIsRetriedThenFailsWithAClearMessage() {
        UUID id = UUID.randomUUID();
        Reply reply = controller.sendAndPoll("POST", "/vpses", ApsController.vps("vps-container.json", id), Duration.ofSeconds(30));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
        assertThat(reply.body().path("message").asText()).contains("failed after 3 attempts").contains("unreachable");
        assertThat(controller.send("GET", "/vpses/" + id, null, "sync").state()).isEqualTo("Error");
    }

    @Test
    void aVmProvisionIsAcceptedRetriedThenFailsOnThePoll() {
        UUID id = UUID.randomUUID();
        var body = ApsController.vps("vps-vm.json", id);
        assertThat(controller.send("POST", "/vpses", body, "sync").status()).isEqualTo(202);

        Reply reply = controller.sendAndPoll("POST", "/vpses", body, Duration.ofSeconds(30));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
        assertThat(reply.body().path("code").asInt()).isEqualTo(500);
        assertThat(reply.body().path("message").asText()).contains("failed after 3 attempts");
    }
}
