package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * The connector on a PostgreSQL of the test's own, which the test stops, starts again and whose
 * sessions it ends while the controller keeps calling: the controller gets 503 within seconds
 * while the database is away, never a 500 or a hung request, and the connector serves again
 * without a restart once it is back, with every server it built kept and finished.
 */
class DatabaseOutageEndToEndTest {
    /** An answer while the database is away comes within this (the pool waits 5 s at most for a connection). */
    private static final Duration PROMPT = Duration.ofSeconds(10);
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    /**
     * An answer while the database accepts connections but never answers comes within this: the
     * validation of a pooled connection times out (socketTimeout 5 s), then logging in on a new
     * one (loginTimeout 3 s).
     */
    private static final Duration HUNG = Duration.ofSeconds(15);

    private static DisposablePostgres postgres;

    private final String farm = "outage-" + UUID.randomUUID();
    private final Client client = ClientBuilder.newClient();
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private DropwizardTestSupport<VpsConnectorConfiguration> connector;
    private ApsController controller;
    private AdminPort admin;

    @BeforeAll
    static void startOwnPostgres() {
        postgres = DisposablePostgres.start();
    }

    @AfterAll
    static void removeOwnPostgres() {
        postgres.close();
    }

    @BeforeEach
    void databaseIsUp() {
        if (postgres.sql("postgres", "SELECT 1").isEmpty()) {
            throw new IllegalStateException("the test's PostgreSQL does not answer");
        }
    }

