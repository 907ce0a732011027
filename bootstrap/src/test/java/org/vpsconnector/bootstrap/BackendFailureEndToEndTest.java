package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.adapters.fake.FakeContainerBackend;
import org.vpsconnector.bootstrap.ApsController.Reply;

/** A hypervisor that never answers and a container engine that stumbles twice, configured in YAML. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BackendFailureEndToEndTest {
    private static final String FARM = "failing-" + UUID.randomUUID();

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", "jdbc:h2:mem:" + FARM + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.farm", FARM),
            ConfigOverride.config("backends.container.failNextCalls", "2"),
            ConfigOverride.config("backends.hypervisor.farm", FARM),
            ConfigOverride.config("backends.hypervisor.failureProbability", "1.0"));

    private static final FakeContainerBackend CONTAINERS = FarmView.containers(FARM);
    private static ApsController controller;

    @BeforeAll
    static void installInstance() {
        controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
    }

    @Test
    void transientContainerFailuresAreRetriedWithinTheRequest() {
        UUID id = UUID.randomUUID();
        Reply reply = controller.sendAndPoll("POST", "/vpses", ApsController.vps("vps-container.json", id), Duration.ofSeconds(30));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.state()).isEqualTo("Running");
        assertThat(CONTAINERS.list()).extracting(server -> server.vpsId()).contains(id);
    }

    @Test
    void aVmProvisionThatKeepsFailingEndsIn500AndLeavesNothing() {
        UUID id = UUID.randomUUID();
        Reply reply = controller.sendAndPoll("POST", "/vpses", ApsController.vps("vps-vm.json", id), Duration.ofSeconds(30));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
        assertThat(reply.body().path("code").asInt()).isEqualTo(500);
        assertThat(reply.body().path("message").asText()).contains("failed after 3 attempts").contains("injected fault");
        assertThat(FarmView.hypervisor(FARM, Duration.ZERO).list()).isEmpty();
        assertThat(controller.send("GET", "/vpses/" + id, null, "sync").apsStatus()).isEqualTo("aps:provisioning");
    }

    @Test
    void theHealthCheckOfAFailingBackendIsUnhealthy() {
        Reply health = AdminPort.of(APP).health();

        assertThat(health.status()).isEqualTo(500);
        assertThat(health.body().path("hypervisor").path("healthy").asBoolean()).isFalse();
        assertThat(health.body().path("database").path("healthy").asBoolean()).isTrue();
    }
}
