package org.vpsconnector.application.service;

import java.util.List;
import java.util.Objects;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.application.port.out.HypervisorBackend;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.domain.Technology;

/** The backend of each technology: containers on one, virtual machines on the other. */
public record Backends(ContainerBackend containers, HypervisorBackend hypervisor) {

    public Backends {
        Objects.requireNonNull(containers, "containers");
        Objects.requireNonNull(hypervisor, "hypervisor");
    }

    public ServerBackend forTechnology(Technology technology) {
        return technology == Technology.CONTAINER ? containers : hypervisor;
    }

    public List<ServerBackend> all() {
        return List.of(containers, hypervisor);
    }
}
