package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.codec.digest.Crypt;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.vpsconnector.adapters.persistence.SecretSealing;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * The customer's login, the operating system and the address, through the running connector on
 * PostgreSQL and the fake backends: keys shown, the password never shown, logged nor stored as
 * text, an OS not offered refused, the address served, and how a configure went in APS-Info.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginAndAddressEndToEndTest {
    // Distinctive, so that any trace of them is found.
    private static final String PASSWORD = "Pw-Zebra-Quartz-7731-unlogged";
    private static final String OTHER_PASSWORD = "Pw-Walrus-Meadow-4410-unlogged";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String farm = "login-" + UUID.randomUUID();
    private final Client client = ClientBuilder.newClient();
    private final CapturedLines lines = new CapturedLines();
    private final List<String> answers = new ArrayList<>();
    private PostgresSchema schema;
    private DropwizardTestSupport<VpsConnectorConfiguration> app;
    private Handle database;
    private ApsController controller;
    private final UUID container = UUID.randomUUID();
    private final UUID vm = UUID.randomUUID();

    @BeforeAll
    void startTheConnectorCapturingItsLog() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        lines.setContext(logging);
        lines.start();
        schema = PostgresSchema.create("login");
        app = schema.connector(farm);
        app.before();
        // After the start: Dropwizard sets up the logging anew when it starts.
        logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(lines);
        logging.getLogger("org.vpsconnector").setLevel(Level.DEBUG);
        database = Jdbi.create(schema.url(), TestPostgres.user(), TestPostgres.password()).open();
        controller = new ApsController(client, "http://127.0.0.1:" + app.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(lines);
        try (Handle closing = database) {
            app.after();
            client.close();
        } finally {
            schema.close();
        }
    }

    @Test
    @Order(1)
    void aContainerProvisionedWithALoginShowsItsKeysItsSystemAndItsAddressNeverThePassword() {
        Reply provisioned = send("POST", "/vpses", withLogin(ApsController.vps("vps-container.json", container),
                List.of(GuestKeys.ED25519), PASSWORD), "sync");

        assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(200);
        Reply retrieved = send("GET", "/vpses/" + container, null, "sync");
        for (Reply reply : List.of(provisioned, retrieved)) {
            JsonNode vps = reply.body();
            assertThat(vps.path("login")).as(reply.toString()).isEqualTo(ApsController.JSON.createObjectNode()
                    .set("sshKeys", ApsController.JSON.createArrayNode().add(GuestKeys.ED25519)));
            assertThat(vps.path("network").path("ipv4").asText()).as(reply.toString()).matches("10\\.88\\.\\d+\\.\\d+");
            assertThat(vps.path("platform").path("OS").path("name").asText()).isEqualTo("debian");
            assertThat(reply.toString()).doesNotContain("password").doesNotContain("$6$");
        }
        assertThat(stored(container, "password_hash")).as("sealed").startsWith("aes-gcm:").doesNotContain("$6$");
        String hash = passwordHash(container);
        assertThat(hash).startsWith("$6$");
        assertThat(Crypt.crypt(PASSWORD, hash)).as("the stored hash is of the password").isEqualTo(hash);
        assertThat(stored(container, "ssh_keys")).isEqualTo(GuestKeys.ED25519);
    }

    @Test
    @Order(2)
    void aVmWithoutAnOsGetsTheDefaultAndShowsItsAddressOnceBooted() {
        ObjectNode body = withLogin(ApsController.vps("vps-vm.json", vm), List.of(GuestKeys.ED25519, GuestKeys.ECDSA), PASSWORD);
        ((ObjectNode) body.get("platform")).remove("OS");

        Reply accepted = send("POST", "/vpses", body, "sync");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.body().has("network")).as("no address before the guest runs: " + accepted).isFalse();
        Reply done = poll("POST", "/vpses", body);

        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.body().path("platform").path("OS")).as("the system the customer got")
                .isEqualTo(ApsController.JSON.createObjectNode().put("name", "debian").put("version", "12"));
        assertThat(done.body().path("platform").path("arch").asText()).isEqualTo("x86_64");
        assertThat(done.body().path("network").path("ipv4").asText()).matches("10\\.122\\.\\d+\\.\\d+");
        assertThat(done.body().path("login").path("sshKeys")).hasSize(2);
    }

    @Test
    @Order(3)
    void anOsTheConfigurationDoesNotOfferIs400AndNothingIsStored() {
        UUID refused = UUID.randomUUID();
        ObjectNode body = withLogin(ApsController.vps("vps-container.json", refused), List.of(GuestKeys.ED25519), PASSWORD);
        ((ObjectNode) body.get("platform").get("OS")).put("name", "windows").put("version", "2022");

        Reply reply = send("POST", "/vpses", body, "sync");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.body().path("type").asText()).isEqualTo("InvalidRequest");
        assertThat(reply.body().path("message").asText()).contains("windows 2022").contains("debian 12");
        assertThat(database.createQuery("SELECT COUNT(*) FROM vpses WHERE id = :id").bind("id", refused)
                .mapTo(Integer.class).one()).isZero();
        assertThat(send("GET", "/vpses/" + refused, null, "sync").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aConfigureKeepsWhatItLeavesOutOfTheLoginAndSaysHowItWent() {
        String hash = passwordHash(container);
        ObjectNode body = ApsController.vps("vps-container.json", container);

        Reply withoutLogin = send("PUT", "/vpses/" + container, body, "sync");
        assertThat(withoutLogin.status()).as(withoutLogin.toString()).isEqualTo(200);
        assertThat(withoutLogin.body().path("login").path("sshKeys").get(0).asText()).isEqualTo(GuestKeys.ED25519);
        assertThat(passwordHash(container)).isEqualTo(hash);

        Reply keysOnly = send("PUT", "/vpses/" + container, withLogin(body.deepCopy(), List.of(GuestKeys.ECDSA), null), "sync");
        assertThat(keysOnly.status()).as(keysOnly.toString()).isEqualTo(200);
        assertThat(keysOnly.header("APS-Info")).isEqualTo("Configuration done: configured without a restart");
        assertThat(keysOnly.body().path("login").path("sshKeys")).hasSize(1);
        assertThat(keysOnly.body().path("login").path("sshKeys").get(0).asText()).isEqualTo(GuestKeys.ECDSA);
        assertThat(passwordHash(container)).as("the password is kept").isEqualTo(hash);

        Reply passwordOnly = send("PUT", "/vpses/" + container, withLogin(body.deepCopy(), null, OTHER_PASSWORD), "sync");
        assertThat(passwordOnly.status()).as(passwordOnly.toString()).isEqualTo(200);
        assertThat(passwordOnly.body().path("login").path("sshKeys").get(0).asText()).as("the keys are kept").isEqualTo(GuestKeys.ECDSA);
        String changed = passwordHash(container);
        assertThat(Crypt.crypt(OTHER_PASSWORD, changed)).isEqualTo(changed);

        ((ObjectNode) body.get("hardware")).put("memory", 2);
        Reply resized = send("PUT", "/vpses/" + container, body, "sync");
        assertThat(resized.status()).as(resized.toString()).isEqualTo(200);
        assertThat(resized.header("APS-Info")).isEqualTo("Configuration done: configured without a restart");
        assertThat(passwordHash(container)).isEqualTo(changed);
    }

    @Test
    @Order(5)
    void aVmWhoseHardwareChangesWhileRunningIsRestartedAndTheFinalPollSaysSo() {
        ObjectNode body = ApsController.vps("vps-vm.json", vm);
        ((ObjectNode) body.get("platform")).remove("OS");
        ((ObjectNode) body.get("hardware")).put("memory", 4);

        Reply accepted = send("PUT", "/vpses/" + vm, body, "sync");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        Reply done = poll("PUT", "/vpses/" + vm, body);

        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.header("APS-Info")).isEqualTo("Configuration done: the server was restarted to apply the new hardware");
        assertThat(done.body().path("login").path("sshKeys")).as("kept").hasSize(2);
        assertThat(done.body().path("network").path("ipv4").asText()).matches("10\\.122\\.\\d+\\.\\d+");
    }

    @Test
    @Order(6)
    void aConfigureThatChangesTheOsIs400() {
        ObjectNode body = ApsController.vps("vps-container.json", container);
        ((ObjectNode) body.get("hardware")).put("memory", 2);
        ((ObjectNode) body.get("platform").get("OS")).put("name", "ubuntu").put("version", "22.04");

        Reply reply = send("PUT", "/vpses/" + container, body, "sync");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.body().path("message").asText()).contains("platform.OS");
        assertThat(send("GET", "/vpses/" + container, null, "sync").body().path("platform").path("OS").path("name").asText())
                .isEqualTo("debian");
    }

    @Test
    @Order(7)
    void invalidLoginsAreRefusedWithoutQuotingThePassword() {
        ObjectNode badKey = withLogin(ApsController.vps("vps-container.json", container), List.of("ssh-dss AAAA"), PASSWORD);
        ObjectNode longPassword = withLogin(ApsController.vps("vps-container.json", container), null, PASSWORD + "x".repeat(300));
        ObjectNode controlCharacter = withLogin(ApsController.vps("vps-container.json", container), null, PASSWORD + "\n");
        ObjectNode passwordAsObject = ApsController.vps("vps-container.json", container);
        passwordAsObject.putObject("login").putObject("password").put("text", PASSWORD);
        for (ObjectNode body : List.of(badKey, longPassword, controlCharacter, passwordAsObject)) {
            Reply provision = send("POST", "/vpses", body.deepCopy().<ObjectNode>set("aps",
                    ((ObjectNode) body.get("aps")).deepCopy().put("id", UUID.randomUUID().toString())), "sync");
            Reply configure = send("PUT", "/vpses/" + container, body, "sync");
            assertThat(provision.status()).as(provision.toString()).isEqualTo(400);
            assertThat(configure.status()).as(configure.toString()).isEqualTo(400);
        }
        String unquoted = ApsController.vps("vps-container.json", container).toString()
                .replaceFirst("\\{", "{\"login\": {\"password\": " + PASSWORD + "}, ");
        Reply malformed = Reply.of(controller.withControllerHeaders(client.target("http://127.0.0.1:" + app.getLocalPort()
                + "/vpses/" + container).request()).header("APS-Request-Phase", "sync").put(Entity.json(unquoted)));
        answers.add(malformed.toString());
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
    }

    @Test
    @Order(8)
    void thePasswordsAppearInNoLogLineNoAnswerAndNoStoredText() {
        List<String> logged = lines.texts();
        assertThat(logged).as("lines were captured").isNotEmpty();
        Map<String, List<String>> stored = schema.contents();
        assertThat(stored.get("vpses")).as("the database was read").isNotEmpty();
        for (String password : List.of(PASSWORD, OTHER_PASSWORD)) {
            assertThat(logged).as("log lines").noneMatch(line -> line.contains(password));
            assertThat(answers).as("answers").noneMatch(answer -> answer.contains(password));
            stored.forEach((table, rows) -> assertThat(rows).as("rows of " + table).noneMatch(row -> row.contains(password)));
        }
        stored.forEach((table, rows) -> assertThat(rows).as("rows of " + table + ": the hash is sealed")
                .noneMatch(row -> row.contains("$6$")));
    }

    private Reply send(String method, String path, JsonNode body, String phase) {
        Reply reply = controller.send(method, path, body, phase);
        answers.add(reply.toString() + " " + reply.raw().getHeaders());
        return reply;
    }

    private Reply poll(String method, String path, JsonNode body) {
        Reply reply;
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        do {
            ApsController.sleep(Duration.ofMillis(300));
            reply = send(method, path, body, "async");
        } while (reply.status() == 202 && System.nanoTime() < giveUp);
        return reply;
    }

    private String stored(UUID id, String column) {
        return database.createQuery("SELECT " + column + " FROM vpses WHERE id = :id").bind("id", id)
                .mapTo(String.class).one();
    }

    /** Root's password hash as stored, opened with the connector's sealing key. */
    private String passwordHash(UUID id) {
        return new SecretSealing(app.getConfiguration().getAps().getCertificates().sealingKey())
                .open(id, stored(id, "password_hash"));
    }

    private static ObjectNode withLogin(ObjectNode vps, List<String> keys, String password) {
        ObjectNode login = vps.putObject("login");
        if (keys != null) {
            keys.forEach(login.putArray("sshKeys")::add);
        }
        if (password != null) {
            login.put("password", password);
        }
        return vps;
    }

    /** Every line logged, with its arguments, its marks and its exception. */
    private static final class CapturedLines extends AppenderBase<ILoggingEvent> {
        private final List<String> texts = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                text.append(' ').append(cause.getClassName()).append(": ").append(cause.getMessage());
            }
            texts.add(text.toString());
        }

        List<String> texts() {
            return List.copyOf(texts);
        }
    }
}
