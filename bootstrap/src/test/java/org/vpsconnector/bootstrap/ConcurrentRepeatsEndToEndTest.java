package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A controller that sends the same install or context provision several times at once (a retry
 * racing the first try) gets the same answer for each, never a 500: the requests that lose the
 * race to insert the record answer as repeats. On PostgreSQL, where the race is real.
 */
class ConcurrentRepeatsEndToEndTest {
    private static final int AT_ONCE = 12;
    private static final int ROUNDS = 5;

    private final String farm = "repeats-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService threads = Executors.newFixedThreadPool(AT_ONCE);
    private PostgresSchema schema;
    private DropwizardTestSupport<VpsConnectorConfiguration> app;

    @BeforeEach
    void startTheConnectorOnItsOwnSchema() throws Exception {
        schema = PostgresSchema.create("repeats");
        app = schema.connector(farm);
        app.before();
    }

    @AfterEach
    void stop() {
        try {
            threads.shutdownNow();
            app.after();
        } finally {
            schema.close();
        }
    }

    @Test
    void identicalInstallsAndContextProvisionsAtOnceAreAllAnsweredAsRepeats() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            UUID instance = UUID.randomUUID();
            ObjectNode cloud = ApsController.fixture("cloud-install.json");
            cloud.with("aps").put("id", instance.toString());
            assertThat(atOnce(instance, "/clouds", cloud)).as("installs of one instance at once").containsOnly(200);

            ObjectNode context = ApsController.fixture("context-provision.json");
            context.with("aps").put("id", UUID.randomUUID().toString());
            assertThat(atOnce(instance, "/contexts", context)).as("provisions of one context at once").containsOnly(200);
        }
        assertThat(schema.contents().get("application_instances")).hasSize(ROUNDS);
        assertThat(schema.contents().get("subscription_contexts")).hasSize(ROUNDS);
    }

    private List<Integer> atOnce(UUID instance, String path, ObjectNode body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("APS-Instance-ID", instance.toString())
                .header("APS-Controller-URI", ApsController.CONTROLLER_URI)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            answers.add(threads.submit(() -> {
                start.await();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isLessThan(500);
                return response.statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        return statuses;
    }
}
