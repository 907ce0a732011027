package org.vpsconnector.adapters.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.util.Map;
import java.util.Optional;
import org.vpsconnector.application.port.out.ServerStatus;

/** What {@code docker inspect} says about a VPS container, as the backend port reports it. */
final class ServerStatusMapping {

    private ServerStatusMapping() {
    }

    /** Empty when the container is not a VPS of this owner. */
    static Optional<ServerStatus> of(InspectContainerResponse container, String owner) {
        Map<String, String> labels = container.getConfig().getLabels();
        if (!ContainerIdentity.isOwnedBy(labels, owner)) {
            return Optional.empty();
        }
        // A container is usable as soon as it runs: it shares the host's kernel, nothing boots.
        boolean running = Boolean.TRUE.equals(container.getState().getRunning());
        return Optional.of(new ServerStatus(
                ContainerIdentity.vpsId(labels),
                ContainerIdentity.instanceId(labels),
                running ? ServerStatus.Power.RUNNING : ServerStatus.Power.STOPPED,
                running,
                ContainerHardware.of(container.getHostConfig(), labels).orElse(null)));
    }
}
