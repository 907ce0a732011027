package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default (config/vps-connector.yml, what scripts/run.sh starts) run as its own
 * process, twice on the same data directory, with no admin password in the environment: the first
 * start makes one in {@code data/admin-password}, readable by the service's user only, and says
 * where in the log; the second start uses the same one; neither log shows it.
 */
class EmbeddedDefaultAdminPasswordTest {
    private static final Pattern ADMIN_CONNECTOR = Pattern.compile("Started admin@\\S*\\{[^}]*\\}\\{[^}]*:(\\d+)\\}");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @Test
    void theFirstStartMakesAPrivatePasswordFileThatLaterStartsReuseAndNoLogShows() throws Exception {
        Path passwordFile = data.resolve("admin-password");
        String password;
        Path firstLog = data.resolve("first.out");
        try (Service first = Service.start(data, firstLog)) {
            password = Files.readString(passwordFile).strip();
            assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(first.get("/metrics", null)).isEqualTo(401);
            assertThat(first.get("/metrics", "operator:" + password)).isEqualTo(200);
            assertThat(first.post("/tasks/operations", "operator:" + password)).isEqualTo(200);
            assertThat(first.get("/healthcheck", null)).isEqualTo(200);
        }
        Path secondLog = data.resolve("second.out");
        try (Service second = Service.start(data, secondLog)) {
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(password);
            assertThat(second.get("/metrics", "operator:" + password)).isEqualTo(200);
            assertThat(second.post("/tasks/reconcile", "operator:wrong")).isEqualTo(401);
        }

        String first = Files.readString(firstLog);
        String second = Files.readString(secondLog);
        assertThat(first).contains(passwordFile.toAbsolutePath().toString()).doesNotContain(password);
        assertThat(second).contains(passwordFile.toAbsolutePath().toString()).doesNotContain(password);
    }

    /** The service as a process of its own on the embedded default, with its files under {@code data}. */
    private record Service(Process process, int adminPort) implements AutoCloseable {

        static Service start(Path data, Path log) throws IOException, InterruptedException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Ddw.dataDirectory=" + data,
                    "-Ddw.database.url=jdbc:h2:" + data.resolve("vps-connector"),
                    "-Ddw.server.applicationConnectors[0].port=0",
                    "-Ddw.server.adminConnectors[0].port=0",
                    VpsConnectorApplication.class.getName(), "server",
                    Path.of("..", "config", "vps-connector.yml").toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            List.of("VPS_ADMIN_USER", "VPS_ADMIN_PASSWORD", "VPS_DATA_DIRECTORY", "VPS_DATABASE_URL")
                    .forEach(builder.environment()::remove);
            Process process = builder.start();
            Instant giveUp = Instant.now().plusSeconds(90);
            while (Instant.now().isBefore(giveUp)) {
                Matcher started = ADMIN_CONNECTOR.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
                if (started.find()) {
                    return new Service(process, Integer.parseInt(started.group(1)));
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(200);
            }
            process.destroyForcibly().waitFor();
            throw new AssertionError("the service did not start; its output:\n" + Files.readString(log));
        }

        int get(String path, String credentials) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).GET(), credentials);
        }

        int post(String path, String credentials) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), credentials);
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + adminPort + path);
        }

        private static int send(HttpRequest.Builder request, String credentials) throws IOException, InterruptedException {
            if (credentials != null) {
                request.header("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            }
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        /** Stops the service the way an operator does, so the next start finds its database closed. */
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
