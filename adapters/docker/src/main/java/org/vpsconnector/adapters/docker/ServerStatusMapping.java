package org.vpsconnector.adapters.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.util.Map;
import java.util.Optional;
import org.vpsconnector.application.port.out.ServerStatus;

/** What {@code docker inspect} says about a VPS container, as the backend port reports it. */
final class ServerStatusMapping {

    private ServerStatusMapping() {
    }

    /** Empty when the container is not a VPS of this owner; the address is the one on {@code network}. */
    static Optional<ServerStatus> of(InspectContainerResponse container, String owner, String network) {
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
                ContainerHardware.of(container.getHostConfig(), labels).orElse(null),
                running ? ipv4(container, network) : null));
    }

    /** Null when the container has no address there: not attached, or (network {@code none}) no network at all. */
    private static String ipv4(InspectContainerResponse container, String network) {
        if (container.getNetworkSettings() == null || container.getNetworkSettings().getNetworks() == null) {
            return null;
        }
        ContainerNetwork attached = container.getNetworkSettings().getNetworks().get(network);
        String address = attached == null ? null : attached.getIpAddress();
        return address == null || address.isBlank() ? null : address;
    }
}
