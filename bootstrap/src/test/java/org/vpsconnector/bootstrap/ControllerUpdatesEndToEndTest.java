package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vpsconnector.adapters.apscontroller.RecordingController;
import org.vpsconnector.adapters.apscontroller.RecordingController.Received;
import org.vpsconnector.adapters.apscontroller.TestIdentity;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * The real service tells a controller (an HTTPS server in the test that requires the instance's
 * certificate) about VM operations that end in the background: what a retrieve shows, with the
 * transaction of the request that started the work, in order, through a controller outage and a
 * restart of the service.
 */
class ControllerUpdatesEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private final TestIdentity controllerServer = TestIdentity.localhost();
    private final TestIdentity instanceIdentity = TestIdentity.selfSigned("instance");
    private final RecordingController recorder = RecordingController.start(controllerServer, instanceIdentity.certificate());
    private final Client client = ClientBuilder.newClient();
    private final String farm = "callbacks-" + UUID.randomUUID();
    private final String database = "jdbc:h2:mem:" + farm + ";DB_CLOSE_DELAY=-1";
    private DropwizardTestSupport<VpsConnectorConfiguration> app;

    @AfterEach
    void stopEverything() {
        if (app != null) {
            app.after();
        }
        recorder.close();
        client.close();
    }

    private DropwizardTestSupport<VpsConnectorConfiguration> start() throws Exception {
        Path trusted = directory.resolve("controllers.pem");
        Files.writeString(trusted, controllerServer.certificatePem());
        DropwizardTestSupport<VpsConnectorConfiguration> started = new DropwizardTestSupport<>(VpsConnectorApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.driverClass", "org.h2.Driver"),
                ConfigOverride.config("database.url", database),
                ConfigOverride.config("database.user", "sa"),
                ConfigOverride.config("database.password", ""),
                ConfigOverride.config("dataDirectory", directory.resolve("data").toString()),
                ConfigOverride.config("backends.container.farm", farm),
                ConfigOverride.config("backends.hypervisor.farm", farm),
                ConfigOverride.config("callbacks.trustSystemAuthorities", "false"),
                ConfigOverride.config("callbacks.trustedCertificates", trusted.toString()),
                ConfigOverride.config("callbacks.maxPendingAge", "2s"));
        started.before();
        return started;
    }

    private ApsController controller(UUID instanceId) {
        return new ApsController(client, "http://127.0.0.1:" + app.getLocalPort(), instanceId, recorder.uri());
    }

    private void install(ApsController aps) {
        ObjectNode cloud = ApsController.fixture("cloud-install.json");
        ObjectNode meta = (ObjectNode) cloud.get("aps");
        meta.put("id", aps.instanceId().toString());
        meta.putObject("x509").put("self", instanceIdentity.certificateAndKeyPem())
                .put("controller", TestIdentity.selfSigned("controller").certificatePem());
        Reply installed = aps.send("POST", "/clouds", cloud, "sync");
        assertThat(installed.status()).as(installed.toString()).isEqualTo(200);
    }

    /** The first request with {@code transactionId}, then polls (each with a transaction of its own) until it ends. */
    private Reply runToTheEnd(ApsController aps, String method, String path, JsonNode body, String transactionId) {
        Reply reply = aps.send(method, path, body, "sync", transactionId);
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (reply.status() == 202) {
            assertThat(System.nanoTime()).as("the operation ends within " + PATIENCE).isLessThan(giveUp);
            ApsController.sleep(Duration.ofMillis(200));
            reply = aps.send(method, path, body, "async");
        }
        return reply;
    }

    private List<Received> awaitUpdates(int count) {
        await("%d updates at the controller".formatted(count)).atMost(PATIENCE)
                .until(() -> recorder.received().size() >= count);
        return recorder.received();
    }

    @Test
    void aVmProvisionThatEndsInTheBackgroundUpdatesTheResourceAtTheController() throws Exception {
        app = start();
        ApsController aps = controller(UUID.randomUUID());
        install(aps);
        UUID vps = UUID.randomUUID();
        String transaction = "provision-" + UUID.randomUUID();

        Reply provisioned = runToTheEnd(aps, "POST", "/vpses", ApsController.vps("vps-vm.json", vps), transaction);
        assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(200);

        Received update = awaitUpdates(1).get(0);
        assertThat(update.method()).isEqualTo("PUT");
        assertThat(update.path()).isEqualTo("/aps/2/resources/" + vps);
        assertThat(update.contentType()).isEqualTo("application/json");
        assertThat(update.transactionId()).isEqualTo(transaction);
        assertThat(update.clientCertificate()).isEqualTo(instanceIdentity.certificate());
        JsonNode body = ApsController.JSON.readTree(update.body());
        assertThat(body.path("state").asText()).isEqualTo("Running");
        // Usage figures reach the controller through its usage sync, not through resource updates.
        com.fasterxml.jackson.databind.node.ObjectNode retrieved =
                (com.fasterxml.jackson.databind.node.ObjectNode) aps.send("GET", "/vpses/" + vps, null, "sync").body().deepCopy();
        retrieved.remove(List.of("usage", "usageMeasuredAt"));
        assertThat(body).as("what a retrieve serves").isEqualTo(retrieved);
        ApsController.sleep(Duration.ofMillis(500));
        assertThat(recorder.received()).as("sent once").hasSize(1);
        assertThat(AdminPort.of(client, app).health().body().path("controller-updates").path("healthy").asBoolean()).isTrue();
    }

    @Test
    void updatesWaitForAControllerThatIsDownAndArriveInOrderOnceItIsUpEvenAcrossARestart() throws Exception {
        recorder.stop();
        app = start();
        UUID instanceId = UUID.randomUUID();
        ApsController aps = controller(instanceId);
        install(aps);
        UUID vps = UUID.randomUUID();
        String provision = "provision-" + UUID.randomUUID();
        String stop = "stop-" + UUID.randomUUID();
        String start = "start-" + UUID.randomUUID();

        assertThat(runToTheEnd(aps, "POST", "/vpses", ApsController.vps("vps-vm.json", vps), provision).status()).isEqualTo(200);
        assertThat(runToTheEnd(aps, "GET", "/vpses/" + vps + "/stop", null, stop).status()).isEqualTo(200);
        AdminPort admin = AdminPort.of(client, app);
        await("a failed attempt at the oldest update").atMost(PATIENCE).untilAsserted(() -> {
            Reply pending = admin.task("controller-updates");
            assertThat(pending.status()).isEqualTo(200);
            // One JSON object a line, the oldest first: that is the provision's.
            assertThat(pending.body().path("resource").asText()).isEqualTo(vps.toString());
            assertThat(pending.body().path("instance").asText()).isEqualTo(instanceId.toString());
            assertThat(pending.body().path("transaction").asText()).isEqualTo(provision);
            assertThat(pending.body().path("attempts").asInt()).isPositive();
            assertThat(pending.body().path("lastError").asText()).contains("PUT " + recorder.uri() + "aps/2/resources/" + vps);
            assertThat(pending.body().path("nextAttemptAt").asText()).isNotBlank();
        });
        await("the health check to see the backlog").atMost(PATIENCE).untilAsserted(() -> {
            JsonNode check = admin.health().body().path("controller-updates");
            assertThat(check.path("healthy").asBoolean()).isFalse();
            assertThat(check.path("message").asText()).startsWith("2 controller update(s) pending");
        });

        app.after();
        app = start();
        aps = controller(instanceId);
        assertThat(runToTheEnd(aps, "GET", "/vpses/" + vps + "/start", null, start).status()).isEqualTo(200);
        assertThat(recorder.received()).isEmpty();
        recorder.restart();

        List<Received> updates = awaitUpdates(3);
        assertThat(updates).extracting(Received::transactionId).containsExactly(provision, stop, start);
        assertThat(updates).extracting(update -> ApsController.JSON.readTree(update.body()).path("state").asText())
                .containsExactly("Running", "Stopped", "Running");
        assertThat(updates).allSatisfy(update -> {
            assertThat(update.path()).isEqualTo("/aps/2/resources/" + vps);
            assertThat(update.clientCertificate()).isEqualTo(instanceIdentity.certificate());
        });
    }
}
