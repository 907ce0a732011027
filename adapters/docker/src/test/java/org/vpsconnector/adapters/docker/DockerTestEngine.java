package org.vpsconnector.adapters.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import java.util.UUID;

/**
 * The real Docker engine of this machine, reached with plain docker-java to look behind the
 * backend's back. Tests fail, never skip, when it is not running.
 */
final class DockerTestEngine {
    static final DockerSettings SETTINGS = DockerSettings.defaults();
    private static final DockerClient DOCKER = DockerClients.connect(SETTINGS);

    private DockerTestEngine() {
    }

    static DockerClient docker() {
        try {
            DOCKER.pingCmd().exec();
        } catch (RuntimeException unreachable) {
            throw new AssertionError("No Docker engine answers at " + SETTINGS.dockerHost()
                    + ": run scripts/start-docker.sh first (it starts dockerd and builds the images " + SETTINGS.imagesByOs().values() + ")",
                    unreachable);
        }
        return DOCKER;
    }

    static InspectContainerResponse inspect(UUID vpsId) {
        return docker().inspectContainerCmd(ContainerIdentity.name(vpsId)).exec();
    }

    /** A container named like the VPS's but without any of the connector's labels. */
    static void createForeignContainer(UUID vpsId) {
        docker().createContainerCmd(DockerSettings.BUSYBOX_IMAGE)
                .withName(ContainerIdentity.name(vpsId))
                .withCmd("sleep", "infinity")
                .withHostConfig(HostConfig.newHostConfig().withInit(true).withNetworkMode("none"))
                .exec();
    }

    static void removeContainer(UUID vpsId) {
        try {
            docker().removeContainerCmd(ContainerIdentity.name(vpsId)).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyRemoved) {
            // the test removed it itself
        }
    }
}
