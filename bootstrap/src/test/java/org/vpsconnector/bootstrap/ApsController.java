package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Plays the APS controller against a running connector: its headers, its polls after a 202. */
final class ApsController {
    static final String CONTROLLER_URI = "https://controller.example.net:6308/";
    static final ObjectMapper JSON = new ObjectMapper();

    private final Client client;
    private final String baseUrl;
    private final UUID instanceId;
    private final String controllerUri;

    ApsController(Client client, String baseUrl, UUID instanceId) {
        this(client, baseUrl, instanceId, CONTROLLER_URI);
    }

    /** A controller that gives {@code controllerUri} as its address, for the updates it receives. */
    ApsController(Client client, String baseUrl, UUID instanceId, String controllerUri) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.instanceId = instanceId;
        this.controllerUri = controllerUri;
    }

    UUID instanceId() {
        return instanceId;
    }

    /** A fixture body from {@code src/test/resources/aps/}, with fresh ids where the test asks for them. */
    static ObjectNode fixture(String name) {
        try (InputStream in = ApsController.class.getResourceAsStream("/aps/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode vps(String fixture, UUID id) {
        ObjectNode body = fixture(fixture);
        ((ObjectNode) body.get("aps")).put("id", id.toString());
        return body;
    }

    Reply install() {
        ObjectNode cloud = fixture("cloud-install.json");
        ((ObjectNode) cloud.get("aps")).put("id", instanceId.toString());
        return send("POST", "/clouds", cloud, "sync");
    }

    Reply send(String method, String path, JsonNode body, String phase) {
        return send(method, path, body, phase, UUID.randomUUID().toString());
    }

    Reply send(String method, String path, JsonNode body, String phase, String transactionId) {
        Invocation.Builder request = withControllerHeaders(client.target(baseUrl + path).request())
                .header("APS-Transaction-ID", transactionId)
                .header("APS-Request-Phase", phase)
                .header("APS-Version", "2.0");
        Response response = body == null
                ? request.method(method)
                : request.method(method, Entity.json(body.toString()));
        return Reply.of(response);
    }

    /** A POST as a broken client sends it: the body as it is, and only the headers that {@code headers} adds. */
    Reply postRaw(String path, Entity<?> body, UnaryOperator<Invocation.Builder> headers) {
        return Reply.of(headers.apply(client.target(baseUrl + path).request()).post(body));
    }

    /** The two headers every controller request must carry (protocol §4). */
    Invocation.Builder withControllerHeaders(Invocation.Builder request) {
        return request.header("APS-Controller-URI", controllerUri).header("APS-Instance-ID", instanceId.toString());
    }

    /** The first call of an operation, then its polls after every 202, until another answer. */
    Reply sendAndPoll(String method, String path, JsonNode body, Duration patience) {
        return sendAndPoll(method, path, body, patience, reply -> { });
    }

    /** As {@link #sendAndPoll(String, String, JsonNode, Duration)}, showing {@code each} every answer on the way. */
    Reply sendAndPoll(String method, String path, JsonNode body, Duration patience, Consumer<Reply> each) {
        Reply reply = send(method, path, body, "sync");
        each.accept(reply);
        Instant giveUp = Instant.now().plus(patience);
        while (reply.status() == 202) {
            assertThat(reply.header("APS-Retry-Timeout")).as("a 202 says when to come back").matches("[1-9][0-9]*");
            assertThat(reply.header("APS-Info")).as("a 202 says what is going on").isNotBlank();
            assertThat(Instant.now()).as("the operation ends within " + patience).isBefore(giveUp);
            // A real controller may poll one second after the 202, well before the advised timeout.
            sleep(Duration.ofMillis(300));
            reply = send(method, path, body, "async");
            each.accept(reply);
        }
        return reply;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, JsonNode body, Response raw) {
        static Reply of(Response response) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            JsonNode body;
            try {
                body = text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
            } catch (IOException notJson) {
                throw new AssertionError("answer is not JSON: " + text, notJson);
            }
            return new Reply(response.getStatus(), body, response);
        }

        String header(String name) {
            return raw.getHeaderString(name);
        }

        String state() {
            return body.path("state").asText();
        }

        String apsStatus() {
            return body.path("aps").path("status").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
