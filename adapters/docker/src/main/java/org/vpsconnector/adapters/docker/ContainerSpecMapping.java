package org.vpsconnector.adapters.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.domain.HostName;
import org.vpsconnector.domain.OperatingSystem;

/** The container a VPS gets: image, name, labels, limits, hostname, network and what it runs. */
final class ContainerSpecMapping {
    static final String OS_LABEL = "org.vpsconnector.os";
    /**
     * Keeps a VPS running when its image has no command of its own (a bare file system image runs
     * nothing). Busybox's and coreutils' sleep both accept {@code infinity}.
     */
    private static final String[] KEEP_RUNNING = {"sleep", "infinity"};
    /** What LXCFS shows as the container's own: memory, CPUs, their load and the time since it started. */
    private static final List<String> LXCFS_FILES = List.of("/proc/cpuinfo", "/proc/diskstats", "/proc/loadavg",
            "/proc/meminfo", "/proc/stat", "/proc/swaps", "/proc/uptime", "/sys/devices/system/cpu");

    private ContainerSpecMapping() {
    }

    static CreateContainerCmd describe(CreateContainerCmd create, ServerSpec spec, OperatingSystem os,
                                       boolean imageHasCommand, int hostCpus, DockerSettings settings) {
        Map<String, String> labels = new HashMap<>(ContainerIdentity.labels(spec, settings.owner()));
        labels.putAll(ContainerHardware.labels(spec.hardware()));
        labels.put(OS_LABEL, os.toString());
        // With an init process as PID 1, a stop's SIGTERM reaches the VPS's processes; without it
        // a shell or sleep as PID 1 ignores SIGTERM and every stop waits for the kill time-out.
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withInit(true)
                .withNetworkMode(settings.networkMode());
        if (settings.lxcfsDirectory() != null) {
            hostConfig.withBinds(lxcfsBinds(settings.lxcfsDirectory()));
        }
        create.withName(ContainerIdentity.name(spec.vpsId()))
                .withLabels(labels)
                .withHostName(HostName.of(spec.name(), spec.vpsId()))
                .withHostConfig(ContainerHardware.limit(hostConfig, spec.hardware(),
                        ContainerCpus.cpuset(spec.vpsId(), spec.hardware().cpuCount(), hostCpus)));
        if (!imageHasCommand) {
            create.withCmd(KEEP_RUNNING);
        }
        return create;
    }

    private static List<Bind> lxcfsBinds(String lxcfsDirectory) {
        return LXCFS_FILES.stream()
                .map(path -> new Bind(lxcfsDirectory + path, new Volume(path), AccessMode.ro))
                .toList();
    }
}
