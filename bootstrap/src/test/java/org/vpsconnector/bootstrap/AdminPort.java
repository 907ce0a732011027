package org.vpsconnector.bootstrap;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Invocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.vpsconnector.bootstrap.ApsController.Reply;
import org.vpsconnector.bootstrap.admin.OperatorCredentials;

/** The operator's side of a running connector: health checks and admin tasks, with the operator's credentials. */
final class AdminPort {
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
        VpsConnectorConfiguration configuration = app.getConfiguration();
        String password = configuration.getAdmin().password();
        if (password == null) {
            try {
                password = Files.readString(configuration.getDataDirectory().resolve(OperatorCredentials.PASSWORD_FILE)).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new AdminPort(app.client(), app.getAdminPort(), configuration.getAdmin().user(), password);
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
        return post("/tasks/" + name);
    }

    Reply post(String path) {
        return Reply.of(request(path).post(null));
    }

    private Invocation.Builder request(String path) {
        Invocation.Builder request = client.target("http://127.0.0.1:" + port + path).request();
        if (user != null) {
            String credentials = user + ":" + password;
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }
}
