package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.adapters.apsrest.ApsRestApi;
import org.vpsconnector.application.port.out.ServerStatus;

/**
 * Over a thousand generated malformed and hostile requests against the connector on PostgreSQL:
 * none is answered with a 5xx or left without a full answer, every refusal carries an APS error
 * whose code is its status, and none changes a row or a server. Run with
 * {@code -Dhostile.seed=<seed>} to repeat a run; {@code -Dhostile.requests=<n>} for a longer one.
 */
class HostileRequestsEndToEndTest {
    private static final int REFUSED = Integer.getInteger("hostile.requests", 1100);
    private static final int REPEATS = 100;
    private static final Duration BOOT_TIME = Duration.ofMillis(1500);

    private final String farm = "hostile-" + UUID.randomUUID();
    private final Client client = ClientBuilder.newClient();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private PostgresSchema schema;
    private DropwizardTestSupport<VpsConnectorConfiguration> app;

    @BeforeEach
    void startTheConnectorOnItsOwnSchema() throws Exception {
        schema = PostgresSchema.create("hostile");
        app = schema.connector(farm);
        app.before();
    }

    @AfterEach
    void stop() {
        try {
            app.after();
            client.close();
        } finally {
            schema.close();
        }
    }

    @Test
    void hostileRequestsAreRefusedWithAnApsErrorAndChangeNothing() throws Exception {
        HostileRequests.Known known = controllerMadeAnInstanceAContextAContainerAndAVm();
        Snapshot before = snapshot();

        long seed = Long.getLong("hostile.seed", new Random().nextLong());
        System.out.println("Hostile requests: seed " + seed + " (repeat with -Dhostile.seed=" + seed + ")");
        List<HostileRequest> requests = new HostileRequests(new Random(seed), known).generate(REFUSED, REPEATS);

        Map<String, Integer> refusedByStatus = new TreeMap<>();
        Map<String, Integer> repeatsByStatus = new TreeMap<>();
        Map<String, Integer> byFamily = new TreeMap<>();
        Map<String, Long> millisByFamily = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            HostileRequest request = requests.get(i);
            long start = System.nanoTime();
            Answer answer = send(request);
            millisByFamily.merge(request.family(), (System.nanoTime() - start) / 1_000_000, Long::sum);
            String problem = problemWith(request, answer);
            Snapshot after = snapshot();
            if (!after.equals(before)) {
                problem = problem != null ? problem : "it changed the database or the servers";
                before = after;
            }
            if (problem != null) {
                failures.add(problem + "\n    request " + i + ": " + request + "\n    answer:  " + answer
                        + (i > 0 ? "\n    after:   " + requests.get(i - 1) : ""));
            }
            (request.mustBeRefused() ? refusedByStatus : repeatsByStatus).merge(String.valueOf(answer.status()), 1, Integer::sum);
            byFamily.merge(request.family() + " " + answer.status(), 1, Integer::sum);
        }
        // Work accepted in the background would show a little later.
        ApsController.sleep(Duration.ofSeconds(1));
        assertThat(snapshot()).as("nothing changes after the last request either").isEqualTo(before);

        System.out.println("Hostile requests that must be refused: " + REFUSED + ", by status " + refusedByStatus);
        System.out.println("Repeats of the controller's own requests in other legal forms: " + REPEATS
                + ", by status " + repeatsByStatus);
        System.out.println("By family and status: " + byFamily);
        System.out.println("Milliseconds spent answering, by family: " + millisByFamily);
        assertThat(failures).as("requests answered wrongly (seed " + seed + ")").isEmpty();
    }

    private HostileRequests.Known controllerMadeAnInstanceAContextAContainerAndAVm() {
        ApsController controller = new ApsController(client, baseUrl(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        UUID context = UUID.randomUUID();
        var contextBody = ApsController.fixture("context-provision.json");
        contextBody.with("aps").put("id", context.toString());
        assertThat(controller.send("POST", "/contexts", contextBody, "sync").status()).isEqualTo(200);
        UUID container = UUID.randomUUID();
        var containerBody = ApsController.vps("vps-container.json", container);
        containerBody.with("context").with("aps").put("id", context.toString());
        assertThat(controller.send("POST", "/vpses", containerBody, "sync").status()).isEqualTo(200);
        UUID vm = UUID.randomUUID();
        var vmBody = ApsController.vps("vps-vm.json", vm);
        vmBody.with("context").with("aps").put("id", context.toString());
        assertThat(controller.sendAndPoll("POST", "/vpses", vmBody, Duration.ofSeconds(30)).status()).isEqualTo(200);
        return new HostileRequests.Known(controller.instanceId(), context, container, vm, ApsRestApi.DEFAULT_MAX_BODY_BYTES);
    }

    private Answer send(HostileRequest request) {
        HttpRequest.BodyPublisher body = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : request.chunked()
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()))
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), body);
        request.headers().forEach(header -> builder.header(header.getKey(), header.getValue()));
        try {
            HttpResponse<byte[]> response;
            try {
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException staleConnection) {
                // The client may pick a pooled connection that the server closed after refusing the
                // previous request unread; it then sees no bytes. A controller sends again, and so do we,
                // once: a server that drops the request itself drops it again.
                if (!String.valueOf(staleConnection.getMessage()).contains("received no bytes")) {
                    throw staleConnection;
                }
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            }
            return new Answer(response.statusCode(), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new Answer(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String problemWith(HostileRequest request, Answer answer) {
        if (answer.failure() != null) {
            return "no full answer: " + answer.failure();
        }
        if (answer.status() >= 500) {
            return "answered with " + answer.status();
        }
        if (request.mustBeRefused() && answer.status() < 400) {
            return "accepted with " + answer.status();
        }
        if (!request.mustBeRefused() && answer.status() >= 300) {
            return "a repeat was refused with " + answer.status();
        }
        if (answer.status() >= 400) {
            JsonNode error;
            try {
                error = ApsController.JSON.readTree(answer.body());
            } catch (IOException notJson) {
                return "the refusal is not JSON";
            }
            if (error == null || !error.path("code").isInt() || error.path("code").intValue() != answer.status()
                    || !error.path("type").isTextual() || error.path("type").asText().isBlank()
                    || !error.path("message").isTextual()) {
                return "the refusal is not an APS error with code " + answer.status();
            }
        }
        return null;
    }

    private Snapshot snapshot() {
        List<ServerStatus> servers = Stream.concat(FarmView.containers(farm).list().stream(),
                        FarmView.hypervisor(farm, BOOT_TIME).list().stream())
                .sorted(java.util.Comparator.comparing(ServerStatus::vpsId))
                .toList();
        return new Snapshot(writtenByRequests(schema.contents()), servers);
    }

    /**
     * The rows as requests write them: the usage meter rewrites vps_usage and the dispatcher the
     * delivery columns of controller_updates in the background, whatever the requests do.
     */
    private static Map<String, List<String>> writtenByRequests(Map<String, List<String>> rows) {
        Map<String, List<String>> written = new TreeMap<>(rows);
        written.remove("vps_usage");
        written.computeIfPresent("controller_updates", (table, updates) -> updates.stream()
                .map(update -> update.contains(", status=") ? update.substring(0, update.indexOf(", status=")) : update)
                .toList());
        return written;
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + app.getLocalPort();
    }

    private record Snapshot(Map<String, List<String>> rows, List<ServerStatus> servers) {
    }

    private record Answer(int status, String body, String failure) {
        @Override
        public String toString() {
            return failure != null ? failure : status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }
}
