package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.Secret;

/**
 * A Debian container as its customer finds it: the login the connector gave it, its host name,
 * an address on the containers' network that the host reaches, and no way to the host's services.
 * Needs the image, the network and LXCFS that scripts/build-container-image.sh makes and starts.
 */
class DockerServerAccessTest {
    private static final String NETWORK = "vps-connector";
    /** Where scripts/start-lxcfs.sh mounts LXCFS. */
    private static final String LXCFS = "/var/lib/lxcfs";
    private static final Platform DEBIAN_12 = new Platform("x86_64", "debian", "12");
    private static final Hardware SMALL = new Hardware(1, 10, 1, false);
    private static final Login FIRST = new Login(List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFirstKeyOfTheCustomer first@example"),
            Secret.of("$6$vpstestsalt$JiqMLf8eM4k5Z9KrXY9ozYM4aKpyyWJZ8WZb.hkqPZKTbS8.pgl807FRocGWj3GQ47ITC4uyPdaN20rH5A4bN0"));
    private static final Login SECOND = new Login(List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISecondKeyOfTheCustomer second@example",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIThirdKeyOfTheCustomer third@example"),
            Secret.of("$6$vpstestsalt2$uQUxbW5EzPFEtpXVhlrs/K60iESm81LNEbev8n3p2dfO81bz5hCN.EKo31VoTI3JFeLAk6i86Jrtnt9TxdtLH1"));
    private static final DockerContainerBackend BACKEND =
            new DockerContainerBackend(DockerTestEngine.SETTINGS.withNetworkMode(NETWORK));

    private final List<UUID> created = new ArrayList<>();

    @AfterEach
    void removeWhatTheTestCreated() {
        created.forEach(DockerTestEngine::removeContainer);
    }

    @AfterAll
    static void disconnect() throws IOException {
        BACKEND.close();
    }

    @Test
    void theLoginAndHostNameAreInTheStartedServerAndNotInWhatDockerShows() throws Exception {
        ServerSpec spec = spec("Shop Front (prod)", FIRST);

        BACKEND.create(spec);
        BACKEND.start(spec.vpsId());

        awaitSshd(spec.vpsId());
        assertThat(exec(spec.vpsId(), "cat", "/root/.ssh/authorized_keys")).isEqualTo(FIRST.sshKeys().get(0) + "\n");
        assertThat(exec(spec.vpsId(), "stat", "-c", "%a %U", "/root/.ssh", "/root/.ssh/authorized_keys"))
                .isEqualTo("700 root\n600 root\n");
        assertThat(exec(spec.vpsId(), "getent", "shadow", "root")).startsWith("root:" + FIRST.passwordHash().reveal() + ":");
        assertThat(exec(spec.vpsId(), "hostname")).isEqualTo("shop-front-prod\n");
        assertThat(exec(spec.vpsId(), "ls", "-A", "/var/lib/vps-connector/login")).as("copied files left once applied").isEmpty();
        assertThat(exec(spec.vpsId(), "sh", "-c", ". /etc/os-release; echo $ID $VERSION_ID")).isEqualTo("debian 12\n");
        assertThat(dockerInspect(spec.vpsId())).doesNotContain(FIRST.passwordHash().reveal(), "FirstKeyOfTheCustomer");
    }

    @Test
    void theHostReachesTheServerAtTheAddressItReports() throws Exception {
        ServerSpec spec = spec("reachable", FIRST);
        BACKEND.create(spec);
        assertThat(BACKEND.inspect(spec.vpsId()).orElseThrow().ipv4()).as("no address while stopped").isNull();

        BACKEND.start(spec.vpsId());

        ServerStatus status = BACKEND.inspect(spec.vpsId()).orElseThrow();
        assertThat(status.ipv4()).isEqualTo(network(spec.vpsId()).getIpAddress());
        assertThat(sshBanner(status.ipv4(), Duration.ofSeconds(20))).startsWith("SSH-2.0-OpenSSH");
    }

    @Test
    void theServerCannotReachAServiceTheHostBindsOnEveryAddress() throws Exception {
        ServerSpec spec = spec("walled-in", Login.NONE);
        BACKEND.create(spec);
        BACKEND.start(spec.vpsId());
        awaitSshd(spec.vpsId());
        List<String> hostAddresses = new ArrayList<>(List.of(network(spec.vpsId()).getGateway()));
        hostAddresses.addAll(otherHostAddresses());

        try (ServerSocket hostService = new ServerSocket()) {
            hostService.bind(new InetSocketAddress("0.0.0.0", 0));
            for (String address : hostAddresses) {
                try (Socket fromHost = new Socket()) {
                    fromHost.connect(new InetSocketAddress(address, hostService.getLocalPort()), 2000);
                }
                assertThat(connects(spec.vpsId(), address, hostService.getLocalPort()))
                        .as("the server connects to the host's port %d at %s", hostService.getLocalPort(), address)
                        .isFalse();
            }
        }
        assertThat(connects(spec.vpsId(), "127.0.0.1", 22)).as("the same probe reaches the server's own sshd").isTrue();
    }

    @Test
    void aChangedLoginIsAppliedAtOnceInARunningServerAndAtTheNextStartInAStoppedOne() throws Exception {
        ServerSpec spec = spec("relogin", FIRST);
        BACKEND.create(spec);
        BACKEND.start(spec.vpsId());
        awaitSshd(spec.vpsId());
        String startedAt = DockerTestEngine.inspect(spec.vpsId()).getState().getStartedAt();

        assertThat(BACKEND.reconfigure(spec.vpsId(), SMALL, FIRST)).isEqualTo(Reconfiguration.UNCHANGED);
        assertThat(BACKEND.reconfigure(spec.vpsId(), SMALL, SECOND)).isEqualTo(Reconfiguration.APPLIED);

        assertThat(exec(spec.vpsId(), "cat", "/root/.ssh/authorized_keys"))
                .isEqualTo(String.join("\n", SECOND.sshKeys()) + "\n");
        assertThat(exec(spec.vpsId(), "getent", "shadow", "root")).startsWith("root:" + SECOND.passwordHash().reveal() + ":");
        assertThat(DockerTestEngine.inspect(spec.vpsId()).getState().getStartedAt()).as("not restarted").isEqualTo(startedAt);
        assertThat(BACKEND.reconfigure(spec.vpsId(), SMALL, SECOND)).isEqualTo(Reconfiguration.UNCHANGED);
        assertThat(BACKEND.reconfigure(spec.vpsId(), new Hardware(2, 10, 2, false), SECOND)).isEqualTo(Reconfiguration.APPLIED);

        BACKEND.stop(spec.vpsId());
        Login keyOnly = new Login(List.of(FIRST.sshKeys().get(0)), null);
        assertThat(BACKEND.reconfigure(spec.vpsId(), SMALL, keyOnly)).isEqualTo(Reconfiguration.AT_NEXT_START);
        BACKEND.start(spec.vpsId());
        awaitSshd(spec.vpsId());

        assertThat(exec(spec.vpsId(), "cat", "/root/.ssh/authorized_keys")).isEqualTo(FIRST.sshKeys().get(0) + "\n");
        assertThat(exec(spec.vpsId(), "getent", "shadow", "root")).as("no password any more").startsWith("root:*:");
        assertThat(BACKEND.reconfigure(spec.vpsId(), SMALL, keyOnly)).isEqualTo(Reconfiguration.UNCHANGED);
        assertThat(dockerInspect(spec.vpsId())).doesNotContain(SECOND.passwordHash().reveal(), "SecondKeyOfTheCustomer");
    }

    @Test
    void throughLxcfsTheServerSeesItsOwnCpusAndMemoryAndAConfigureAtOnce() throws Exception {
        try (DockerContainerBackend backend = new DockerContainerBackend(
                DockerTestEngine.SETTINGS.withNetworkMode(NETWORK).withLxcfs(LXCFS))) {
            ServerSpec spec = spec("sized", Login.NONE);
            backend.create(spec);
            backend.start(spec.vpsId());
            String[] look = {"sh", "-c", "free -b | awk '/^Mem:/ { print $2 }'; grep -c ^processor /proc/cpuinfo; getconf _NPROCESSORS_ONLN"};

            assertThat(exec(spec.vpsId(), look).lines()).containsExactly(Long.toString(1L << 30), "1", "1");

            assertThat(backend.reconfigure(spec.vpsId(), new Hardware(2, 10, 2, false), Login.NONE)).isEqualTo(Reconfiguration.APPLIED);

            assertThat(exec(spec.vpsId(), look).lines()).containsExactly(Long.toString(2L << 30), "2", "2");
        }
    }

    @Test
    void eachServerMakesItsOwnHostKeys() throws Exception {
        ServerSpec first = spec("first", Login.NONE);
        ServerSpec second = spec("second", Login.NONE);
        for (ServerSpec spec : List.of(first, second)) {
            BACKEND.create(spec);
            BACKEND.start(spec.vpsId());
            awaitSshd(spec.vpsId());
        }

        String firstKey = exec(first.vpsId(), "cat", "/etc/ssh/ssh_host_ed25519_key.pub");
        assertThat(firstKey).startsWith("ssh-ed25519 ");
        assertThat(exec(second.vpsId(), "cat", "/etc/ssh/ssh_host_ed25519_key.pub")).isNotEqualTo(firstKey);
    }

    private ServerSpec spec(String name, Login login) {
        DockerTestEngine.docker();
        ServerSpec spec = new ServerSpec(UUID.randomUUID(), UUID.randomUUID(), name, SMALL, DEBIAN_12, login);
        created.add(spec.vpsId());
        return spec;
    }

    private static ContainerNetwork network(UUID vpsId) {
        return DockerTestEngine.inspect(vpsId).getNetworkSettings().getNetworks().get(NETWORK);
    }

    /** The host's own IPv4 addresses on its other interfaces, which a server must not reach either. */
    private static List<String> otherHostAddresses() throws IOException {
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

    /** Whether a TCP connection from inside the server to {@code address:port} is accepted within 5 s. */
    private static boolean connects(UUID vpsId, String address, int port) throws InterruptedException {
        return execExitCode(vpsId, "timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/" + address + "/" + port) == 0;
    }

    private static void awaitSshd(UUID vpsId) throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(20);
        while (!connects(vpsId, "127.0.0.1", 22)) {
            assertThat(Instant.now()).as("sshd of %s listening", vpsId).isBefore(giveUp);
            Thread.sleep(200);
        }
    }

    private static String sshBanner(String address, Duration patience) throws Exception {
        Instant giveUp = Instant.now().plus(patience);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, 22), 2000);
                socket.setSoTimeout(5000);
                InputStream in = socket.getInputStream();
                StringBuilder line = new StringBuilder();
                for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                    line.append((char) c);
                }
                return line.toString().strip();
            } catch (IOException notYet) {
                if (Instant.now().isAfter(giveUp)) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    private static String dockerInspect(UUID vpsId) throws Exception {
        Process inspect = new ProcessBuilder("docker", "inspect", ContainerIdentity.name(vpsId)).redirectErrorStream(true).start();
        String shown = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(inspect.waitFor()).as(shown).isZero();
        return shown;
    }

    /** What the command printed on its standard output; fails unless it succeeded. */
    private static String exec(UUID vpsId, String... command) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        long exitCode = run(vpsId, out, command);
        assertThat(exitCode).as("exit code of %s: %s", String.join(" ", command), out).isZero();
        return out.toString();
    }

    private static long execExitCode(UUID vpsId, String... command) throws InterruptedException {
        return run(vpsId, new StringBuilder(), command);
    }

    private static long run(UUID vpsId, StringBuilder out, String... command) throws InterruptedException {
        String execId = DockerTestEngine.docker().execCreateCmd(ContainerIdentity.name(vpsId)).withCmd(command)
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        boolean finished = DockerTestEngine.docker().execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                if (frame.getStreamType() == StreamType.STDOUT) {
                    out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        }).awaitCompletion(60, TimeUnit.SECONDS);
        assertThat(finished).as("%s finished", String.join(" ", command)).isTrue();
        return DockerTestEngine.docker().inspectExecCmd(execId).exec().getExitCodeLong();
    }
}
