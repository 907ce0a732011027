package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.adapters.docker.DockerContainerBackend;
import org.vpsconnector.adapters.docker.DockerSettings;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * A container VPS as its customer uses it, through the real application on config/real-backends.yml:
 * ordered with an SSH key, logged in to over the address the VPS reports, looked at from inside
 * (operating system, CPUs, memory, host name, a disk that holds no more than its diskspace, no way to
 * the connector's ports), configured and looked at again (a bigger disk, with a restart, included),
 * unprovisioned without a trace. The connector's ports listen on every address
 * here, so that only the firewall keeps the server from them.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ContainerServerEndToEndTest {
    private static final String OWNER = "e2e-container-" + UUID.randomUUID();
    private static final long GB = 1L << 30;
    private static final Duration SSH_PATIENCE = Duration.ofSeconds(30);

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, Path.of("..", "config", "real-backends.yml").toAbsolutePath().toString(),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.applicationConnectors[0].bindHost", "0.0.0.0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].bindHost", "0.0.0.0"),
            ConfigOverride.config("admin.password", UUID.randomUUID().toString()),
            ConfigOverride.config("aps.certificates.secretKey", "dGVzdC1vbmx5LXNlYWxpbmcta2V5LTMyLWJ5dGVzISE="),
            ConfigOverride.config("database.url", "jdbc:h2:mem:container-e2e-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.owner", OWNER),
            ConfigOverride.config("backends.hypervisor.owner", OWNER),
            ConfigOverride.config("logging.level", "WARN")) {
        @Override
        protected JerseyClientBuilder clientBuilder() {
            return super.clientBuilder().property(ClientProperties.READ_TIMEOUT, (int) Duration.ofSeconds(30).toMillis());
        }
    };

    private static final DockerContainerBackend CONTAINERS = new DockerContainerBackend(DockerSettings.defaults().withOwner(OWNER));

    @AfterAll
    static void removeWhatTheRunMade() throws Exception {
        try {
            APP.after();
            for (ServerStatus server : CONTAINERS.list()) {
                CONTAINERS.destroy(server.vpsId());
            }
        } finally {
            CONTAINERS.close();
        }
    }

    @Test
    void aCustomerLogsInFindsWhatWasSoldCannotReachTheConnectorAndSeesAConfigureInside() throws Exception {
        UUID id = UUID.randomUUID();
        ApsController controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        try (GuestLogin login = GuestLogin.withNewKey()) {
            ObjectNode body = ApsController.vps("vps-container.json", id);
            body.put("name", "Shop Front #1");
            ((ObjectNode) body.get("hardware")).put("diskspace", 1);
            ObjectNode access = body.putObject("login");
            access.putArray("sshKeys").add(login.publicKey());
            access.put("password", "a password the customer chose");

            Instant ordered = Instant.now();
            Reply provisioned = controller.send("POST", "/vpses", body, "sync");
            assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(200);
            assertThat(provisioned.body().path("login").has("password")).as("the password is never answered").isFalse();
            String address = controller.send("GET", "/vpses/" + id, null, "sync").body().path("network").path("ipv4").asText();
            assertThat(address).as("network.ipv4").matches("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");

            String inside = awaitSsh(login, address, "set -e; . /etc/os-release; echo $ID $VERSION_ID; hostname;"
                    + " cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us"
                    + " /sys/fs/cgroup/memory/memory.limit_in_bytes; getent shadow root | cut -d: -f2 | cut -c1-3;"
                    + " cut -d' ' -f22 /proc/1/stat; free -b | awk '/^Mem:/ { print $2 }'; grep -c ^processor /proc/cpuinfo; nproc");
            System.out.printf("container VPS: ordered to SSH login %d ms%n", Duration.between(ordered, Instant.now()).toMillis());
            List<String> seen = inside.lines().toList();
            assertThat(seen.subList(0, 6)).containsExactly("debian 12", "shop-front-1", "100000", "100000",
                    Long.toString(GB), "$6$");
            String firstProcessStarted = seen.get(6);
            assertThat(seen.subList(7, 10)).as("memory and CPUs as free, /proc/cpuinfo and nproc show them")
                    .containsExactly(Long.toString(GB), "1", "1");

            assertThat(written(login, address, 1536)).as("MB a 1 GB server writes of 1.5 GB").isBetween(700L, 1024L);
            assertThat(login.sshWithPassword(address, "a password the customer chose", "hostname").stdout().strip())
                    .as("root's SSH login with the password").isEqualTo("shop-front-1");
            assertThat(login.sshWithPassword(address, "another password", "hostname").succeeded()).as("a wrong password").isFalse();

            for (int port : List.of(APP.getLocalPort(), APP.getAdminPort())) {
                for (String hostAddress : hostAddresses()) {
                    try (Socket fromHost = new Socket()) {
                        fromHost.connect(new InetSocketAddress(hostAddress, port), 2000);
                    }
                    GuestLogin.Result probe = login.ssh(address, "timeout 5 bash -c 'exec 3<>/dev/tcp/" + hostAddress + "/" + port + "'");
                    assertThat(probe.exitCode()).as("the server connecting to the connector's port %d at %s: %s", port, hostAddress, probe)
                            .isNotZero().isNotEqualTo(255);
                }
            }

            ObjectNode grown = ApsController.vps("vps-container.json", id);
            grown.put("name", "Shop Front #1");
            ((ObjectNode) grown.get("hardware")).put("diskspace", 1);
            ((ObjectNode) grown.get("hardware")).put("memory", 2);
            ((ObjectNode) grown.get("hardware").get("CPU")).put("number", 2);
            Reply configured = controller.send("PUT", "/vpses/" + id, grown, "sync");
            assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
            System.out.printf("container VPS configured: APS-Info %s%n", configured.header("APS-Info"));
            assertThat(configured.header("APS-Info")).as("APS-Info of the configure").contains("without a restart");

            String after = login.ssh(address, "cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/memory/memory.limit_in_bytes;"
                    + " cut -d' ' -f22 /proc/1/stat; free -b | awk '/^Mem:/ { print $2 }'; grep -c ^processor /proc/cpuinfo; nproc").stdout();
            String twoCpus = Integer.toString(Math.min(2, Runtime.getRuntime().availableProcessors()));
            assertThat(after.lines().toList()).as("quota, memory limit, start of the first process (not restarted), free, cpuinfo, nproc")
                    .containsExactly("200000", Long.toString(2 * GB), firstProcessStarted, Long.toString(2 * GB), "2", twoCpus);

            // A bigger disk: the container is made again from its files, with a restart the controller is told of.
            login.ssh(address, "echo kept > /root/customer-file");
            ((ObjectNode) grown.get("hardware")).put("diskspace", 2);
            List<String> infos = new ArrayList<>();
            Reply resized = controller.sendAndPoll("PUT", "/vpses/" + id, grown, Duration.ofMinutes(2),
                    reply -> infos.add(String.valueOf(reply.header("APS-Info"))));
            assertThat(resized.status()).as(resized.toString()).isEqualTo(200);
            assertThat(String.join(" | ", infos)).as("APS-Info of the resize").contains("restarted");
            String addressAfter = controller.send("GET", "/vpses/" + id, null, "sync").body().path("network").path("ipv4").asText();
            assertThat(awaitSsh(login, addressAfter, "cat /root/customer-file; free -b | awk '/^Mem:/ { print $2 }';"
                    + " grep -c ^processor /proc/cpuinfo; nproc; hostname").lines().toList())
                    .as("the customer's file, memory, CPUs and host name after the resize")
                    .containsExactly("kept", Long.toString(2 * GB), "2", twoCpus, "shop-front-1");
            assertThat(written(login, addressAfter, 1536)).as("MB a 2 GB server writes of 1.5 GB").isEqualTo(1536L);
            assertThat(written(login, addressAfter, 2560)).as("MB a 2 GB server writes of 2.5 GB").isBetween(1536L, 2048L);

            assertThat(controller.send("DELETE", "/vpses/" + id, null, "sync").status()).isEqualTo(204);
            assertThat(CONTAINERS.inspect(id)).isEmpty();
            assertThat(CONTAINERS.list()).extracting(ServerStatus::vpsId).doesNotContain(id);
            Process inspect = new ProcessBuilder("docker", "inspect", "vps-" + id).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(inspect.waitFor()).as("docker inspect of the removed container").isNotZero();
        }
    }

    /** How many MB of {@code megabytes} the server's root writes into a file before its disk is full; the file is removed. */
    private static long written(GuestLogin login, String address, int megabytes) {
        GuestLogin.Result result = login.ssh(address, "dd if=/dev/zero of=/root/fill bs=1M count=" + megabytes
                + " status=none 2>/dev/null; echo $(( $(stat -c %s /root/fill) / 1048576 )); rm -f /root/fill");
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        long megabytesWritten = Long.parseLong(result.stdout().strip());
        System.out.printf("container VPS at %s: wrote %d of %d MB%n", address, megabytesWritten, megabytes);
        return megabytesWritten;
    }

    /** What {@code command} printed once the server's sshd lets the key in; it makes its host keys on the first start. */
    private static String awaitSsh(GuestLogin login, String address, String command) throws InterruptedException {
        Instant giveUp = Instant.now().plus(SSH_PATIENCE);
        GuestLogin.Result result = login.ssh(address, command);
        while (!result.succeeded()) {
            assertThat(Instant.now()).as("SSH login to %s within %s; last try: %s", address, SSH_PATIENCE, result).isBefore(giveUp);
            Thread.sleep(500);
            result = login.ssh(address, command);
        }
        return result.stdout();
    }

    /** The host's IPv4 addresses a server could try: every interface but loopback, the containers' gateway included. */
    private static List<String> hostAddresses() throws IOException {
        List<String> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback() || nic.getName().startsWith("veth")) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    addresses.add(address.getHostAddress());
                }
            }
        }
        return addresses;
    }
}
