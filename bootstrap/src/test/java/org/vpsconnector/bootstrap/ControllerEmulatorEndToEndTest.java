package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.bootstrap.TestCertificates.Identity;
import org.vpsconnector.emulator.ControllerEmulator;

/**
 * The controller emulator as its users run it, against the connector as the benchmark runs it
 * (config/benchmark.yml and benchmark-tls.yml on PostgreSQL): the scenario passes over plain HTTP and
 * in certificate mode, fails on a connector that lets another certificate in, and a short load run
 * writes its figures and its picture.
 */
class ControllerEmulatorEndToEndTest {
    private static final String ADMIN_PASSWORD = "emulator-test-admin";

    private final RunningApps apps = new RunningApps();
    private PostgresSchema schema;
    private Path directory;

    @BeforeEach
    void createSchema() throws IOException {
        schema = PostgresSchema.create("emulator");
        directory = Files.createTempDirectory("vps-emulator-test-");
    }

    @AfterEach
    void stop() {
        apps.close();
        schema.close();
        CertificateMode.delete(directory);
    }

    @Test
    void theScenarioPassesOverPlainHttpForContainersAndVms() {
        DropwizardTestSupport<VpsConnectorConfiguration> connector = start("benchmark.yml");

        Run run = emulate("scenario", "--url", "http://127.0.0.1:" + connector.getLocalPort() + "/");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("PASS  provision a container", "PASS  provision a vm", "PASS  unprovision the vm",
                "PASS  refuse a request without APS-Instance-ID with 400", "PASS  remove the application instance");
        assertThat(run.output()).containsPattern("provision a vm +[0-9]+ ms  202 then [1-9][0-9]* poll\\(s\\) → 200");
        assertThat(run.output()).doesNotContain("FAIL ").containsPattern("PASSED: 2[0-9] step\\(s\\) passed, 0 failed");
    }

    @Test
    void theScenarioPassesInCertificateModeAndAnotherCertificateIsRefused() throws IOException {
        Identity server = TestCertificates.server();
        Path serverCertificate = Files.writeString(directory.resolve("server.pem"), server.certificatePem());
        DropwizardTestSupport<VpsConnectorConfiguration> connector = start("benchmark-tls.yml",
                ConfigOverride.config("server.applicationConnectors[0].keyStorePath",
                        server.writeKeyStore(directory.resolve("server.p12")).toString()),
                ConfigOverride.config("server.applicationConnectors[0].keyStorePassword", new String(TestCertificates.PASSWORD)),
                ConfigOverride.config("aps.certificates.secretKeyFile", directory.resolve("data/instance-secret.key").toString()));

        Run run = emulate("scenario", "--certificates", "--server-ca", serverCertificate.toString(),
                "--url", "https://localhost:" + connector.getLocalPort() + "/", "--technologies", "container");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("PASS  refuse another certificate for the container with 403",
                "PASS  provision a container", "PASS  unprovision the container");
    }

    @Test
    void theScenarioFailsAgainstAConnectorThatLetsAnotherCertificateIn() {
        // Plain HTTP asks for no certificate: whoever reaches it acts for every instance.
        DropwizardTestSupport<VpsConnectorConfiguration> connector = start("benchmark.yml");

        Run run = emulate("scenario", "--certificates", "--url", "http://127.0.0.1:" + connector.getLocalPort() + "/",
                "--technologies", "container");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("FAIL  refuse another certificate for the container with 403")
                .containsPattern("FAILED: [0-9]+ step\\(s\\) passed, 1 failed");
    }

    @Test
    void aLoadRunReportsEachRequestKindTheConnectorsCostAndDrawsLatencyOverTime() throws IOException {
        DropwizardTestSupport<VpsConnectorConfiguration> connector = start("benchmark.yml");
        Path password = Files.writeString(directory.resolve("admin-password"), ADMIN_PASSWORD);
        Path json = directory.resolve("load.json");
        Path chart = directory.resolve("load.png");

        Run run = emulate("load", "--url", "http://127.0.0.1:" + connector.getLocalPort() + "/",
                "--controllers", "4", "--vm-share", "0.5", "--warmup", "0s", "--duration", "4s", "--polls", "200ms",
                "--journey", "provision,retrieve*2,configure,stop,start,unprovision",
                "--connector-pid", Long.toString(ProcessHandle.current().pid()),
                "--admin-url", "http://127.0.0.1:" + connector.getAdminPort() + "/", "--admin-password-file", password.toString(),
                "--json", json.toString(), "--chart", chart.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("\\[ +[0-9.]+s\\] +[0-9]+ VPSes \\| ").contains("figures in " + json.toAbsolutePath());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("errors").asLong()).isZero();
        assertThat(report.path("requests").asLong()).isPositive();
        List<String> kinds = new ArrayList<>();
        report.path("requestKinds").forEach(kind -> {
            kinds.add(kind.path("kind").asText());
            assertThat(kind.path("p99Millis").asDouble()).isGreaterThanOrEqualTo(kind.path("p50Millis").asDouble());
            assertThat(kind.path("maxMillis").asDouble()).isGreaterThanOrEqualTo(kind.path("p99Millis").asDouble());
        });
        assertThat(kinds).contains("provision container", "retrieve container", "provision vm", "poll provision vm");
        assertThat(report.path("operations").findValuesAsText("operation")).contains("provision vm");
        assertThat(report.path("connector").path("cpuMillisPerRequest").asDouble()).isPositive();
        assertThat(report.path("connector").path("heapMaxMegabytes").asLong()).as(run.output()).isPositive();
        assertThat(report.path("timeline").size()).isPositive();
        byte[] png = Files.readAllBytes(chart);
        assertThat(Arrays.copyOf(png, 8)).as("a PNG").isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    }

    @Test
    void aJourneyThatDoesNotBeginWithItsProvisionIsBadUsage() {
        Run run = emulate("load", "--url", "http://127.0.0.1:1/", "--journey", "retrieve,provision");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("a journey provisions first, and once");
    }

    private DropwizardTestSupport<VpsConnectorConfiguration> start(String configuration, ConfigOverride... more) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("database.url", schema.url()),
                ConfigOverride.config("database.user", TestPostgres.user()),
                ConfigOverride.config("database.password", TestPostgres.password()),
                ConfigOverride.config("database.initialSize", "4"),
                ConfigOverride.config("database.minSize", "4"),
                ConfigOverride.config("dataDirectory", directory.resolve("data").toString()),
                ConfigOverride.config("admin.password", ADMIN_PASSWORD),
                ConfigOverride.config("backends.hypervisor.bootTime", "1s")));
        overrides.addAll(List.of(more));
        return apps.start(Path.of("..", "config", configuration).toAbsolutePath().toString(),
                overrides.toArray(ConfigOverride[]::new));
    }

    private static Run emulate(String... args) {
        StringWriter output = new StringWriter();
        int exitCode;
        try (PrintWriter out = new PrintWriter(output)) {
            exitCode = ControllerEmulator.run(out, args);
        }
        return new Run(exitCode, output.toString());
    }

    private record Run(int exitCode, String output) {
    }
}
