package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vpsconnector.adapters.fake.FakeHypervisorBackend;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * The connector stops in the middle of a VM provision; a new one on the same database takes the
 * operation over, and the controller's polls end in 200 with exactly one server on the backend.
 */
class CrashRecoveryEndToEndTest {
    // Long enough that the first run is stopped before the guest has booted, even on a busy machine.
    private static final Duration BOOT_TIME = Duration.ofSeconds(4);

    @TempDir
    static Path dataDirectory;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2 file", "org.h2.Driver", "jdbc:h2:" + dataDirectory.resolve("crash") , "sa", ""),
                Arguments.of("PostgreSQL", "org.postgresql.Driver", TestPostgres.url(), TestPostgres.user(), TestPostgres.password()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aVmProvisionSurvivesARestartOfTheConnector(String name, String driver, String url, String user, String password)
            throws Exception {
        String farm = "crash-" + UUID.randomUUID();
        FakeHypervisorBackend hypervisor = FarmView.hypervisor(farm, BOOT_TIME);
        UUID instance = UUID.randomUUID();
        UUID vps = UUID.randomUUID();
        var body = ApsController.vps("vps-vm.json", vps);
        Client client = ClientBuilder.newClient();
        try {
            DropwizardTestSupport<VpsConnectorConfiguration> first = connector(farm, driver, url, user, password);
            first.before();
            ApsController controller = new ApsController(client, "http://127.0.0.1:" + first.getLocalPort(), instance);
            assertThat(controller.install().status()).isEqualTo(200);
            assertThat(controller.send("POST", "/vpses", body, "sync").status()).isEqualTo(202);
            // Stop once the driver has defined and started the guest, while it is still booting.
            Instant giveUp = Instant.now().plusSeconds(10);
            while (hypervisor.inspect(vps).filter(server -> server.running()).isEmpty()) {
                assertThat(Instant.now()).as("the first run starts the guest").isBefore(giveUp);
                ApsController.sleep(Duration.ofMillis(50));
            }
            assertThat(controller.send("GET", "/vpses/" + vps, null, "sync").state()).isEqualTo("Creating");
            first.after();

            DropwizardTestSupport<VpsConnectorConfiguration> second = connector(farm, driver, url, user, password);
            second.before();
            try {
                ApsController polling = new ApsController(client, "http://127.0.0.1:" + second.getLocalPort(), instance);
                Reply reply = polling.send("POST", "/vpses", body, "async");
                while (reply.status() == 202) {
                    ApsController.sleep(Duration.ofMillis(300));
                    reply = polling.send("POST", "/vpses", body, "async");
                }
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                assertThat(reply.state()).isEqualTo("Running");
                assertThat(hypervisor.list()).extracting(server -> server.vpsId()).containsExactly(vps);
            } finally {
                second.after();
            }
        } finally {
            client.close();
        }
    }

    private static DropwizardTestSupport<VpsConnectorConfiguration> connector(String farm, String driver, String url,
                                                                             String user, String password) {
        return new DropwizardTestSupport<>(VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.driverClass", driver),
                ConfigOverride.config("database.url", url),
                ConfigOverride.config("database.user", user),
                ConfigOverride.config("database.password", password),
                ConfigOverride.config("backends.container.farm", farm),
                ConfigOverride.config("backends.hypervisor.farm", farm),
                ConfigOverride.config("backends.hypervisor.bootTime", BOOT_TIME.toMillis() + "ms"),
                ConfigOverride.config("driver.leaseDuration", "2s"));
    }
}
