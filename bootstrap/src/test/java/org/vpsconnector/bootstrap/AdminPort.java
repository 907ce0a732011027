package org.vpsconnector.bootstrap;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import java.util.Map;
import org.glassfish.jersey.client.ClientProperties;
import org.vpsconnector.bootstrap.ApsController.Reply;

/** The operator's side of a running connector: health checks and admin tasks. */
final class AdminPort {
    private static final int TASK_TIMEOUT_MILLIS = 60_000;

    private final Client client;
    private final String baseUrl;

    AdminPort(Client client, int port) {
        this.client = client;
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    Reply health() {
        return Reply.of(client.target(baseUrl + "/healthcheck").request().get());
    }

    Reply task(String name) {
        return task(name, Map.of());
    }

    Reply task(String name, Map<String, String> parameters) {
        WebTarget target = client.target(baseUrl + "/tasks/" + name);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            target = target.queryParam(parameter.getKey(), parameter.getValue());
        }
        // A task may look at every server of a backend: longer than a controller request may take.
        return Reply.of(target.request().property(ClientProperties.READ_TIMEOUT, TASK_TIMEOUT_MILLIS).post(null));
    }
}
