package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * The admin port's {@code /metrics} as Prometheus scrapes it, on a fleet of fake hosts (two of each
 * technology) after a few VPSes were provisioned, stopped and unprovisioned.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MetricsEndToEndTest {
    private static final String FARM = "metrics-" + UUID.randomUUID();
    private static final String PASSWORD = "admin-password-of-the-tests";
    private static final String SCRAPER_ACCEPT = "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("metrics-fleet-config.yml"),
            ConfigOverride.config("database.url", "jdbc:h2:mem:" + FARM + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.hosts[0].farm", FARM + "-engine-a"),
            ConfigOverride.config("backends.container.hosts[1].farm", FARM + "-engine-b"),
            ConfigOverride.config("backends.hypervisor.hosts[0].farm", FARM + "-kvm-a"),
            ConfigOverride.config("backends.hypervisor.hosts[1].farm", FARM + "-kvm-b"));

    // One sample line of the text format: a name, labels, a value (and no timestamp: the client writes none).
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private static ApsController controller;

    @BeforeAll
    static void provisionSomeVpses() {
        controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        List<UUID> containers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.randomUUID();
            Reply reply = controller.sendAndPoll("POST", "/vpses", ApsController.vps("vps-container.json", id), Duration.ofSeconds(30));
            assertThat(reply.status()).as(reply.toString()).isIn(200, 201);
            containers.add(id);
        }
        UUID vm = UUID.randomUUID();
        assertThat(controller.sendAndPoll("POST", "/vpses", ApsController.vps("vps-vm.json", vm), Duration.ofSeconds(30))
                .status()).isIn(200, 201);
        assertThat(controller.sendAndPoll("POST", "/vpses/" + containers.get(0) + "/stop", null, Duration.ofSeconds(30))
                .status()).isEqualTo(200);
        assertThat(controller.sendAndPoll("DELETE", "/vpses/" + containers.get(1), null, Duration.ofSeconds(30))
                .status()).isIn(200, 204);
    }

    @Test
    void aPrometheusScrapeGetsEveryFamilyInTheTextFormatWithHostLabelsAndCumulativeBuckets() {
        Response response = scrape("/metrics", SCRAPER_ACCEPT, true);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderString("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
        String body = response.readEntity(String.class);

        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                assertThat(parts).as(line).hasSize(2);
                assertThat(types.put(parts[0], parts[1])).as("one TYPE per family: " + line).isNull();
            } else if (!line.startsWith("# HELP ") && !line.isBlank()) {
                Matcher sample = SAMPLE.matcher(line);
                assertThat(sample.matches()).as("a sample line: " + line).isTrue();
                Map<String, String> labels = new TreeMap<>();
                if (sample.group(2) != null) {
                    Matcher label = LABEL.matcher(sample.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3)
                        .replace("+Inf", "Infinity").replace("-Inf", "-Infinity"))));
            }
        }

        assertThat(types).containsEntry("vps_connector_operations", "gauge")
                .containsEntry("vps_connector_operations_due", "gauge")
                .containsEntry("vps_connector_operations_leased", "gauge")
                .containsEntry("vps_connector_controller_updates_pending", "gauge")
                .containsEntry("vps_connector_operation_attempt_duration_seconds", "histogram")
                .containsEntry("vps_connector_operation_duration_seconds", "histogram")
                .containsEntry("vps_connector_backend_call_duration_seconds", "histogram")
                .containsEntry("vps_connector_backend_calls_in_flight", "gauge")
                .containsEntry("vps_connector_host_up", "gauge")
                .containsEntry("vps_connector_host_drained", "gauge")
                .containsEntry("vps_connector_host_vpses", "gauge")
                .containsEntry("vps_connector_host_memory_sold_bytes", "gauge")
                .containsEntry("vps_connector_host_memory_sellable_bytes", "gauge")
                .containsEntry("vps_connector_host_cpus_sold", "gauge")
                .containsEntry("vps_connector_drained", "gauge")
                .containsEntry("vps_connector_state_readable", "gauge")
                .containsKey("jvm_memory_used_bytes");
        assertThat(types.entrySet()).filteredOn(type -> type.getValue().equals("counter")).extracting(Map.Entry::getKey)
                .as("counters end in _total")
                .contains("vps_connector_operations_finished_total", "vps_connector_history_pruned_operations_total",
                        "vps_connector_history_pruned_transitions_total")
                .allMatch(name -> name.endsWith("_total"));
        for (Sample sample : samples) {
            assertThat(types.keySet()).as("the family of " + sample.name()).anyMatch(family ->
                    sample.name().equals(family) || sample.name().equals(family + "_bucket")
                            || sample.name().equals(family + "_count") || sample.name().equals(family + "_sum")
                            || sample.name().equals(family + "_created"));
        }

        assertThat(value(samples, "vps_connector_state_readable", Map.of())).isEqualTo(1);
        assertThat(value(samples, "vps_connector_operations", Map.of("kind", "provision", "status", "succeeded"))).isEqualTo(4);
        assertThat(value(samples, "vps_connector_operations", Map.of("kind", "unprovision", "status", "succeeded"))).isEqualTo(1);
        assertThat(value(samples, "vps_connector_operations", Map.of("kind", "stop", "status", "succeeded"))).isEqualTo(1);
        assertThat(value(samples, "vps_connector_operations_due", Map.of())).isZero();
        assertThat(samples).filteredOn(sample -> sample.name().equals("vps_connector_host_up"))
                .extracting(sample -> sample.labels().get("technology") + ":" + sample.labels().get("host"))
                .containsExactlyInAnyOrder("container:engine-a", "container:engine-b", "hypervisor:kvm-a", "hypervisor:kvm-b");
        assertThat(samples.stream().filter(sample -> sample.name().equals("vps_connector_host_vpses")
                && "container".equals(sample.labels().get("technology"))).mapToDouble(Sample::value).sum())
                .as("two live containers: one stopped, one never touched").isEqualTo(2);
        assertThat(samples.stream().filter(sample -> sample.name().equals("vps_connector_host_vpses")
                && "hypervisor".equals(sample.labels().get("technology"))).mapToDouble(Sample::value).sum()).isEqualTo(1);
        assertThat(samples).filteredOn(sample -> sample.name().equals("vps_connector_host_memory_sellable_bytes"))
                .extracting(sample -> sample.labels().get("host")).as("hosts without a limit have none")
                .containsExactlyInAnyOrder("engine-a", "engine-b", "kvm-a");
        double finishedProvisions = samples.stream()
                .filter(sample -> sample.name().equals("vps_connector_operations_finished_total")
                        && "provision".equals(sample.labels().get("kind")) && "succeeded".equals(sample.labels().get("outcome")))
                .mapToDouble(Sample::value).sum();
        assertThat(finishedProvisions).isEqualTo(4);

        Set<String> callHosts = samples.stream().filter(sample -> sample.name().equals("vps_connector_backend_call_duration_seconds_count"))
                .map(sample -> sample.labels().get("host")).collect(Collectors.toSet());
        assertThat(callHosts).as("every host was pinged and called").contains("engine-a", "engine-b", "kvm-a", "kvm-b");
        assertThat(samples).filteredOn(sample -> sample.name().equals("vps_connector_backend_call_duration_seconds_count")
                        && "create".equals(sample.labels().get("call")))
                .extracting(sample -> sample.labels().get("technology")).contains("container", "hypervisor");
        assertThat(samples).filteredOn(sample -> sample.name().equals("vps_connector_operation_attempt_duration_seconds_count")
                        && "provision".equals(sample.labels().get("kind")))
                .isNotEmpty().allMatch(sample -> Set.of("engine-a", "engine-b", "kvm-a", "kvm-b").contains(sample.labels().get("host")));

        for (String histogram : List.of("vps_connector_operation_attempt_duration_seconds",
                "vps_connector_operation_duration_seconds", "vps_connector_backend_call_duration_seconds")) {
            assertCumulative(samples, histogram);
        }
    }

    @Test
    void theFormatIsNegotiatedAndJsonStaysTheDefault() {
        Response asked = scrape("/metrics?format=prometheus", null, true);
        assertThat(asked.getHeaderString("Content-Type")).startsWith("text/plain");
        assertThat(asked.readEntity(String.class)).contains("# TYPE vps_connector_operations gauge");

        Response openMetrics = scrape("/metrics", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5", true);
        assertThat(openMetrics.getHeaderString("Content-Type")).startsWith("application/openmetrics-text");
        assertThat(openMetrics.readEntity(String.class)).contains("# TYPE vps_connector_operations_finished counter").endsWith("# EOF\n");

        Response json = scrape("/metrics", "application/json", true);
        assertThat(json.getHeaderString("Content-Type")).startsWith("application/json");
        assertThat(json.readEntity(String.class)).contains("\"gauges\"", "\"timers\"");
        Response forced = scrape("/metrics?format=json", SCRAPER_ACCEPT, true);
        assertThat(forced.getHeaderString("Content-Type")).startsWith("application/json");
        forced.close();
    }

    @Test
    void metricsNeedTheOperatorsCredentials() {
        Response anonymous = scrape("/metrics", SCRAPER_ACCEPT, false);
        assertThat(anonymous.getStatus()).isEqualTo(401);
        assertThat(anonymous.readEntity(String.class)).doesNotContain("vps_connector");
        Response anonymousJson = scrape("/metrics?format=json", null, false);
        assertThat(anonymousJson.getStatus()).isEqualTo(401);
        anonymousJson.close();
    }

    private static void assertCumulative(List<Sample> samples, String histogram) {
        Map<Map<String, String>, List<Sample>> series = samples.stream()
                .filter(sample -> sample.name().equals(histogram + "_bucket"))
                .collect(Collectors.groupingBy(sample -> withoutLe(sample.labels()), LinkedHashMap::new, Collectors.toList()));
        assertThat(series).as(histogram + " has series").isNotEmpty();
        series.forEach((labels, buckets) -> {
            assertThat(labels).as(histogram).containsKeys("technology", "host");
            double previousLe = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : buckets) {
                double le = Double.parseDouble(bucket.labels().get("le").replace("+Inf", "Infinity"));
                assertThat(le).as("buckets in order of le").isGreaterThan(previousLe);
                assertThat(bucket.value()).as("cumulative buckets of " + histogram + labels).isGreaterThanOrEqualTo(previousCount);
                previousLe = le;
                previousCount = bucket.value();
            }
            assertThat(previousLe).as("the last bucket is +Inf").isInfinite();
            assertThat(previousCount).as("+Inf counts every observation").isEqualTo(value(samples, histogram + "_count", labels))
                    .isPositive();
        });
    }

    private static Map<String, String> withoutLe(Map<String, String> labels) {
        Map<String, String> rest = new TreeMap<>(labels);
        rest.remove("le");
        return rest;
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> found = samples.stream().filter(sample -> sample.name().equals(name) && sample.labels().equals(new TreeMap<>(labels))).toList();
        assertThat(found).as(name + labels).hasSize(1);
        return found.get(0).value();
    }

    private static Response scrape(String path, String accept, boolean withCredentials) {
        Invocation.Builder request = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + path).request();
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (withCredentials) {
            String credentials = APP.getConfiguration().getAdmin().user() + ":" + PASSWORD;
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request.get();
    }

    private record Sample(String name, Map<String, String> labels, double value) {
    }
}