    @AfterEach
    void stopConnector() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(30, TimeUnit.SECONDS);
        if (connector != null) {
            connector.after();
        }
        client.close();
        FarmView.containers(farm).list().forEach(server -> FarmView.containers(farm).destroy(server.vpsId()));
    }

    private void startConnector(ConfigOverride... more) throws Exception {
        connector = new DropwizardTestSupport<>(VpsConnectorApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                Stream.concat(Stream.of(
                        ConfigOverride.config("database.driverClass", "org.postgresql.Driver"),
                        ConfigOverride.config("database.url", postgres.url()),
                        ConfigOverride.config("database.user", DisposablePostgres.USER),
                        ConfigOverride.config("database.password", ""),
                        ConfigOverride.config("backends.container.farm", farm),
                        ConfigOverride.config("backends.hypervisor.farm", farm)), Stream.of(more))
                        .toArray(ConfigOverride[]::new));
        connector.before();
        controller = new ApsController(client, "http://127.0.0.1:" + connector.getLocalPort(), UUID.randomUUID());
        admin = AdminPort.of(client, connector);
        assertThat(controller.install().status()).isEqualTo(200);
    }

    @Test
    void whileTheDatabaseIsStoppedRequestsAnswer503PromptlyAndTheConnectorRecoversByItself() throws Exception {
        startConnector();
        UUID known = UUID.randomUUID();
        assertThat(provisionContainer(known).status()).isEqualTo(200);

        postgres.stop();
        List<UUID> newVpses = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<Future<Timed>> calls = new ArrayList<>();
        for (UUID id : newVpses) {
            calls.add(callers.submit(() -> timed(() -> provisionContainer(id))));
            calls.add(callers.submit(() -> timed(() -> retrieve(known))));
        }
        Duration slowest = Duration.ZERO;
        for (Future<Timed> call : calls) {
            Timed answer = call.get(PROMPT.toSeconds() + 20, TimeUnit.SECONDS);
            assertThat(answer.reply().status()).as(answer.toString()).isEqualTo(503);
            assertThat(answer.reply().body().path("code").asInt()).isEqualTo(503);
            assertThat(answer.reply().body().path("type").asText()).isEqualTo("ServiceUnavailable");
            assertThat(answer.took()).as("answered promptly: " + answer).isLessThan(PROMPT);
            slowest = answer.took().compareTo(slowest) > 0 ? answer.took() : slowest;
        }
        System.out.println("503 while the database was stopped: the slowest took " + slowest.toMillis() + " ms");
        Reply health = admin.health();
        assertThat(health.status()).isEqualTo(500);
        assertThat(health.body().path("database").path("healthy").asBoolean()).as(health.toString()).isFalse();

        postgres.startAgain();

        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250)).until(() -> retrieve(known).status() == 200);
        assertThat(retrieve(known).state()).isEqualTo("Running");
        for (UUID id : newVpses) {
            Reply provisioned = provisionContainer(id);
            assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(200);
            assertThat(provisioned.state()).isEqualTo("Running");
        }
        await().atMost(RECOVERY).until(() -> admin.health().body().path("database").path("healthy").asBoolean());
        assertThat(FarmView.containers(farm).list()).extracting(ServerStatus::vpsId)
                .containsExactlyInAnyOrderElementsOf(Stream.concat(Stream.of(known), newVpses.stream()).toList());
    }

    @Test
    void aDatabaseThatStopsAnsweringCostsARequestABoundedWaitAndA503NotAHungThread() throws Exception {
        startConnector();
        UUID known = UUID.randomUUID();
        assertThat(provisionContainer(known).status()).isEqualTo(200);

        List<Future<Timed>> calls = new ArrayList<>();
        postgres.freeze();
        try {
            for (int i = 0; i < 4; i++) {
                UUID id = UUID.randomUUID();
                calls.add(callers.submit(() -> timed(() -> provisionContainer(id))));
                calls.add(callers.submit(() -> timed(() -> retrieve(known))));
            }
            Duration slowest = Duration.ZERO;
            for (Future<Timed> call : calls) {
                Timed answer = call.get(HUNG.toSeconds() + 30, TimeUnit.SECONDS);
                assertThat(answer.reply().status()).as(answer.toString()).isEqualTo(503);
                assertThat(answer.took()).as("no request waits on the silent database for long: " + answer).isLessThan(HUNG);
                slowest = answer.took().compareTo(slowest) > 0 ? answer.took() : slowest;
            }
            System.out.println("503 while the database did not answer: the slowest took " + slowest.toMillis() + " ms");
            Timed health = timed(admin::health);
            assertThat(health.reply().body().path("database").path("healthy").asBoolean()).as(health.toString()).isFalse();
            assertThat(health.took()).isLessThan(HUNG);
        } finally {
            postgres.thaw();
        }

        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250)).until(() -> retrieve(known).status() == 200);
        UUID after = UUID.randomUUID();
        assertThat(provisionContainer(after).status()).isEqualTo(200);
    }

    @Test
    void sessionsEndedWhileProvisionsAreUnderWayGetACleanAnswerAndEveryVpsEndsWithOneServer() throws Exception {
        startConnector(ConfigOverride.config("backends.container.latency", "150ms"));
        List<UUID> ids = new ArrayList<>();
        List<Future<Timed>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            calls.add(callers.submit(() -> timed(() -> provisionContainer(id))));
        }
        int ended = 0;
        for (int i = 0; i < 6; i++) {
            ApsController.sleep(Duration.ofMillis(100));
            ended += postgres.terminateBackends();
        }
        assertThat(ended).as("sessions ended under the connector").isPositive();

        for (Future<Timed> call : calls) {
            Timed answer = call.get(60, TimeUnit.SECONDS);
            assertThat(answer.reply().status()).as(answer.toString()).isIn(200, 202, 503);
        }
        for (UUID id : ids) {
            Reply done = repeatUntilAnswered(id);
            assertThat(done.status()).as(done.toString()).isEqualTo(200);
            assertThat(done.state()).isEqualTo("Running");
        }
        assertThat(FarmView.containers(farm).list()).extracting(ServerStatus::vpsId)
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aContainerBuiltWhileTheDatabaseGoesAwayIsKeptAndItsProvisionSucceedsOnceTheDatabaseIsBack() throws Exception {
        // Creating and starting the container take 1.5 s each: time to stop the database in between.
        startConnector(ConfigOverride.config("backends.container.latency", "1500ms"),
                ConfigOverride.config("backends.callTimeout", "5s"),
                ConfigOverride.config("driver.leaseDuration", "10s"));
        UUID id = UUID.randomUUID();
        Future<Timed> provision = callers.submit(() -> timed(() -> provisionContainer(id)));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> FarmView.containers(farm).inspect(id).isPresent());

        postgres.stop();
        Timed answer = provision.get(30, TimeUnit.SECONDS);

        assertThat(answer.reply().status()).as(answer.toString()).isEqualTo(503);
        assertThat(FarmView.containers(farm).inspect(id)).as("the built container is kept").isPresent();

        postgres.startAgain();
        Reply done = repeatUntilAnswered(id);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.state()).isEqualTo("Running");
        assertThat(FarmView.containers(farm).list()).extracting(ServerStatus::vpsId).containsExactly(id);
        assertThat(FarmView.containers(farm).inspect(id).orElseThrow().running()).isTrue();
    }

    private Reply provisionContainer(UUID id) {
        return controller.send("POST", "/vpses", ApsController.vps("vps-container.json", id), "sync");
    }

    private Reply retrieve(UUID id) {
        return controller.send("GET", "/vpses/" + id, null, "sync");
    }

    /** The controller repeats a provision after a 503 and polls after a 202, until another answer. */
    private Reply repeatUntilAnswered(UUID id) {
        Instant giveUp = Instant.now().plus(RECOVERY);
        Reply reply = provisionContainer(id);
        while ((reply.status() == 202 || reply.status() == 503) && Instant.now().isBefore(giveUp)) {
            ApsController.sleep(Duration.ofMillis(300));
            reply = controller.send("POST", "/vpses", ApsController.vps("vps-container.json", id),
                    reply.status() == 202 ? "async" : "sync");
        }
        return reply;
    }

    private static Timed timed(java.util.function.Supplier<Reply> call) {
        Instant start = Instant.now();
        Reply reply = call.get();
        return new Timed(reply, Duration.between(start, Instant.now()));
    }

    private record Timed(Reply reply, Duration took) {
    }
}
