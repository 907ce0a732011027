package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vpsconnector.application.testing.SilentServer;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * The usage counters as the controller's usage sync reads them: measured in the background,
 * served by retrieve from the database, never going backwards, and served while the backend is silent.
 */
class UsageEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final String name = "usage-" + UUID.randomUUID();
    private final RunningApps apps = new RunningApps();
    private final Client client = ClientBuilder.newClient();

    @AfterEach
    void stopTheConnectors() {
        apps.close();
        client.close();
    }

    @Test
    void retrieveCarriesTheFiguresTheMeterMeasuredAndTheyNeverGoBackwardsAcrossARestart() {
        ApsController controller = controller(start(onTheFakes()));
        UUID id = UUID.randomUUID();
        assertThat(controller.send("POST", "/vpses", ApsController.vps("vps-container.json", id), "sync").status()).isEqualTo(200);

        JsonNode first = awaitUsage(controller, id, usage -> number(usage, "cpuSeconds").signum() > 0);

        assertThat(first.get("usage").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("cpuSeconds", "memoryMb", "diskGb", "networkInMb", "networkOutMb");
        first.get("usage").forEach(counter -> assertThat(counter.isNumber()).as("%s is a number", counter).isTrue());
        int memoryGb = first.at("/hardware/memory").intValue();
        int diskspaceGb = first.at("/hardware/diskspace").intValue();
        assertThat(number(first.get("usage"), "memoryMb")).isPositive().isLessThanOrEqualTo(BigDecimal.valueOf(memoryGb * 1024L));
        assertThat(number(first.get("usage"), "diskGb")).isPositive().isLessThanOrEqualTo(BigDecimal.valueOf(diskspaceGb));

        assertThat(controller.send("POST", "/vpses/" + id + "/stop", null, "sync").status()).isEqualTo(200);
        assertThat(controller.send("POST", "/vpses/" + id + "/start", null, "sync").status()).isEqualTo(200);
        Instant restartedAt = Instant.now();
        JsonNode afterRestart = awaitUsage(controller, id,
                usage -> true, body -> Instant.parse(body.get("usageMeasuredAt").textValue()).isAfter(restartedAt.plusMillis(300)));

        for (String counter : List.of("cpuSeconds", "networkInMb", "networkOutMb")) {
            assertThat(number(afterRestart.get("usage"), counter)).as("%s after a restart of the server", counter)
                    .isGreaterThanOrEqualTo(number(first.get("usage"), counter));
        }

        assertThat(controller.send("DELETE", "/vpses/" + id, null, "sync").status()).isEqualTo(204);
        assertThat(controller.send("GET", "/vpses/" + id, null, "sync").status()).isEqualTo(404);
    }

    @Test
    void retrieveAnswersWithTheStoredFiguresWithoutCallingASilentBackend(@TempDir Path directory) throws Exception {
        DropwizardTestSupport<VpsConnectorConfiguration> fakes = start(onTheFakes());
        ApsController controller = controller(fakes);
        UUID id = UUID.randomUUID();
        assertThat(controller.send("POST", "/vpses", ApsController.vps("vps-container.json", id), "sync").status()).isEqualTo(200);
        JsonNode measured = awaitUsage(controller, id, usage -> true);
        apps.stop(fakes);
        Instant fakesStopped = Instant.now();

        Path socket = Files.createDirectories(directory.resolve("docker")).resolve("docker.sock");
        try (SilentServer silentEngine = SilentServer.onUnixSocket(socket)) {
            ApsController afterRestart = new ApsController(client,
                    "http://127.0.0.1:" + startOnASilentEngine(socket).getLocalPort(), controller.instanceId());
            // The meter's call reached the engine and waits for an answer that never comes.
            await().atMost(PATIENCE).until(() -> silentEngine.accepted() >= 1);
            int connectionsBefore = silentEngine.accepted();

            Reply retrieved = afterRestart.send("GET", "/vpses/" + id, null, "sync");

            assertThat(retrieved.status()).as(retrieved.toString()).isEqualTo(200);
            // The last figures the connector on the fakes stored, as the database holds them.
            Instant measuredAt = Instant.parse(retrieved.body().get("usageMeasuredAt").textValue());
            assertThat(measuredAt).isAfterOrEqualTo(Instant.parse(measured.get("usageMeasuredAt").textValue()))
                    .isBefore(fakesStopped);
            assertThat(number(retrieved.body().get("usage"), "cpuSeconds"))
                    .isGreaterThanOrEqualTo(number(measured.get("usage"), "cpuSeconds"));
            System.out.printf("retrieved while the engine is silent: %s measured at %s%n", retrieved.body().get("usage"), measuredAt);
            assertThat(silentEngine.accepted()).as("connections to the engine: retrieve made none").isEqualTo(connectionsBefore);
        }
    }

    private ConfigOverride[] onTheFakes() {
        return new ConfigOverride[] {
            ConfigOverride.config("database.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.farm", name),
            ConfigOverride.config("backends.hypervisor.farm", name),
            ConfigOverride.config("usage.interval", "100ms")};
    }

    /** config/real-backends.yml with Docker behind a silent socket and libvirt out of reach. */
    private DropwizardTestSupport<VpsConnectorConfiguration> startOnASilentEngine(Path socket) {
        return start(Path.of("..", "config", "real-backends.yml").toAbsolutePath().toString(),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("admin.password", UUID.randomUUID().toString()),
                ConfigOverride.config("aps.certificates.secretKey", "dGVzdC1vbmx5LXNlYWxpbmcta2V5LTMyLWJ5dGVzISE="),
                ConfigOverride.config("database.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1"),
                ConfigOverride.config("backends.container.dockerHost", "unix://" + socket),
                ConfigOverride.config("backends.hypervisor.uri", "qemu+unix:///system?socket=/nonexistent/libvirt-sock"),
                // The meter's call stays under way for the whole test.
                ConfigOverride.config("backends.callTimeout", "60s"),
                ConfigOverride.config("backends.container.callTimeout", "60s"),
                ConfigOverride.config("driver.leaseDuration", "61s"),
                ConfigOverride.config("usage.interval", "1h"),
                ConfigOverride.config("logging.level", "WARN"));
    }

    private DropwizardTestSupport<VpsConnectorConfiguration> start(ConfigOverride... overrides) {
        return start(ResourceHelpers.resourceFilePath("test-config.yml"), overrides);
    }

    private DropwizardTestSupport<VpsConnectorConfiguration> start(String configFile, ConfigOverride... overrides) {
        return apps.start(configFile, overrides);
    }

    private ApsController controller(DropwizardTestSupport<VpsConnectorConfiguration> app) {
        ApsController controller = new ApsController(client, "http://127.0.0.1:" + app.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        return controller;
    }

    @SafeVarargs
    private static JsonNode awaitUsage(ApsController controller, UUID id, Predicate<JsonNode> usage,
                                       Predicate<JsonNode>... body) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            Reply reply = controller.send("GET", "/vpses/" + id, null, "sync");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            last.set(reply.body());
            return reply.body().has("usage") && usage.test(reply.body().get("usage"))
                    && Arrays.stream(body).allMatch(condition -> condition.test(reply.body()));
        });
        return last.get();
    }

    private static BigDecimal number(JsonNode usage, String counter) {
        return usage.get(counter).decimalValue();
    }
}
