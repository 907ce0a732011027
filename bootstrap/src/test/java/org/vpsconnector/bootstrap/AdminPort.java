package org.vpsconnector.bootstrap;

import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.client.ClientProperties;
import org.vpsconnector.bootstrap.ApsController.Reply;
import org.vpsconnector.bootstrap.admin.OperatorCredentials;

/** The operator's side of a running connector: health checks and admin tasks, with the operator's credentials. */
final class AdminPort {
    private static final int TASK_TIMEOUT_MILLIS = 60_000;

    private final Client client;
    private final int port;
    private final String user;
    private final String password;

    AdminPort(Client client, int port, String user, String password) {
        this.client = client;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** The admin port of a running application, with the password it was configured with or made itself. */
    static AdminPort of(DropwizardAppExtension<VpsConnectorConfiguration> app) {
        return of(app.client(), app.getAdminPort(), app.getConfiguration());
    }

    static AdminPort of(Client client, DropwizardTestSupport<VpsConnectorConfiguration> app) {
        return of(client, app.getAdminPort(), app.getConfiguration());
    }

    private static AdminPort of(Client client, int port, VpsConnectorConfiguration configuration) {
        String password = configuration.getAdmin().password();
        if (password == null) {
            try {
                password = Files.readString(configuration.getDataDirectory().resolve(OperatorCredentials.PASSWORD_FILE)).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new AdminPort(client, port, configuration.getAdmin().user(), password);
    }

    /** The same port with other credentials; null for none. */
    AdminPort as(String otherUser, String otherPassword) {
        return new AdminPort(client, port, otherUser, otherPassword);
    }

    Reply health() {
        return get("/healthcheck");
    }

    Reply get(String path) {
        return Reply.of(request(path).get());
    }

    Reply task(String name) {
        return task(name, Map.of());
    }

    Reply task(String name, Map<String, String> parameters) {
        WebTarget target = client.target("http://127.0.0.1:" + port + "/tasks/" + name);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            target = target.queryParam(parameter.getKey(), parameter.getValue());
        }
        // A task may look at every server of a backend: longer than a controller request may take.
        return Reply.of(authorised(target.request()).property(ClientProperties.READ_TIMEOUT, TASK_TIMEOUT_MILLIS).post(null));
    }

    /** A task that answers one JSON object a line: its status and the lines, each parsed. */
    Lines taskLines(String name, Map<String, String> parameters) {
        WebTarget target = client.target("http://127.0.0.1:" + port + "/tasks/" + name);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            target = target.queryParam(parameter.getKey(), parameter.getValue());
        }
        Response response = authorised(target.request()).property(ClientProperties.READ_TIMEOUT, TASK_TIMEOUT_MILLIS).post(null);
        String text = response.readEntity(String.class);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(ApsController.JSON.readTree(line));
                } catch (IOException notJson) {
                    throw new AssertionError("a line is not JSON: " + line, notJson);
                }
            }
        }
        return new Lines(response.getStatus(), lines);
    }

    record Lines(int status, List<JsonNode> lines) {
    }

    Reply post(String path) {
        return Reply.of(request(path).post(null));
    }

    /** A POST with headers of a browser's own, as a page would send it. */
    Reply post(String path, Map<String, String> headers) {
        Invocation.Builder request = request(path);
        headers.forEach(request::header);
        return Reply.of(request.post(null));
    }

    private Invocation.Builder request(String path) {
        return authorised(client.target("http://127.0.0.1:" + port + path).request());
    }

    private Invocation.Builder authorised(Invocation.Builder request) {
        if (user != null) {
            String credentials = user + ":" + password;
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }
}
