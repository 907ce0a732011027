package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * The admin port of the real application with no password configured: it made one under its data
 * directory, and answers 401 to anyone without it, on every path but the health check and ping.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OperatorCredentialsEndToEndTest {
    private static final Path DATA = temporaryDirectory();

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", "jdbc:h2:mem:admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("dataDirectory", DATA.toString()),
            ConfigOverride.config("admin.user", "night-shift"),
            ConfigOverride.config("admin.password", ""));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST /tasks/operations", "POST /tasks/retry-operation?id=6f1c0c59-3c2e-4bb6-9d4f-0d4b5c5d2a11",
            "POST /tasks/reconcile", "POST /tasks/gc", "POST /tasks/log-level?logger=ROOT&level=ALL", "POST /tasks/no-such-task",
            "GET /metrics", "GET /threads", "GET /pprof", "GET /", "GET /no-such-page", "GET /healthcheck/../metrics"})
    void everythingButTheHealthCheckNeedsTheOperatorsCredentials(String request) {
        AdminPort operator = AdminPort.of(APP);

        assertUnauthorized(send(operator.as(null, null), request));
        assertUnauthorized(send(operator.as("night-shift", "guess"), request));
        assertUnauthorized(send(operator.as("operator", storedPassword()), request));
        assertUnauthorized(send(operator.as("night-shift", storedPassword() + "x"), request));
        assertUnauthorized(send(operator.as("night-shift", ""), request));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST /tasks/operations", "POST /tasks/reconcile", "GET /metrics"})
    void theOperatorsCredentialsOpenTheTasksAndMetrics(String request) {
        Reply reply = send(AdminPort.of(APP), request);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-site", "Origin: http://attacker.example",
            "Origin: http://127.0.0.1:1", "Origin: not a URI"})
    void aChangeFromAnotherSitesPageIsRefusedEvenWithTheCredentials(String header) {
        String[] nameAndValue = header.split(": ", 2);

        Reply reply = AdminPort.of(APP).post("/tasks/operations", Map.of(nameAndValue[0], nameAndValue[1]));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
        assertThat(reply.body().path("message").asText()).contains("another site");
    }

    @Test
    void aChangeFromTheAdminPortsOwnPageGoesThrough() {
        AdminPort operator = AdminPort.of(APP);

        assertThat(operator.post("/tasks/operations", Map.of("Sec-Fetch-Site", "same-origin")).status()).isEqualTo(200);
        assertThat(operator.post("/tasks/operations", Map.of("Origin", "http://127.0.0.1:" + APP.getAdminPort())).status())
                .isEqualTo(200);
    }

    @Test
    void theHealthCheckStaysOpen() {
        Reply reply = AdminPort.of(APP).as(null, null).health();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @Test
    void theMadePasswordIsLongRandomAndKeptInAFileOnlyTheServiceCanRead() throws IOException {
        Path file = DATA.resolve("admin-password");

        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrderElementsOf(
                PosixFilePermissions.fromString("rw-------"));
        assertThat(storedPassword()).matches("[A-Za-z0-9_-]{32}");
        try (Stream<Path> files = Files.list(DATA)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("admin-password");
        }
    }

    @AfterAll
    static void removeTheDataDirectory() throws IOException {
        try (Stream<Path> files = Files.list(DATA)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(DATA);
    }

    private static void assertUnauthorized(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(reply.body().path("code").asInt()).isEqualTo(401);
    }

    private static Reply send(AdminPort port, String request) {
        String[] methodAndPath = request.split(" ", 2);
        return methodAndPath[0].equals("POST")
                ? port.post(methodAndPath[1])
                : port.get(methodAndPath[1]);
    }

    private static String storedPassword() {
        try {
            return Files.readString(DATA.resolve("admin-password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("vps-connector-admin-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
