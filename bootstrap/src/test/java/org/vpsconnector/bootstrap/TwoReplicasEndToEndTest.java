package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.adapters.fake.FakeHypervisorBackend;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * Two connectors share one PostgreSQL and one hypervisor, as replicas behind a load balancer: the
 * controller's requests and polls land on either, both drivers take operations, and every VPS ends
 * with exactly one server.
 */
class TwoReplicasEndToEndTest {
    private static final int VPSES = 6;

    private final String farm = "replicas-" + UUID.randomUUID();
    private final RunningApps apps = new RunningApps();
    private final List<DropwizardTestSupport<VpsConnectorConfiguration>> replicas = new ArrayList<>();
    private final Client client = ClientBuilder.newClient();

    @BeforeEach
    void startTwoReplicas() throws Exception {
        for (int i = 0; i < 2; i++) {
            replicas.add(apps.start(ResourceHelpers.resourceFilePath("test-config.yml"),
                    ConfigOverride.config("database.driverClass", "org.postgresql.Driver"),
                    ConfigOverride.config("database.url", TestPostgres.url()),
                    ConfigOverride.config("database.user", TestPostgres.user()),
                    ConfigOverride.config("database.password", TestPostgres.password()),
                    ConfigOverride.config("backends.container.farm", farm),
                    ConfigOverride.config("backends.hypervisor.farm", farm)));
        }
    }

    @AfterEach
    void stopReplicas() {
        apps.close();
        client.close();
    }

    @Test
    void everyVpsEndsWithExactlyOneServerWhicheverReplicaServesTheController() {
        UUID instance = UUID.randomUUID();
        List<ApsController> controllers = replicas.stream()
                .map(replica -> new ApsController(client, "http://127.0.0.1:" + replica.getLocalPort(), instance))
                .toList();
        assertThat(controllers.get(0).install().status()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < VPSES; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            assertThat(controllers.get(i % 2).send("POST", "/vpses", ApsController.vps("vps-vm.json", id), "sync").status())
                    .isEqualTo(202);
        }

        for (int i = 0; i < VPSES; i++) {
            // The polls go to the other replica than the one that accepted the provision.
            Reply done = controllers.get((i + 1) % 2)
                    .sendAndPoll("POST", "/vpses", ApsController.vps("vps-vm.json", ids.get(i)), Duration.ofSeconds(60));
            assertThat(done.status()).as(done.toString()).isEqualTo(200);
            assertThat(done.state()).isEqualTo("Running");
        }

        FakeHypervisorBackend hypervisor = FarmView.hypervisor(farm, Duration.ZERO);
        assertThat(hypervisor.list()).extracting(ServerStatus::vpsId).containsExactlyInAnyOrderElementsOf(ids);
    }
}
