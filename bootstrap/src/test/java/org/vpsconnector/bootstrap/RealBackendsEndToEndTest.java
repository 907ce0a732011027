package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.vpsconnector.adapters.docker.DockerContainerBackend;
import org.vpsconnector.adapters.docker.DockerSettings;
import org.vpsconnector.adapters.libvirt.LibvirtHypervisorBackend;
import org.vpsconnector.adapters.libvirt.LibvirtSettings;
import org.vpsconnector.application.port.out.ServerBackend;

/**
 * The controller's end-to-end run on config/real-backends.yml: containers on the Docker engine,
 * virtual machines on libvirt with QEMU guests that really boot.
 */
class RealBackendsEndToEndTest extends ControllerEndToEndContract {
    private static final String DATABASE = "real-" + UUID.randomUUID();

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, Path.of("..", "config", "real-backends.yml").toAbsolutePath().toString(),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("aps.certificates.secretKey", "dGVzdC1vbmx5LXNlYWxpbmcta2V5LTMyLWJ5dGVzISE="),
            ConfigOverride.config("database.url", "jdbc:h2:mem:" + DATABASE + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("provisioning.guestCheckInterval", "300ms"),
            ConfigOverride.config("driver.sweepInterval", "100ms"),
            ConfigOverride.config("logging.level", "WARN"));

    private static final LibvirtSettings LIBVIRT = LibvirtSettings.defaults("qemu");
    private static final DockerContainerBackend CONTAINERS = new DockerContainerBackend(DockerSettings.defaults());
    private static final LibvirtHypervisorBackend HYPERVISOR = new LibvirtHypervisorBackend(LIBVIRT);

    @AfterAll
    static void closeViews() throws Exception {
        CONTAINERS.close();
        HYPERVISOR.close();
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
    void afterUnprovisionNoDomainVolumeOrConsoleOfTheVmRemains() {
        UUID id = UUID.randomUUID();
        ApsController controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        assertThat(controller.sendAndPoll("POST", "/vpses", ApsController.vps("vps-vm.json", id), patience()).state())
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
