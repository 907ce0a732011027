package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.adapters.docker.DockerContainerBackend;
import org.vpsconnector.adapters.docker.DockerSettings;
import org.vpsconnector.adapters.libvirt.LibvirtHypervisorBackend;
import org.vpsconnector.adapters.libvirt.LibvirtSettings;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * config/fleet.yml on the fleet of scripts/start-fleet.sh: two Docker engines and two libvirt
 * endpoints. New VPSes spread over the hosts, each lives on exactly one; an engine taken down is
 * skipped for new VPSes while its own VPSes' operations wait for it; drains turn new VPSes away.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetEndToEndTest {
    /** This run's servers only: other connectors and test runs may share the engines and libvirtds. */
    private static final String OWNER = "fleet-e2e-" + UUID.randomUUID();
    private static final List<String> ENGINES = List.of("engine-a", "engine-b");
    private static final Map<String, String> HYPERVISORS = Map.of(
            "kvm-a", "qemu:///system", "kvm-b", "qemu+tcp://127.0.0.1:16519/system");

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, Path.of("..", "config", "fleet.yml").toAbsolutePath().toString(),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("admin.password", UUID.randomUUID().toString()),
            ConfigOverride.config("aps.certificates.secretKey", "dGVzdC1vbmx5LXNlYWxpbmcta2V5LTMyLWJ5dGVzISE="),
            ConfigOverride.config("database.url", "jdbc:h2:mem:fleet-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.hosts[0].owner", OWNER),
            ConfigOverride.config("backends.container.hosts[1].owner", OWNER),
            ConfigOverride.config("backends.hypervisor.hosts[0].owner", OWNER),
            ConfigOverride.config("backends.hypervisor.hosts[1].owner", OWNER),
            ConfigOverride.config("backends.hostCheckInterval", "500ms"),
            ConfigOverride.config("backends.callTimeout", "20s"),
            ConfigOverride.config("backends.container.hosts[0].pullTimeout", "10s"),
            ConfigOverride.config("backends.container.hosts[1].pullTimeout", "10s"),
            ConfigOverride.config("provisioning.guestCheckInterval", "300ms"),
            ConfigOverride.config("provisioning.backoff.initialDelay", "300ms"),
            ConfigOverride.config("provisioning.backoff.maxDelay", "1s"),
            ConfigOverride.config("driver.sweepInterval", "100ms"),
            ConfigOverride.config("logging.level", "WARN")) {
        @Override
        protected JerseyClientBuilder clientBuilder() {
            return super.clientBuilder().property(ClientProperties.READ_TIMEOUT, (int) Duration.ofSeconds(40).toMillis());
        }
    };

    private static final Map<String, DockerContainerBackend> ENGINE_VIEWS = new LinkedHashMap<>();
    private static final Map<String, LibvirtHypervisorBackend> HYPERVISOR_VIEWS = new LinkedHashMap<>();
    private static ApsController controller;

    @BeforeAll
    static void installInstance() {
        for (String engine : ENGINES) {
            ENGINE_VIEWS.put(engine, new DockerContainerBackend(DockerSettings.defaults()
                    .withEngine("unix:///run/vps-fleet/" + engine + ".sock").withOwner(OWNER)));
        }
        LibvirtSettings libvirt = LibvirtSettings.defaults("qemu").withOwner(OWNER);
        libvirt = libvirt.withImages(List.of(libvirt.images().get(0), LibvirtSettings.busybox(Path.of("/var/lib/vps-connector/guest"))));
        for (String hypervisor : List.of("kvm-a", "kvm-b")) {
            HYPERVISOR_VIEWS.put(hypervisor, new LibvirtHypervisorBackend(libvirt.withUri(HYPERVISORS.get(hypervisor))));
        }
        controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
    }

    /** The application stops first, so that no operation it still drives makes a server again behind the cleanup. */
    @AfterAll
    static void removeWhatTheRunMade() throws Exception {
        try {
            APP.after();
            startFleet();
            for (ServerBackend backend : allViews()) {
                for (ServerStatus server : backend.list()) {
                    backend.destroy(server.vpsId());
                }
                assertThat(backend.list()).as("servers of this run left after the cleanup").isEmpty();
            }
        } finally {
            for (DockerContainerBackend view : ENGINE_VIEWS.values()) {
                view.close();
            }
            for (LibvirtHypervisorBackend view : HYPERVISOR_VIEWS.values()) {
                view.close();
            }
        }
    }

    @Test
    @Order(1)
    void containersAndVmsSpreadOverTheHostsEachOnExactlyOne() {
        List<UUID> containers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID id = UUID.randomUUID();
            Reply reply = controller.sendAndPoll("POST", "/vpses", busybox("vps-container.json", id), Duration.ofMinutes(1));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            containers.add(id);
        }
        List<UUID> vms = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            UUID id = UUID.randomUUID();
            assertThat(controller.send("POST", "/vpses", busybox("vps-vm.json", id), "sync").status()).isEqualTo(202);
            vms.add(id);
        }
        for (UUID id : vms) {
            Reply reply = controller.sendAndPoll("POST", "/vpses", busybox("vps-vm.json", id), Duration.ofMinutes(3));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        }

        Map<String, Set<UUID>> onEngines = serversOn(ENGINE_VIEWS);
        Map<String, Set<UUID>> onHypervisors = serversOn(HYPERVISOR_VIEWS);
        assertThat(onEngines.get("engine-a")).as("one subscription's containers, spread").hasSize(2);
        assertThat(onEngines.get("engine-b")).hasSize(2);
        assertThat(union(onEngines)).containsExactlyInAnyOrderElementsOf(containers);
        assertThat(onHypervisors.get("kvm-a")).hasSize(1);
        assertThat(onHypervisors.get("kvm-b")).hasSize(1);
        assertThat(union(onHypervisors)).containsExactlyInAnyOrderElementsOf(vms);

        // Every later operation goes to the VPS's own host: a stop stops the container where it lives.
        UUID onB = onEngines.get("engine-b").iterator().next();
        Reply stopped = controller.sendAndPoll("POST", "/vpses/" + onB + "/stop", null, Duration.ofMinutes(1));
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
        assertThat(ENGINE_VIEWS.get("engine-b").inspect(onB)).hasValueSatisfying(server -> assertThat(server.running()).isFalse());
        for (UUID id : containers) {
            assertThat(controller.sendAndPoll("DELETE", "/vpses/" + id, null, Duration.ofMinutes(1)).status()).isIn(200, 204);
        }
        assertThat(union(serversOn(ENGINE_VIEWS))).isEmpty();
    }

    @Test
    @Order(2)
    void anEngineTakenDownGetsNoNewVpsAndItsVpsesOperationsWaitForIt() throws Exception {
        Map<String, UUID> placed = new LinkedHashMap<>();
        while (placed.size() < 2) {
            UUID id = UUID.randomUUID();
            assertThat(controller.sendAndPoll("POST", "/vpses", busybox("vps-container.json", id), Duration.ofMinutes(1)).status())
                    .isEqualTo(200);
            serversOn(ENGINE_VIEWS).forEach((engine, ids) -> {
                if (ids.contains(id)) {
                    placed.putIfAbsent(engine, id);
                }
            });
        }
        UUID onB = placed.get("engine-b");
        try {
            fleet("stop-fleet.sh", "engine-b");
            awaitHealth("containers", "engine-b", false);
            JsonNode health = AdminPort.of(APP).health().body();
            assertThat(health.path("containers").path("healthy").asBoolean()).as("engine-a still answers").isTrue();
            assertThat(health.path("containers").path("message").asText()).contains("down: engine-b");

            List<UUID> placedWhileDown = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                UUID id = UUID.randomUUID();
                Reply reply = controller.sendAndPoll("POST", "/vpses", busybox("vps-container.json", id), Duration.ofMinutes(1));
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                placedWhileDown.add(id);
            }
            assertThat(serversOn(Map.of("engine-a", ENGINE_VIEWS.get("engine-a"))).get("engine-a")).containsAll(placedWhileDown);

            Reply stop = controller.send("POST", "/vpses/" + onB + "/stop", null, "sync");
            assertThat(stop.status()).as("the stop waits for engine-b: " + stop).isEqualTo(202);
            Thread.sleep(2_000);
            Reply poll = controller.send("POST", "/vpses/" + onB + "/stop", null, "async");
            assertThat(poll.status()).as(poll.toString()).isEqualTo(202);
            assertThat(poll.header("APS-Info")).contains("Waiting for container host engine-b");
        } finally {
            startFleet();
        }
        Reply done = controller.sendAndPoll("POST", "/vpses/" + onB + "/stop", null, Duration.ofMinutes(1));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(controller.send("GET", "/vpses/" + onB, null, "sync").state()).isEqualTo("Stopped");
        assertThat(ENGINE_VIEWS.get("engine-b").inspect(onB)).hasValueSatisfying(server -> assertThat(server.running()).isFalse());
    }

    @Test
    @Order(3)
    void whileDrainedNewProvisionsAreTurnedAwayAndReadsGoOn() {
        UUID existing = UUID.randomUUID();
        assertThat(controller.sendAndPoll("POST", "/vpses", busybox("vps-container.json", existing), Duration.ofMinutes(1)).status())
                .isEqualTo(200);
        AdminPort admin = AdminPort.of(APP);
        UUID building = UUID.randomUUID();
        assertThat(controller.send("POST", "/vpses", busybox("vps-vm.json", building), "sync").status()).isEqualTo(202);

        Reply drained = admin.task("drain", Map.of("reason", "kernel update"));
        assertThat(drained.status()).as(drained.toString()).isEqualTo(200);
        assertThat(drained.body().get(0).path("scope").asText()).isEqualTo("connector");

        UUID refused = UUID.randomUUID();
        Reply refusal = controller.send("POST", "/vpses", busybox("vps-container.json", refused), "sync");
        assertThat(refusal.status()).as(refusal.toString()).isEqualTo(503);
        assertThat(refusal.body().path("code").asInt()).isEqualTo(503);
        assertThat(refusal.body().path("type").asText()).isNotBlank();
        assertThat(refusal.body().path("message").asText()).contains("drained", "kernel update");
        assertThat(controller.send("GET", "/vpses/" + refused, null, "sync").status()).isEqualTo(404);
        assertThat(controller.send("GET", "/vpses/" + existing, null, "sync").status()).isEqualTo(200);
        Reply built = controller.sendAndPoll("POST", "/vpses", busybox("vps-vm.json", building), Duration.ofMinutes(3));
        assertThat(built.status()).as("work in flight finishes: " + built).isEqualTo(200);

        assertThat(admin.task("undrain").status()).isEqualTo(200);
        Reply host = admin.task("drain", Map.of("host", "container:engine-a", "reason", "disk replacement"));
        assertThat(host.status()).as(host.toString()).isEqualTo(200);
        List<UUID> placed = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            UUID id = UUID.randomUUID();
            assertThat(controller.sendAndPoll("POST", "/vpses", busybox("vps-container.json", id), Duration.ofMinutes(1)).status())
                    .isEqualTo(200);
            placed.add(id);
        }
        assertThat(serversOn(Map.of("engine-b", ENGINE_VIEWS.get("engine-b"))).get("engine-b")).containsAll(placed);
        assertThat(admin.task("undrain", Map.of("host", "container:engine-a")).body()).isEmpty();
        Reply unknown = admin.task("drain", Map.of("host", "container:nowhere", "reason", "x"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("message").asText()).contains("no host container:nowhere", "container:engine-b");
        assertThat(admin.task("drain", Map.of("host", "container:engine-b")).status()).as("a drain without a reason").isEqualTo(400);
        assertThat(admin.task("undrain").body()).as("nothing was drained").isEmpty();
    }

    private static ObjectNode busybox(String fixture, UUID id) {
        ObjectNode body = ApsController.vps(fixture, id);
        ((ObjectNode) body.path("platform").path("OS")).put("name", "busybox").put("version", "1");
        return body;
    }

    private static Map<String, Set<UUID>> serversOn(Map<String, ? extends ServerBackend> hosts) {
        Map<String, Set<UUID>> servers = new LinkedHashMap<>();
        hosts.forEach((name, backend) -> {
            Set<UUID> ids = new HashSet<>();
            backend.list().forEach(server -> ids.add(server.vpsId()));
            servers.put(name, ids);
        });
        return servers;
    }

    private static Set<UUID> union(Map<String, Set<UUID>> servers) {
        Set<UUID> all = new HashSet<>();
        servers.values().forEach(ids -> {
            for (UUID id : ids) {
                assertThat(all.add(id)).as("VPS " + id + " on two hosts").isTrue();
            }
        });
        return all;
    }

    private static List<ServerBackend> allViews() {
        List<ServerBackend> views = new ArrayList<>(ENGINE_VIEWS.values());
        views.addAll(HYPERVISOR_VIEWS.values());
        return views;
    }

    private static void awaitHealth(String check, String host, boolean up) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode detail = AdminPort.of(APP).health().body().path(check).path(host);
            if (detail.path("up").isBoolean() && detail.path("up").asBoolean() == up) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("health check " + check + " never showed " + host + (up ? " up" : " down"));
    }

    private static void startFleet() throws IOException, InterruptedException {
        fleet("start-fleet.sh");
    }

    private static void fleet(String script, String... hosts) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("..", "scripts", script).toString()));
        command.addAll(List.of(hosts));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(script + " ended").isTrue();
        assertThat(process.exitValue()).as(script + " " + String.join(" ", hosts)).isZero();
    }
}
