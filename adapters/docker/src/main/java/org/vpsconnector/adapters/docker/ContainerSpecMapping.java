package org.vpsconnector.adapters.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.vpsconnector.application.port.out.ServerSpec;

/** The container a VPS gets: image, name, labels, limits, hostname and what it runs. */
final class ContainerSpecMapping {
    /**
     * Keeps a VPS running when its image has no long-running command of its own (a plain OS image
     * runs a shell, which exits at once without a terminal). Busybox's and coreutils' sleep both
     * accept {@code infinity}.
     */
    private static final String[] KEEP_RUNNING = {"sleep", "infinity"};
    /** An RFC 1123 host name that fits the kernel's 64-byte limit. */
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,63}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private ContainerSpecMapping() {
    }

    static CreateContainerCmd describe(CreateContainerCmd create, ServerSpec spec, DockerSettings settings) {
        Map<String, String> labels = new HashMap<>(ContainerIdentity.labels(spec, settings.owner()));
        labels.putAll(ContainerHardware.labels(spec.hardware()));
        // With an init process as PID 1, a stop's SIGTERM reaches the VPS's processes; without it
        // a shell or sleep as PID 1 ignores SIGTERM and every stop waits for the kill time-out.
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withInit(true)
                .withNetworkMode(settings.networkMode());
        create.withName(ContainerIdentity.name(spec.vpsId()))
                .withLabels(labels)
                .withCmd(KEEP_RUNNING)
                .withHostConfig(ContainerHardware.limit(hostConfig, spec.hardware()));
        if (spec.name() != null && HOSTNAME.matcher(spec.name()).matches()) {
            create.withHostName(spec.name());
        }
        return create;
    }
}
