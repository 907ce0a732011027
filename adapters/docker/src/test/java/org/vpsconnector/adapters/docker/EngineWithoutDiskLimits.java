package org.vpsconnector.adapters.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A second Docker engine of this machine on overlay2 over ext4, which cannot cap a container's
 * size: its own socket, data root, exec root, pid file and bridge, and no firewall rules. Not
 * {@code --bridge none}: an engine started so deletes the bridge docker0, which the host's own
 * engine needs. Holds only a copy of the base image. Stopped, its bridge and its directories
 * removed on close.
 */
public final class EngineWithoutDiskLimits implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process dockerd;
    private final Path dataRoot;
    private final Path runDirectory;
    private final String bridge;
    private final String dockerHost;

    private EngineWithoutDiskLimits(Process dockerd, Path dataRoot, Path runDirectory, String bridge) {
        this.dockerd = dockerd;
        this.dataRoot = dataRoot;
        this.runDirectory = runDirectory;
        this.bridge = bridge;
        this.dockerHost = "unix://" + runDirectory.resolve("docker.sock");
    }

    public static EngineWithoutDiskLimits start() throws IOException, InterruptedException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path dataRoot = Files.createDirectories(Path.of("/var/lib/vps-connector/test/engine-without-disk-limits-" + id));
        // Short: a unix socket's path has at most 107 bytes, and containerd's sockets live below it.
        Path runDirectory = Files.createDirectories(Path.of("/run/vpsc-nolimits-" + id));
        // At most 15 characters; an address from the benchmarking range 198.18.0.0/15, which no real network uses.
        String bridge = "vpsc-nl-" + id.substring(0, 6);
        run("ip link add name " + bridge + " type bridge && ip addr add 198.18." + (1 + new java.util.Random().nextInt(250))
                + ".1/24 dev " + bridge + " && ip link set " + bridge + " up");
        Process dockerd = new ProcessBuilder("dockerd",
                "--host", "unix://" + runDirectory.resolve("docker.sock"),
                "--data-root", dataRoot.resolve("data").toString(),
                "--exec-root", runDirectory.resolve("exec").toString(),
                "--pidfile", runDirectory.resolve("docker.pid").toString(),
                "--storage-driver", "overlay2",
                "--bridge", bridge, "--iptables=false", "--ip-masq=false", "--ip-forward=false")
                .redirectErrorStream(true)
                .redirectOutput(dataRoot.resolve("dockerd.log").toFile())
                .start();
        EngineWithoutDiskLimits engine = new EngineWithoutDiskLimits(dockerd, dataRoot, runDirectory, bridge);
        try {
            engine.awaitAnswer();
            run("docker save " + DockerSettings.BUSYBOX_IMAGE + " | docker -H " + engine.dockerHost + " load");
        } catch (IOException | InterruptedException | RuntimeException failed) {
            engine.close();
            throw failed;
        }
        return engine;
    }

    public String dockerHost() {
        return dockerHost;
    }

    private void awaitAnswer() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!dockerd.isAlive()) {
                throw new IllegalStateException("the second dockerd ended: " + Files.readString(dataRoot.resolve("dockerd.log")));
            }
            if (new ProcessBuilder("docker", "-H", dockerHost, "info").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the second dockerd did not answer within " + START_TIMEOUT);
    }

    private static void run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (dockerd.isAlive()) {
            try {
                run("ids=$(docker -H " + dockerHost + " ps -aq); [ -z \"$ids\" ] || docker -H " + dockerHost + " rm -f $ids");
            } catch (IllegalStateException ignored) {
                // the engine is going anyway
            }
            dockerd.destroy();
            if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                dockerd.destroyForcibly().waitFor();
            }
        }
        // Its containerd ends with it; overlay mounts left by a killed engine are unmounted before removal.
        run("for m in $(grep -o ' " + dataRoot + "[^ ]*' /proc/mounts | sort -r); do umount -l \"$m\"; done; rm -rf "
                + dataRoot + " " + runDirectory + "; ! ip link show " + bridge + " >/dev/null 2>&1 || ip link del " + bridge);
    }

    @Override
    public String toString() {
        return "EngineWithoutDiskLimits[" + dockerHost + "]";
    }
}
