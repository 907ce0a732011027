package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.bootstrap.ControllerEndToEndContract.reconcileEntry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.vpsconnector.adapters.docker.DockerContainerBackend;
import org.vpsconnector.adapters.docker.DockerSettings;
import org.vpsconnector.adapters.libvirt.LibvirtHypervisorBackend;
import org.vpsconnector.adapters.libvirt.LibvirtSettings;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.bootstrap.ApsController.Reply;
import org.vpsconnector.application.port.out.ServerStatus;

/**
 * The controller's end-to-end run on config/real-backends.yml: containers on the Docker engine,
 * virtual machines on libvirt with QEMU guests that really boot.
 */
class RealBackendsEndToEndTest extends ControllerEndToEndContract {
    private static final String DATABASE = "real-" + UUID.randomUUID();
    /** This run's servers only: other connectors and test runs may share the Docker engine and libvirtd. */
    private static final String OWNER = "e2e-" + UUID.randomUUID();

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, Path.of("..", "config", "real-backends.yml").toAbsolutePath().toString(),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("admin.password", UUID.randomUUID().toString()),
            ConfigOverride.config("aps.certificates.secretKey", "dGVzdC1vbmx5LXNlYWxpbmcta2V5LTMyLWJ5dGVzISE="),
            ConfigOverride.config("database.url", "jdbc:h2:mem:" + DATABASE + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.owner", OWNER),
            ConfigOverride.config("backends.hypervisor.owner", OWNER),
            ConfigOverride.config("provisioning.guestCheckInterval", "300ms"),
            ConfigOverride.config("driver.sweepInterval", "100ms"),
            ConfigOverride.config("logging.level", "WARN")) {
        // A controller waits for a sync answer as long as the connector may work within the request
        // (syncBudget, 20 s here); Dropwizard's test client would give up after 5 s.
        @Override
        protected JerseyClientBuilder clientBuilder() {
            return super.clientBuilder().property(ClientProperties.READ_TIMEOUT, (int) Duration.ofSeconds(30).toMillis());
        }
    };

    private static final LibvirtSettings LIBVIRT = withOwner(LibvirtSettings.defaults("qemu"));
    private static final DockerContainerBackend CONTAINERS = new DockerContainerBackend(
            DockerSettings.defaults().withOwner(OWNER));
    private static final LibvirtHypervisorBackend HYPERVISOR = new LibvirtHypervisorBackend(LIBVIRT);

    /**
     * Removes every container and VM of this run, whether its test unprovisioned it, failed or
     * left it running on purpose. The application stops first, so that no operation it still
     * drives makes a server again behind the cleanup.
     */
    @AfterAll
    static void removeWhatTheRunMade() throws Exception {
        try {
            APP.after();
            for (ServerBackend backend : List.<ServerBackend>of(CONTAINERS, HYPERVISOR)) {
                for (ServerStatus server : backend.list()) {
                    backend.destroy(server.vpsId());
                }
                assertThat(backend.list()).as("servers of this run left after the cleanup").isEmpty();
            }
        } finally {
            CONTAINERS.close();
            HYPERVISOR.close();
        }
    }

    /** The images config/real-backends.yml offers, so that this view tells a booted busybox guest as the application does. */
    private static LibvirtSettings withOwner(LibvirtSettings defaults) {
        return defaults.withOwner(OWNER).withImages(List.of(defaults.images().get(0),
                LibvirtSettings.busybox(Path.of("/var/lib/vps-connector/guest"))));
    }

    /** The contract's VMs boot the busybox image of config/real-backends.yml: seconds, not a Debian boot each. */
    @Override
    protected ObjectNode vmFixture(String fixture, UUID id) {
        ObjectNode body = super.vmFixture(fixture, id);
        ((ObjectNode) body.path("platform").path("OS")).put("name", "busybox").put("version", "1");
        return body;
    }

    @Override
    protected DropwizardAppExtension<VpsConnectorConfiguration> app() {
        return APP;
    }

    @Override
    protected ServerBackend containers() {
        return CONTAINERS;
    }

