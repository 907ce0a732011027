package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import jakarta.ws.rs.client.Entity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.vpsconnector.bootstrap.ApsController.Reply;
import org.vpsconnector.bootstrap.logging.MdcLogContext;

/**
 * Every line the connector writes while serving a controller request, and every line of the
 * operation the request started (driver, steps, fake backends on their call threads), carries the
 * request's APS-Transaction-ID and APS-Instance-ID; so does the request log.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TraceableLogEndToEndTest {
    private static final String FARM = "traceable-" + UUID.randomUUID();
    private static final Path REQUEST_LOG = requestLogFile();

    // The first call to the hypervisor fails: the VM's provision is retried in the background. No
    // usage readings meanwhile: one of an earlier test's VM could take the failure instead.
    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, withRequestLogIn(REQUEST_LOG),
            ConfigOverride.config("database.url", "jdbc:h2:mem:" + FARM + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.farm", FARM),
            ConfigOverride.config("backends.hypervisor.farm", FARM),
            ConfigOverride.config("backends.hypervisor.failNextCalls", "1"),
            ConfigOverride.config("usage.interval", "1h"),
            ConfigOverride.config("logging.level", "INFO"));

    private static final CapturedLines LINES = new CapturedLines();
    private static ApsController controller;

    @BeforeAll
    static void captureTheLogAndInstall() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        LINES.setContext(logging);
        LINES.start();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(LINES);
        logging.getLogger("org.vpsconnector").setLevel(Level.DEBUG);
        controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
    }

    @AfterAll
    static void stopCapturing() throws IOException {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(LINES);
        Files.deleteIfExists(REQUEST_LOG);
    }

    @BeforeEach
    void forgetEarlierLines() {
        LINES.clear();
    }

    @Test
    void everyLineOfASyncContainerProvisionCarriesTheRequestsIds() {
        String transaction = "txn-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();

        Reply reply = send("POST", "/vpses", ApsController.vps("vps-container.json", id), transaction);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<ILoggingEvent> lines = LINES.all();
        assertThat(lines).as("the attempt in the request, its backend calls and its outcome are logged")
                .anyMatch(onThread("in-request-attempt-"))
                .anyMatch(onThread("container-call-").and(saying("create the server of VPS " + id)))
                .anyMatch(saying("of VPS " + id + ") succeeded"));
        assertThat(lines).as("every line written while the request was served")
                .allSatisfy(line -> assertMarked(line, transaction));
    }

    @Test
    void everyLineOfAVmDrivenInTheBackgroundAfterAFailureCarriesTheIdsOfTheRequestThatStartedIt() {
        String transaction = "txn-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();

        Reply accepted = send("POST", "/vpses", ApsController.vps("vps-vm.json", id), transaction);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                send("GET", "/vpses/" + id, null, "poll-" + UUID.randomUUID()).state().equals("Running"));
        // The success is said once it is recorded, a moment after a poll may see it.
        await().atMost(Duration.ofSeconds(5)).until(() -> LINES.all().stream().anyMatch(saying("of VPS " + id + ") succeeded")));

        List<ILoggingEvent> operation = LINES.all().stream()
                .filter(onThread("operation-worker").or(onThread("hypervisor-call-"))).toList();
        assertThat(operation).as("the driver's attempts, the injected failure and its retry, the success")
                .anyMatch(onThread("hypervisor-call-").and(saying("fault injected")))
                .anyMatch(saying("attempt 1 failed, tried again"))
                .anyMatch(onThread("hypervisor-call-").and(saying("create the server of VPS " + id)))
                .anyMatch(saying("of VPS " + id + ") succeeded"));
        assertThat(operation).allSatisfy(line -> assertMarked(line, transaction));
        assertThat(LINES.updatesToTheController()).as("the updates of the VPS sent to the controller")
                .filteredOn(saying(id.toString()))
                .allSatisfy(line -> assertMarked(line, transaction));
    }

    @Test
    void theLinesOfTwoConcurrentRequestsAreNeverMixed() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String firstTransaction = "txn-" + first;
        String secondTransaction = "txn-" + second;

        CompletableFuture<Reply> one = CompletableFuture.supplyAsync(() ->
                send("POST", "/vpses", ApsController.vps("vps-container.json", first), firstTransaction));
        CompletableFuture<Reply> other = CompletableFuture.supplyAsync(() ->
                send("POST", "/vpses", ApsController.vps("vps-container.json", second), secondTransaction));

        assertThat(one.join().status()).isEqualTo(200);
        assertThat(other.join().status()).isEqualTo(200);
        List<ILoggingEvent> lines = LINES.all();
        assertThat(lines).filteredOn(saying(first.toString())).isNotEmpty()
                .allSatisfy(line -> assertMarked(line, firstTransaction));
        assertThat(lines).filteredOn(saying(second.toString())).isNotEmpty()
                .allSatisfy(line -> assertMarked(line, secondTransaction));
        assertThat(lines).allMatch(line -> List.of(firstTransaction, secondTransaction)
                .contains(line.getMDCPropertyMap().get(MdcLogContext.TRANSACTION_ID)));
    }

    @Test
    void anErrorAnswerIsLoggedWithTheRequestsIds() {
        String transaction = "txn-" + UUID.randomUUID();

        Reply missing = send("GET", "/vpses/" + UUID.randomUUID(), null, transaction);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(LINES.all()).anyMatch(saying("Answered 404")).allSatisfy(line -> assertMarked(line, transaction));
    }

    @Test
    void anInstanceIdInUpperCaseIsMarkedAsTheOperationsLinesMarkIt() {
        String transaction = "txn-" + UUID.randomUUID();

        Reply missing = Reply.of(APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/vpses/" + UUID.randomUUID())
                .request()
                .header("APS-Controller-URI", ApsController.CONTROLLER_URI)
                .header("APS-Instance-ID", controller.instanceId().toString().toUpperCase(java.util.Locale.ROOT))
                .header("APS-Transaction-ID", transaction)
                .get());

        assertThat(missing.status()).isEqualTo(404);
        assertThat(LINES.all()).anyMatch(saying("Answered 404")).allSatisfy(line -> assertMarked(line, transaction));
    }

    @Test
    void aRefusedBodyIsLoggedWithTheRequestsIds() {
        String transaction = "txn-" + UUID.randomUUID();

        Reply refused = controller.postRaw("/vpses", Entity.entity("{}", "application/json; charset=ISO-8859-1"),
                request -> controller.withControllerHeaders(request).header("APS-Transaction-ID", transaction));

        assertThat(refused.status()).isEqualTo(415);
        assertThat(LINES.all()).anyMatch(saying("Answered 415")).allSatisfy(line -> assertMarked(line, transaction));
    }

    @Test
    void hostileHeadersAreCleanedAndCutBeforeTheyReachALine() throws IOException {
        // Bytes a client can put in a header value that some log readers take for line breaks
        // (NEL, U+2028 in UTF-8), and far more than any id.
        String value = "forged\u00c2\u0085line\u00e2\u0080\u00a8" + "x".repeat(2000);

        int status = rawGet("/vpses/" + UUID.randomUUID(), value);

        assertThat(status).isEqualTo(404);
        List<ILoggingEvent> lines = LINES.all();
        assertThat(lines).anyMatch(saying("Answered 404"));
        assertThat(lines).allSatisfy(line -> {
            String marked = line.getMDCPropertyMap().get(MdcLogContext.TRANSACTION_ID);
            assertThat(marked).startsWith("forged").hasSizeLessThanOrEqualTo(MdcLogContext.MAX_LENGTH)
                    .doesNotContain("\u0085", "\u0080", "\u2028", "\r", "\n");
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(requestLog())
                .anyMatch(line -> line.contains("txn=forged")).noneMatch(line -> line.contains("x".repeat(200))));
    }

    @Test
    void theRequestLogNamesTheTransactionAndInstanceOfEveryRequest() {
        String transaction = "txn-" + UUID.randomUUID();

        send("GET", "/vpses/" + UUID.randomUUID(), null, transaction);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(requestLog())
                .anyMatch(line -> line.contains("\"GET /vpses/") && line.endsWith("txn=" + transaction
                        + " instance=" + controller.instanceId())));
    }

    private static Reply send(String method, String path, Object body, String transaction) {
        var request = controller.withControllerHeaders(APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request())
                .header("APS-Transaction-ID", transaction)
                .header("APS-Request-Phase", "sync");
        return Reply.of(body == null ? request.method(method) : request.method(method, Entity.json(body.toString())));
    }

    /** A GET whose APS-Transaction-ID is sent byte by byte as given (ISO-8859-1), past any client's checks. */
    private static int rawGet(String path, String transactionHeader) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "APS-Controller-URI: " + ApsController.CONTROLLER_URI + "\r\n"
                    + "APS-Instance-ID: " + controller.instanceId() + "\r\n"
                    + "APS-Transaction-ID: " + transactionHeader + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst().orElseThrow();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static void assertMarked(ILoggingEvent line, String transaction) {
        Map<String, String> marks = line.getMDCPropertyMap();
        assertThat(marks).as("[%s] %s", line.getThreadName(), line.getFormattedMessage())
                .containsEntry(MdcLogContext.TRANSACTION_ID, transaction)
                .containsEntry(MdcLogContext.INSTANCE_ID, controller.instanceId().toString());
    }

    private static Predicate<ILoggingEvent> onThread(String prefix) {
        return line -> line.getThreadName().startsWith(prefix);
    }

    private static Predicate<ILoggingEvent> saying(String text) {
        return line -> line.getFormattedMessage().contains(text);
    }

    private static List<String> requestLog() throws IOException {
        return Files.exists(REQUEST_LOG) ? Files.readAllLines(REQUEST_LOG, StandardCharsets.UTF_8) : List.of();
    }

    /** test-config.yml, its request log written to {@code file} in the format the service gives it. */
    private static String withRequestLogIn(Path file) {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            ObjectNode configuration = (ObjectNode) yaml.readTree(Path.of(ResourceHelpers.resourceFilePath("test-config.yml")).toFile());
            ObjectNode appender = ((ObjectNode) configuration.get("server")).putObject("requestLog").putArray("appenders").addObject();
            appender.put("type", "file").put("currentLogFilename", file.toString()).put("archive", false);
            Path written = Files.createTempFile("traceable-config-", ".yml");
            written.toFile().deleteOnExit();
            yaml.writeValue(written.toFile(), configuration);
            return written.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path requestLogFile() {
        try {
            return Files.createTempFile("requests-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines logged, each with the marks of the thread that wrote it. */
    private static final class CapturedLines extends AppenderBase<ILoggingEvent> {
        private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }

        /**
         * The lines of requests and of the operations they started; updates to the controller and
         * usage readings of earlier tests' resources go on meanwhile, under their own ids.
         */
        List<ILoggingEvent> all() {
            return events.stream().filter(onThread("controller-update").or(onThread("usage-")).negate()).toList();
        }

        List<ILoggingEvent> updatesToTheController() {
            return events.stream().filter(onThread("controller-update")).toList();
        }

        void clear() {
            events.clear();
        }
    }
}
