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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vpsconnector.adapters.docker.DockerSettings;
import org.vpsconnector.adapters.libvirt.LibvirtHypervisorBackend;
import org.vpsconnector.adapters.libvirt.LibvirtSettings;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.bootstrap.ApsController.Reply;

/**
 * A Debian 12 VM as a customer gets it, through the application on config/real-backends.yml and a
 * real QEMU guest: ordered with an SSH key, logged in to at the address the VPS reports, checked
 * inside (system, CPUs, memory, host name, root disk), unable to reach the host or a container VPS, configured bigger
 * (a restart) and checked again, unprovisioned without a trace. One guest, booted twice.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DebianVmEndToEndTest {
    private static final String OWNER_PREFIX = "e2e-vm-";
    private static final String OWNER = OWNER_PREFIX + UUID.randomUUID();
    private static final Duration PATIENCE = Duration.ofMinutes(6);
    private static final long KIB_PER_GIB = 1024L * 1024;
    private static final long BYTES_PER_GIB = 1024L * 1024 * 1024;
    private static final String NETWORK = "vps-connector";

    // The APS port on every address, as a connector facing a remote controller binds it: the guest must still not reach it.
    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, Path.of("..", "config", "real-backends.yml").toAbsolutePath().toString(),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.applicationConnectors[0].bindHost", "0.0.0.0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("admin.password", UUID.randomUUID().toString()),
            ConfigOverride.config("aps.certificates.secretKey", "dGVzdC1vbmx5LXNlYWxpbmcta2V5LTMyLWJ5dGVzISE="),
            ConfigOverride.config("database.url", "jdbc:h2:mem:vm-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.owner", OWNER),
            ConfigOverride.config("backends.hypervisor.owner", OWNER),
            ConfigOverride.config("driver.sweepInterval", "100ms"),
            ConfigOverride.config("logging.level", "WARN")) {
        @Override
        protected JerseyClientBuilder clientBuilder() {
            return super.clientBuilder().property(ClientProperties.READ_TIMEOUT, (int) Duration.ofSeconds(90).toMillis());
        }
    };

    private static final LibvirtHypervisorBackend HYPERVISOR =
            new LibvirtHypervisorBackend(LibvirtSettings.defaults("qemu").withOwner(OWNER));

    @BeforeAll
    static void removeWhatKilledRunsLeft() {
        ServerInventory.removeDomainsLeftBy(OWNER_PREFIX);
    }

    @AfterAll
    static void removeWhatTheRunMade() {
        try {
            APP.after();
            for (ServerStatus server : HYPERVISOR.list()) {
                HYPERVISOR.destroy(server.vpsId());
            }
        } finally {
            HYPERVISOR.close();
        }
    }

    @Test
    void aCustomerLogsInToTheVmTheyOrderedAndFindsWhatTheyPaidFor() throws Exception {
        ApsController controller = new ApsController(APP.client(), "http://127.0.0.1:" + APP.getLocalPort(), UUID.randomUUID());
        assertThat(controller.install().status()).isEqualTo(200);
        assertThat(controller.send("POST", "/contexts", ApsController.fixture("context-provision.json"), "sync").status())
                .isEqualTo(200);
        UUID id = UUID.randomUUID();

        try (GuestLogin login = GuestLogin.withNewKey(); ServerSocket hostService = new ServerSocket()) {
            hostService.bind(new InetSocketAddress("0.0.0.0", 0));
            ObjectNode body = vm(id, 1, 4, 1);
            ObjectNode access = body.putObject("login");
            access.putArray("sshKeys").add(login.publicKey());
            access.put("password", "the customer's VM password");

            long accepted = System.nanoTime();
            Reply provisioned = controller.sendAndPoll("POST", "/vpses", body, PATIENCE);
            Duration readyAfter = Duration.ofNanos(System.nanoTime() - accepted);
            assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(200);
            assertThat(provisioned.state()).isEqualTo("Running");
            System.out.printf("Debian 12 VM: accept -> Running as the controller sees it in %.1f s%n", readyAfter.toMillis() / 1000.0);

            String address = controller.send("GET", "/vpses/" + id, null, "sync").body().path("network").path("ipv4").asText();
            assertThat(address).as("the address the VPS reports").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(provisioned.body().path("login").path("password").isMissingNode()).isTrue();

            assertInside(login, address, "debian-web-01", 1, 1, 4);
            assertThat(login.sshWithPassword(address, "the customer's VM password", "hostname").stdout().strip())
                    .as("root's SSH login with the password").isEqualTo("debian-web-01");

            // From inside: the host is out of reach at every address it has, whatever the service.
            String gateway = ssh(login, address, "ip -4 route show default | awk '{ print $3; exit }'").strip();
            assertThat(gateway).as("the guest's gateway, the bridge's address on the host").isNotBlank();
            List<String> hostAddresses = new ArrayList<>(List.of(gateway));
            hostAddresses.addAll(outsideFacingAddresses());
            // DNS on the bridge, which guests may use, is tried with the rest: a try that had no time to connect would say closed.
            String dns = gateway + " 53";
            List<String> hostEndpoints = new ArrayList<>(List.of(dns));
            for (String hostAddress : hostAddresses) {
                for (int port : new int[] {APP.getLocalPort(), APP.getAdminPort(), hostService.getLocalPort(), 22}) {
                    hostEndpoints.add(hostAddress + " " + port);
                }
            }
            Map<String, Boolean> fromGuest = reachable(login, address, hostEndpoints);
            assertThat(fromGuest.get(dns)).as("DNS on the bridge, tried with the host's ports").isTrue();
            for (String endpoint : hostEndpoints.subList(1, hostEndpoints.size())) {
                assertThat(fromGuest.get(endpoint)).as("the guest reaches the host at %s", endpoint).isFalse();
            }
            assertThat(reachableFromHost(gateway, APP.getLocalPort())).as("the APS port does listen on the bridge").isTrue();
            assertSeparatedFromAContainerVps(login, address);
            // Nor another guest: its port on the NAT network's bridge forwards only to the host.
            String nic = virsh("domiflist", id.toString()).lines().filter(line -> line.contains(NETWORK))
                    .map(line -> line.strip().split("\\s+")[0]).findFirst().orElseThrow();
            assertThat(command("bridge", "-d", "link", "show", "dev", nic)).as("the guest's bridge port %s", nic)
                    .contains("isolated on");

            // Bigger hardware needs a fresh boot; the controller is told so.
            List<String> infos = new ArrayList<>();
            ObjectNode bigger = vm(id, 2, 6, 2);
            long configuring = System.nanoTime();
            Reply configured = controller.sendAndPoll("PUT", "/vpses/" + id, bigger, PATIENCE,
                    reply -> infos.add(String.valueOf(reply.header("APS-Info"))));
            assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
            assertThat(String.join(" | ", infos).toLowerCase(Locale.ROOT)).as("APS-Info of the configure").contains("restarted");
            awaitRunning(controller, id);
            System.out.printf("Debian 12 VM: configure with a restart -> Running in %.1f s%n",
                    (System.nanoTime() - configuring) / 1e9);
            String addressAfter = controller.send("GET", "/vpses/" + id, null, "sync").body().path("network").path("ipv4").asText();
            assertInside(login, addressAfter, "debian-web-01", 2, 2, 6);

            long unprovisioning = System.nanoTime();
            assertThat(controller.sendAndPoll("DELETE", "/vpses/" + id, null, PATIENCE).status()).isEqualTo(204);
            System.out.printf("Debian 12 VM: unprovisioned in %.1f s%n", (System.nanoTime() - unprovisioning) / 1e9);
            assertThat(HYPERVISOR.inspect(id)).isEmpty();
            assertThat(virsh("vol-list", "vps-connector")).as("disk and seed").doesNotContain(id.toString());
            assertThat(virsh("net-dhcp-leases", NETWORK)).as("the guest's DHCP lease").doesNotContain(addressAfter + "/");
        }
    }

    private static ObjectNode vm(UUID id, int memoryGb, int diskspaceGb, int cpus) {
        ObjectNode body = ApsController.vps("vps-vm.json", id);
        body.put("name", "Debian Web 01");
        ObjectNode hardware = (ObjectNode) body.path("hardware");
        hardware.put("memory", memoryGb).put("diskspace", diskspaceGb);
        ((ObjectNode) hardware.path("CPU")).put("number", cpus);
        return body;
    }

    private static void assertInside(GuestLogin login, String address, String hostName, int cpus, int memoryGb, int diskGb) {
        String facts = awaitSsh(login, address, ". /etc/os-release; echo $ID $VERSION_ID; nproc;"
                + " awk '/MemTotal/ { print $2 }' /proc/meminfo; hostname; df -B1 --output=size / | tail -n 1");
        List<String> lines = facts.lines().map(String::strip).toList();
        assertThat(lines).as(facts).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("debian 12");
        assertThat(Integer.parseInt(lines.get(1))).as("CPUs").isEqualTo(cpus);
        // The kernel keeps some memory for itself: MemTotal is a little below what the VM has.
        assertThat(Long.parseLong(lines.get(2))).as("MemTotal in KiB")
                .isBetween(memoryGb * KIB_PER_GIB * 85 / 100, memoryGb * KIB_PER_GIB);
        assertThat(lines.get(3)).as("host name").isEqualTo(hostName);
        assertThat(Long.parseLong(lines.get(4))).as("size of the root file system in bytes")
                .isBetween(diskGb * BYTES_PER_GIB * 95 / 100, diskGb * BYTES_PER_GIB);
        System.out.printf("inside the VM at %s: %s%n", address, String.join(", ", lines));
    }

    /** The guest is Running for the controller; sshd may still be a moment behind after a restart. */
    private static String awaitSsh(GuestLogin login, String address, String command) {
        long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            GuestLogin.Result result = login.ssh(address, command);
            if (result.succeeded()) {
                return result.stdout();
            }
            assertThat(System.nanoTime()).as("ssh root@%s: %s", address, result).isLessThan(giveUp);
            ApsController.sleep(Duration.ofSeconds(2));
        }
    }

    private static String ssh(GuestLogin login, String address, String command) {
        GuestLogin.Result result = login.ssh(address, command);
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        return result.stdout();
    }

    private static boolean reachable(GuestLogin login, String guest, String host, int port) {
        return reachable(login, guest, List.of(host + " " + port)).get(host + " " + port);
    }

    /**
     * Whether the guest opens a TCP connection to each {@code "address port"} within 3 s: all tried at
     * once from one login, since a firewall that drops makes each try last the whole 3 s.
     */
    private static Map<String, Boolean> reachable(GuestLogin login, String guest, List<String> endpoints) {
        StringBuilder tries = new StringBuilder();
        for (String endpoint : endpoints) {
            String[] hostAndPort = endpoint.split(" ");
            tries.append("(timeout 3 bash -c '</dev/tcp/").append(hostAndPort[0]).append('/').append(hostAndPort[1])
                    .append("' 2>/dev/null && echo '").append(endpoint).append(" open' || echo '").append(endpoint)
                    .append(" closed') & ");
        }
        Map<String, Boolean> open = new HashMap<>();
        for (String line : ssh(login, guest, tries + "wait").strip().lines().toList()) {
            int last = line.lastIndexOf(' ');
            open.put(line.substring(0, last), line.substring(last + 1).equals("open"));
        }
        assertThat(open).as("an answer for every address and port tried").containsOnlyKeys(endpoints);
        return open;
    }

    /** A container VPS on the host's other bridge and the guest cannot open connections to each other; the host reaches both. */
    private static void assertSeparatedFromAContainerVps(GuestLogin login, String guest) throws Exception {
        String neighbour = "vps-isolation-probe-" + UUID.randomUUID();
        docker("run", "-d", "--name", neighbour, "--network", "vps-connector", DockerSettings.DEBIAN_IMAGE);
        try {
            String neighbourAddress = docker("inspect", "--format",
                    "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", neighbour).strip();
            // The image makes its SSH host keys on its first start, then sshd listens.
            docker("exec", neighbour, "timeout", "20", "bash", "-c", "until </dev/tcp/127.0.0.1/22; do sleep 0.2; done");
            assertThat(reachableFromHost(neighbourAddress, 22)).as("the host reaches the container at %s", neighbourAddress).isTrue();
            assertThat(reachable(login, guest, neighbourAddress, 22)).as("the guest reaches a container VPS at %s", neighbourAddress)
                    .isFalse();
            assertThat(docker("exec", neighbour, "bash", "-c", "timeout 3 bash -c '</dev/tcp/" + guest + "/22' 2>/dev/null"
                    + " && echo open || echo closed").strip()).as("a container VPS reaches the guest's sshd").isEqualTo("closed");
        } finally {
            docker("rm", "-f", neighbour);
        }
    }

    private static String docker(String... arguments) throws IOException, InterruptedException {
        List<String> docker = new ArrayList<>(List.of("docker"));
        docker.addAll(List.of(arguments));
        return command(docker.toArray(String[]::new));
    }

    private static boolean reachableFromHost(String host, int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(host, port), 3000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The host's IPv4 addresses other than loopback and the guests' bridge: where it faces the world. */
    private static List<String> outsideFacingAddresses() throws IOException {
        List<String> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback() || nic.getName().startsWith("vps-") || nic.getName().startsWith("vnet")) {
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

    private static void awaitRunning(ApsController controller, UUID id) {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (!controller.send("GET", "/vpses/" + id, null, "sync").state().equals("Running")) {
            assertThat(System.nanoTime()).as("VPS %s Running again", id).isLessThan(giveUp);
            ApsController.sleep(Duration.ofSeconds(1));
        }
    }

    private static String virsh(String... arguments) throws IOException, InterruptedException {
        List<String> virsh = new ArrayList<>(List.of("virsh", "-c", LibvirtSettings.DEFAULT_URI));
        virsh.addAll(List.of(arguments));
        return command(virsh.toArray(String[]::new));
    }

    /** What {@code command} printed; it must succeed within a minute. */
    private static String command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", List.of(command), output).isZero();
        return output;
    }
}
