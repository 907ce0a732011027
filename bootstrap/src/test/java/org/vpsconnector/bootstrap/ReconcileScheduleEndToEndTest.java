package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.UUID;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.adapters.fake.FakeContainerBackend;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.bootstrap.ApsController.Reply;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;

/** The periodic reconcile pass of the running application, on the fakes: it repairs only what is safe. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReconcileScheduleEndToEndTest {
    private static final String FARM = "reconcile-" + UUID.randomUUID();
    private static final Hardware SMALL = new Hardware(1, 10, 1, false);

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", "jdbc:h2:mem:" + FARM + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.farm", FARM),
            ConfigOverride.config("backends.hypervisor.farm", FARM),
            ConfigOverride.config("driver.reconcileInterval", "200ms"));

    private static final FakeContainerBackend CONTAINERS = FarmView.containers(FARM);

    @Test
    void thePeriodicPassRemovesALeftoverOfADeletedVpsAndRecordsDriftButLeavesTheRestToAnOperator() {
        // On a busy machine the first requests to a fresh application can take longer than the client's default 5 s.
        APP.client().property(ClientProperties.READ_TIMEOUT, 30_000);
        ApsController controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        UUID deleted = provision(controller);
        assertThat(controller.send("DELETE", "/vpses/" + deleted, null, "sync").status()).isEqualTo(204);
        CONTAINERS.create(new ServerSpec(deleted, controller.instanceId(), "back", SMALL, Platform.UNSPECIFIED));
        UUID unknown = UUID.randomUUID();
        CONTAINERS.create(new ServerSpec(unknown, controller.instanceId(), "stray", SMALL, Platform.UNSPECIFIED));
        UUID gone = provision(controller);
        CONTAINERS.destroy(gone);
        UUID stopped = provision(controller);
        CONTAINERS.stop(stopped);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(CONTAINERS.inspect(deleted)).isEmpty();
            assertThat(controller.send("GET", "/vpses/" + stopped, null, "sync").state()).isEqualTo("Stopped");
        });
        // Several more passes: what needs an operator stays as it is.
        ApsController.sleep(Duration.ofSeconds(1));

        assertThat(CONTAINERS.inspect(unknown)).as("a server nobody knows is only reported").isPresent();
        assertThat(CONTAINERS.inspect(gone)).as("nothing is built for a VPS whose server is gone").isEmpty();
        assertThat(controller.send("GET", "/vpses/" + gone, null, "sync").state()).isEqualTo("Running");
        assertThat(CONTAINERS.inspect(stopped).orElseThrow().running()).as("nothing is started").isFalse();
        Reply report = AdminPort.of(APP).task("reconcile");
        assertThat(ControllerEndToEndContract.reconcileEntry(report, "orphans", unknown).path("outcome").asText()).isEqualTo("REPORTED");
        assertThat(ControllerEndToEndContract.reconcileEntry(report, "missingServers", gone).path("outcome").asText()).isEqualTo("REPORTED");
        assertThat(report.body().path("powerStateDrift")).isEmpty();
        assertThat(report.body().path("counts").path("orphans").asInt()).isEqualTo(report.body().path("orphans").size());
        assertThat(report.body().path("counts").path("missingServers").asInt()).isEqualTo(report.body().path("missingServers").size());
        assertThat(report.body().path("counts").path("powerStateDrift").asInt()).isZero();
    }

    private static UUID provision(ApsController controller) {
        UUID id = UUID.randomUUID();
        Reply reply = controller.send("POST", "/vpses", ApsController.vps("vps-container.json", id), "sync");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return id;
    }
}
