package org.vpsconnector.application.service;

import java.util.UUID;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.port.out.Repositories;

/** Requests address an application instance; one that is not installed is unknown (404). */
final class InstalledInstances {
    private InstalledInstances() {
    }

    static void require(Repositories repositories, UUID instanceId) {
        if (!repositories.instances().isInstalled(instanceId)) {
            throw notInstalled(instanceId);
        }
    }

    static NotFoundException notInstalled(UUID instanceId) {
        return new NotFoundException("no application instance " + instanceId + " is installed");
    }
}
