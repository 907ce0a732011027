package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.adapters.fake.FakeHypervisorBackend;
import org.vpsconnector.bootstrap.AdminPort.Lines;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * The operator's operation tasks on the admin port of the running application, on the fakes: a VM
 * provision in flight is found by filter, shown with its history, and cancelled; nothing is left of it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OperationAdminTasksEndToEndTest {
    private static final String FARM = "operation-tasks-" + UUID.randomUUID();
    /** Longer than the test: the guest is still booting when the operator cancels its build. */
    private static final Duration BOOT_TIME = Duration.ofSeconds(50);

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", "jdbc:h2:mem:" + FARM + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.farm", FARM),
            ConfigOverride.config("backends.hypervisor.farm", FARM),
            ConfigOverride.config("backends.hypervisor.bootTime", "50s"));

    private static final FakeHypervisorBackend HYPERVISOR = FarmView.hypervisor(FARM, BOOT_TIME);

    @Test
    void aVmProvisionInFlightIsListedByFilterShownAndCancelledAndNothingIsLeft() {
        APP.client().property(ClientProperties.READ_TIMEOUT, 30_000);
        ApsController controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        UUID container = UUID.randomUUID();
        assertThat(controller.send("POST", "/vpses", ApsController.vps("vps-container.json", container), "sync").status())
                .isEqualTo(200);
        UUID vm = UUID.randomUUID();
        Reply accepted = controller.send("POST", "/vpses", ApsController.vps("vps-vm.json", vm), "sync");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> HYPERVISOR.inspect(vm).isPresent());
        AdminPort admin = AdminPort.of(APP);
        String instance = controller.instanceId().toString();

        Lines building = admin.taskLines("list-operations", Map.of("status", "running", "kind", "PROVISION",
                "instance", instance, "host", "hypervisor"));
        assertThat(building.status()).isEqualTo(200);
        assertThat(building.lines()).singleElement().satisfies(line -> {
            assertThat(line.path("vpsId").asText()).isEqualTo(vm.toString());
            assertThat(line.path("status").asText()).isEqualTo("RUNNING");
        });
        String operationId = building.lines().get(0).path("id").asText();
        assertThat(admin.taskLines("operations", Map.of("instance", instance)).lines())
                .extracting(line -> line.path("vpsId").asText()).containsExactly(vm.toString(), container.toString());
        assertThat(admin.taskLines("list-operations", Map.of("instance", instance, "host", "containers")).lines())
                .extracting(line -> line.path("vpsId").asText()).containsExactly(container.toString());

        Reply shown = admin.task("show-operation", Map.of("id", operationId));
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.body().path("operation").path("kind").asText()).isEqualTo("PROVISION");
        assertThat(shown.body().path("operation").has("target")).as("the customer's login stays out").isFalse();
        assertThat(shown.body().path("vps").path("instance").asText()).isEqualTo(instance);
        assertThat(shown.body().path("vps").path("host").asText()).isEqualTo("hypervisor");
        assertThat(shown.body().path("vps").path("lifecycle").asText()).isEqualTo("PROVISIONING");
        assertThat(shown.body().path("transitions")).extracting(transition -> transition.path("to").asText())
                .startsWith("ACCEPTED", "RUNNING");

        Reply cancelled = admin.task("cancel-operation", Map.of("id", operationId, "reason", "ordered by mistake"));

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.body().path("operation").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().path("vps").path("lifecycle").asText()).isEqualTo("FAILED");
        assertThat(cancelled.body().path("vps").path("state").asText()).isEqualTo("Error");
        assertThat(cancelled.body().path("leftover").isNull()).as(cancelled.toString()).isTrue();
        assertThat(HYPERVISOR.inspect(vm)).as("the server is destroyed").isEmpty();
        assertThat(HYPERVISOR.list()).extracting(server -> server.vpsId()).doesNotContain(vm);
        List<JsonNode> history = admin.task("show-operation", Map.of("id", operationId)).body().path("transitions")
                .findParents("to");
        assertThat(history.get(history.size() - 1).path("to").asText()).isEqualTo("CANCELLED");
        assertThat(history.get(history.size() - 1).path("info").asText()).contains("ordered by mistake");
        Reply poll = controller.send("POST", "/vpses", ApsController.vps("vps-vm.json", vm), "async");
        assertThat(poll.status()).as("the controller's poll is told the provision failed").isEqualTo(500);
        // The driver builds nothing again.
        ApsController.sleep(Duration.ofSeconds(1));
        assertThat(HYPERVISOR.inspect(vm)).isEmpty();
        assertThat(admin.taskLines("list-operations", Map.of("status", "cancelled", "instance", instance)).lines())
                .extracting(line -> line.path("id").asText()).containsExactly(operationId);

        Reply again = admin.task("cancel-operation", Map.of("id", operationId));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.body().path("message").asText()).contains("CANCELLED");
    }

    @Test
    void badParametersAndUnknownOperationsGetAClearErrorAndChangeNothing() {
        AdminPort admin = AdminPort.of(APP);
        for (Map<String, String> bad : List.of(Map.of("status", "DONE"), Map.of("kind", "REBOOT"), Map.of("instance", "not-a-uuid"),
                Map.of("limit", "many"), Map.of("limit", "0"), Map.of("limit", "100000"), Map.of("stauts", "FAILED"))) {
            Lines answer = admin.taskLines("list-operations", bad);
            assertThat(answer.status()).as(bad.toString()).isEqualTo(400);
            assertThat(answer.lines()).singleElement().satisfies(error -> {
                assertThat(error.path("code").asInt()).isEqualTo(400);
                assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception");
            });
        }
        for (String task : List.of("show-operation", "cancel-operation", "retry-operation")) {
            Reply missing = admin.task(task);
            assertThat(missing.status()).as(task + " " + missing).isEqualTo(400);
            assertThat(missing.body().path("message").asText()).contains("'id' is missing");
            Reply malformed = admin.task(task, Map.of("id", "1-2-3-4-5"));
            assertThat(malformed.status()).as(task + " " + malformed).isEqualTo(400);
            Reply unknown = admin.task(task, Map.of("id", UUID.randomUUID().toString()));
            assertThat(unknown.status()).as(task + " " + unknown).isEqualTo(404);
            assertThat(unknown.body().path("message").asText()).startsWith("no operation ");
        }
        Reply tooLong = admin.task("cancel-operation", Map.of("id", UUID.randomUUID().toString(), "reason", "x".repeat(501)));
        assertThat(tooLong.status()).isEqualTo(400);
    }
}