    @Override
    protected ServerBackend hypervisor() {
        return HYPERVISOR;
    }

    @Override
    protected Duration patience() {
        return Duration.ofMinutes(2);
    }

    @Test
    void dockerInspectShowsTheLimitsOfAContainerVps() throws Exception {
        UUID id = UUID.randomUUID();
        ApsController controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        var body = ApsController.vps("vps-container.json", id);
        ((ObjectNode) body.get("hardware")).put("memory", 2);
        ((ObjectNode) body.get("hardware").get("CPU")).put("number", 2);
        assertThat(controller.send("POST", "/vpses", body, "sync").status()).isEqualTo(200);

        // Docker's own view, through its command-line client.
        Process inspect = new ProcessBuilder("docker", "inspect", "--format",
                "{{.State.Running}} {{.HostConfig.Memory}} {{.HostConfig.CpuQuota}} {{.HostConfig.CpuPeriod}} {{.HostConfig.Init}}",
                "vps-" + id).redirectErrorStream(true).start();
        String shown = new String(inspect.getInputStream().readAllBytes()).trim();
        assertThat(inspect.waitFor()).as(shown).isZero();

        assertThat(shown).isEqualTo("true " + 2L * 1024 * 1024 * 1024 + " 200000 100000 true");
        assertThat(controller.send("DELETE", "/vpses/" + id, null, "sync").status()).isEqualTo(204);
    }

    @Test
    void aContainerMadeByHandWithTheConnectorsLabelsIsAnOrphanThatOnlyApplyRemoves() throws Exception {
        UUID id = UUID.randomUUID();
        String name = "vps-" + id;
        AdminPort admin = AdminPort.of(APP);
        assertThat(docker("create", "--name", name,
                "--label", "org.vpsconnector.owner=" + OWNER,
                "--label", "org.vpsconnector.vps-id=" + id,
                "--label", "org.vpsconnector.instance-id=" + UUID.randomUUID(),
                DockerSettings.BUSYBOX_IMAGE, "sleep", "600")).isZero();
        try {
            JsonNode orphan = reconcileEntry(admin.task("reconcile"), "orphans", id);

            assertThat(orphan.path("technology").asText()).isEqualTo("CONTAINER");
            assertThat(orphan.path("expected").asText()).isEqualTo("no server: no VPS has this id");
            assertThat(orphan.path("found").asText()).isEqualTo("Stopped server");
            assertThat(orphan.path("action").asText()).isEqualTo("destroy the server");
            assertThat(orphan.path("outcome").asText()).isEqualTo("REPORTED");
            assertThat(docker("inspect", name)).as("a dry run leaves the container").isZero();

            Reply applied = admin.task("reconcile", Map.of("apply", "true", "id", id.toString()));

            assertThat(reconcileEntry(applied, "orphans", id).path("outcome").asText()).isEqualTo("REPAIRED");
            assertThat(docker("inspect", name)).as("apply removed the container").isNotZero();
        } finally {
            docker("rm", "-f", name);
        }
    }

    /** Docker's own command-line client; returns its exit code. */
    private static int docker(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        Process docker = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return docker.waitFor();
    }

    @Test
    void afterUnprovisionNoDomainVolumeOrConsoleOfTheVmRemains() {
        UUID id = UUID.randomUUID();
        ApsController controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        assertThat(controller.sendAndPoll("POST", "/vpses", vmBody(id), patience()).state())
                .isEqualTo("Running");
        Path volume = LIBVIRT.storageDirectory().resolve("vps-" + id + ".qcow2");
        Path console = LIBVIRT.consoleDirectory().resolve("vps-" + id + ".log");
        assertThat(volume).exists();
        assertThat(console).exists();

        assertThat(controller.sendAndPoll("DELETE", "/vpses/" + id, null, patience()).status()).isEqualTo(204);

        assertThat(HYPERVISOR.inspect(id)).isEmpty();
        assertThat(Files.exists(volume)).as("volume " + volume).isFalse();
        assertThat(Files.exists(console)).as("console log " + console).isFalse();
    }
}
