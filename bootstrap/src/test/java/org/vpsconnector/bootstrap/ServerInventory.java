package org.vpsconnector.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.vpsconnector.adapters.docker.DockerContainerBackend;
import org.vpsconnector.adapters.docker.DockerSettings;
import org.vpsconnector.adapters.fake.FakeBackendSettings;
import org.vpsconnector.adapters.fake.FakeContainerBackend;
import org.vpsconnector.adapters.fake.FakeHypervisorBackend;
import org.vpsconnector.adapters.fake.FakeServerFarm;
import org.vpsconnector.adapters.fake.FaultSettings;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.adapters.libvirt.LibvirtHypervisorBackend;
import org.vpsconnector.adapters.libvirt.LibvirtSettings;

/**
 * The servers a connector left on its backend, seen from outside it: the fake farm's state file,
 * or the Docker engine and libvirt through their own command-line clients. Also removes what a
 * test made, whatever the connector did.
 */
interface ServerInventory {
    Pattern LIBVIRT_OWNER = Pattern.compile("<vps:owner>([^<]+)</vps:owner>");

    /** Servers of that VPS on the backend of its technology: {@code running} for each one found. */
    List<Boolean> servers(UUID vpsId, boolean vm);

    /** Removes the VPS's server from the backend if one is there. */
    void remove(UUID vpsId, boolean vm);

    static ServerInventory fakeFarm(Path stateFile) {
        FakeBackendSettings plain = new FakeBackendSettings(Duration.ZERO, Duration.ZERO, FaultSettings.none());
        return new ServerInventory() {
            @Override
            public List<Boolean> servers(UUID vpsId, boolean vm) {
                FakeServerFarm farm = FakeServerFarm.readFrom(stateFile);
                ServerBackend backend = vm ? new FakeHypervisorBackend(farm, Clock.systemUTC(), plain)
                        : new FakeContainerBackend(farm, Clock.systemUTC(), plain);
                return backend.list().stream().filter(server -> server.vpsId().equals(vpsId)).map(ServerStatus::running).toList();
            }

            @Override
            public void remove(UUID vpsId, boolean vm) {
                // The farm lives in the connector's process: nothing outlives it but a file in its data directory.
            }
        };
    }

    /** Docker containers by the VPS id label; libvirt domains by UUID (the VPS id). */
    static ServerInventory realEngines() {
        return new ServerInventory() {
            @Override
            public List<Boolean> servers(UUID vpsId, boolean vm) {
                if (vm) {
                    boolean defined = run("virsh", "-c", "qemu:///system", "list", "--all", "--uuid").lines()
                            .anyMatch(line -> line.trim().equals(vpsId.toString()));
                    return defined
                            ? List.of(run("virsh", "-c", "qemu:///system", "domstate", vpsId.toString()).trim().equals("running"))
                            : List.of();
                }
                return run("docker", "ps", "--all", "--filter", "label=org.vpsconnector.vps-id=" + vpsId,
                        "--format", "{{.State}}").lines().filter(line -> !line.isBlank())
                        .map(state -> state.trim().equals("running")).toList();
            }

            @Override
            public void remove(UUID vpsId, boolean vm) {
                if (vm) {
                    try (LibvirtHypervisorBackend hypervisor = new LibvirtHypervisorBackend(LibvirtSettings.defaults("qemu"))) {
                        hypervisor.destroy(vpsId);
                    } catch (Exception e) {
                        throw new IllegalStateException("could not remove the domain of VPS " + vpsId, e);
                    }
                } else {
                    try (DockerContainerBackend containers = new DockerContainerBackend(DockerSettings.defaults())) {
                        containers.destroy(vpsId);
                    } catch (Exception e) {
                        throw new IllegalStateException("could not remove the container of VPS " + vpsId, e);
                    }
                }
            }
        };
    }

    /**
     * Removes, through the libvirt adapter, every domain on qemu:///system whose owner starts with
     * {@code ownerPrefix}: what earlier runs of a test left when their JVM was killed before its
     * clean-up ran (a run names its owner {@code prefix + random}, so a later run cannot list them
     * under its own). Answers the owners whose domains were removed.
     */
    static List<String> removeDomainsLeftBy(String ownerPrefix) {
        List<String> owners = run("virsh", "-c", "qemu:///system", "list", "--all", "--name").lines()
                .map(String::trim).filter(name -> name.startsWith("vps-"))
                .flatMap(name -> LIBVIRT_OWNER.matcher(run("virsh", "-c", "qemu:///system", "dumpxml", name)).results())
                .map(owner -> owner.group(1)).filter(owner -> owner.startsWith(ownerPrefix)).distinct().toList();
        for (String owner : owners) {
            try (LibvirtHypervisorBackend hypervisor = new LibvirtHypervisorBackend(LibvirtSettings.defaults("qemu").withOwner(owner))) {
                for (ServerStatus server : hypervisor.list()) {
                    hypervisor.destroy(server.vpsId());
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not remove the domains left by " + owner, e);
            }
        }
        return owners;
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
