package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vpsconnector.adapters.fake.FakeContainerBackend;
import org.vpsconnector.adapters.fake.FakeHypervisorBackend;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * A container and a VM disabled by one run of the connector stay disabled for the next one on the
 * same database: it refuses to start them, reconcile leaves their servers stopped, and enable brings
 * each back to the power state it had.
 */
class SuspendAcrossRestartEndToEndTest {
    /** The boot time of the fake guests in test-config.yml. */
    private static final Duration BOOT_TIME = Duration.ofMillis(1500);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectNode EMPTY = ApsController.JSON.createObjectNode();

    @TempDir
    static Path dataDirectory;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2 file", (Function<String, DropwizardTestSupport<VpsConnectorConfiguration>>) farm ->
                        new DropwizardTestSupport<>(VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
                                ConfigOverride.config("database.url", "jdbc:h2:" + dataDirectory.resolve(farm)),
                                ConfigOverride.config("backends.container.farm", farm),
                                ConfigOverride.config("backends.hypervisor.farm", farm))),
                Arguments.of("PostgreSQL", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSuspensionOutlivesARestartOfTheConnector(String name,
                                                   Function<String, DropwizardTestSupport<VpsConnectorConfiguration>> h2)
            throws Exception {
        String farm = "suspend-" + UUID.randomUUID();
        FakeContainerBackend containers = FarmView.containers(farm);
        FakeHypervisorBackend hypervisor = FarmView.hypervisor(farm, BOOT_TIME);
        UUID instance = UUID.randomUUID();
        UUID container = UUID.randomUUID();
        UUID vm = UUID.randomUUID();
        Client client = ClientBuilder.newClient();
        PostgresSchema schema = h2 == null ? PostgresSchema.create("suspend") : null;
        Function<String, DropwizardTestSupport<VpsConnectorConfiguration>> connectors = h2 != null ? h2 : schema::connector;
        try {
            DropwizardTestSupport<VpsConnectorConfiguration> first = connectors.apply(farm);
            first.before();
            try {
                ApsController controller = new ApsController(client, "http://127.0.0.1:" + first.getLocalPort(), instance);
                assertThat(controller.install().status()).isEqualTo(200);
                assertThat(controller.send("POST", "/vpses", ApsController.vps("vps-container.json", container), "sync").status())
                        .isEqualTo(200);
                assertThat(controller.sendAndPoll("POST", "/vpses", ApsController.vps("vps-vm.json", vm), PATIENCE).state())
                        .isEqualTo("Running");
                assertThat(controller.send("GET", "/vpses/" + container + "/stop", null, "sync").state()).isEqualTo("Stopped");

                assertThat(controller.send("PUT", "/vpses/" + container + "/disable", EMPTY, "sync").status()).isEqualTo(200);
                assertThat(controller.send("PUT", "/vpses/" + vm + "/disable", EMPTY, "sync").status()).isEqualTo(202);
                Reply disabled = controller.sendAndPoll("PUT", "/vpses/" + vm + "/disable", EMPTY, PATIENCE);
                assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
                assertThat(hypervisor.inspect(vm).orElseThrow().running()).isFalse();
            } finally {
                first.after();
            }

            DropwizardTestSupport<VpsConnectorConfiguration> second = connectors.apply(farm);
            second.before();
            try {
                ApsController controller = new ApsController(client, "http://127.0.0.1:" + second.getLocalPort(), instance);
                for (UUID id : new UUID[] {container, vm}) {
                    Reply kept = controller.send("GET", "/vpses/" + id, null, "sync");
                    assertThat(kept.body().path("suspended").asBoolean()).as(kept.toString()).isTrue();
                    assertThat(kept.state()).isEqualTo("Stopped");
                    Reply start = controller.send("GET", "/vpses/" + id + "/start", null, "sync");
                    assertThat(start.status()).as(start.toString()).isEqualTo(409);
                    assertThat(start.body().path("code").asInt()).isEqualTo(409);
                    assertThat(controller.send("PUT", "/vpses/" + id + "/disable", EMPTY, "sync").status()).isEqualTo(409);
                }
                Reply report = AdminPort.of(client, second).task("reconcile", Map.of("apply", "true", "id", vm.toString()));
                assertThat(report.body().path("powerStateDrift").size()).as(report.toString()).isZero();
                assertThat(hypervisor.inspect(vm).orElseThrow().running()).as("reconcile starts no suspended VPS").isFalse();

                Reply vmBack = controller.sendAndPoll("PUT", "/vpses/" + vm + "/enable", EMPTY, PATIENCE);
                assertThat(vmBack.status()).as(vmBack.toString()).isEqualTo(200);
                assertThat(vmBack.state()).as("it ran when it was disabled").isEqualTo("Running");
                assertThat(vmBack.body().path("suspended").asBoolean()).isFalse();
                assertThat(hypervisor.inspect(vm).orElseThrow().guestReady()).isTrue();

                Reply containerBack = controller.send("PUT", "/vpses/" + container + "/enable", EMPTY, "sync");
                assertThat(containerBack.status()).as(containerBack.toString()).isEqualTo(200);
                assertThat(containerBack.state()).as("it was stopped when it was disabled").isEqualTo("Stopped");
                assertThat(containerBack.body().path("suspended").asBoolean()).isFalse();
                assertThat(containers.inspect(container).orElseThrow().running()).isFalse();
            } finally {
                second.after();
            }
        } finally {
            client.close();
            if (schema != null) {
                schema.close();
            }
        }
    }
}
