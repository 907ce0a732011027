package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * A container engine that accepts every call and never answers (the fake's {@code hang}): the
 * controller still gets its answer within the sync budget, the driver reports that work stopped
 * moving, and the operation fails cleanly once its attempts are spent.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HangingBackendEndToEndTest {
    private static final String FARM = "hanging-" + UUID.randomUUID();
    private static final Duration SYNC_BUDGET = Duration.ofSeconds(1);
    /** What the answer may take beyond the budget: reading the request and writing the operation. */
    private static final Duration MARGIN = Duration.ofSeconds(3);

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", "jdbc:h2:mem:" + FARM + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.farm", FARM),
            ConfigOverride.config("backends.container.hang", "10m"),
            ConfigOverride.config("backends.hypervisor.farm", FARM),
            ConfigOverride.config("backends.callTimeout", "3s"),
            ConfigOverride.config("driver.leaseDuration", "4s"),
            ConfigOverride.config("driver.maxLag", "1s"),
            ConfigOverride.config("provisioning.syncBudget", SYNC_BUDGET.toMillis() + "ms"));

    private static ApsController controller;
    private static AdminPort admin;

    @BeforeAll
    static void installInstance() {
        controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        admin = AdminPort.of(APP);
        assertThat(controller.install().status()).isEqualTo(200);
        // Warms the request path up on the hypervisor, which answers: the first request of a fresh
        // JVM pays for class loading, which is no part of what is measured here.
        Reply warmUp = controller.send("POST", "/vpses", ApsController.vps("vps-vm.json", UUID.randomUUID()), "sync");
        assertThat(warmUp.status()).as(warmUp.toString()).isEqualTo(202);
    }

    @Test
    void aSyncProvisionIsAnswered202WithinItsBudgetTheDriverTurnsUnhealthyAndTheOperationFailsCleanly() {
        UUID id = UUID.randomUUID();
        long started = System.nanoTime();
        Reply accepted = controller.send("POST", "/vpses", ApsController.vps("vps-container.json", id), "sync");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(took).as("the answer came within the sync budget plus a margin").isLessThan(SYNC_BUDGET.plus(MARGIN));
        assertThat(accepted.header("APS-Retry-Timeout")).matches("[1-9][0-9]*");

        Reply unhealthy = awaitHealth(health -> !driverHealthy(health), Duration.ofSeconds(30));
        assertThat(unhealthy.body().path("operation-driver").path("message").asText())
                .containsAnyOf("has been under way for", "attempts have failed without progress");

        Reply ended = controller.sendAndPoll("POST", "/vpses", ApsController.vps("vps-container.json", id), Duration.ofSeconds(60));
        assertThat(ended.status()).as(ended.toString()).isEqualTo(500);
        assertThat(ended.body().path("message").asText()).contains("failed after 3 attempts").contains("did not answer within 3000 ms");
        assertThat(FarmView.containers(FARM).list()).extracting(server -> server.vpsId()).doesNotContain(id);

        awaitHealth(HangingBackendEndToEndTest::driverHealthy, Duration.ofSeconds(30));
    }

    private static boolean driverHealthy(Reply health) {
        return health.body().path("operation-driver").path("healthy").asBoolean();
    }

    private static Reply awaitHealth(Predicate<Reply> condition, Duration patience) {
        Instant giveUp = Instant.now().plus(patience);
        while (true) {
            Reply health = admin.health();
            if (condition.test(health)) {
                return health;
            }
            assertThat(Instant.now()).as("waiting for the health check: " + health).isBefore(giveUp);
            ApsController.sleep(Duration.ofMillis(100));
        }
    }
}
