package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.vpsconnector.bootstrap.backend.ContainerBackendFactory;
import org.vpsconnector.bootstrap.backend.FakeContainerBackendFactory;
import org.vpsconnector.bootstrap.backend.FakeHypervisorBackendFactory;
import org.vpsconnector.bootstrap.backend.HypervisorBackendFactory;

/** The backend of each technology, chosen by its {@code type}. */
public class BackendsConfiguration {
    @Valid
    @NotNull
    @JsonProperty
    private ContainerBackendFactory container = new FakeContainerBackendFactory();

    @Valid
    @NotNull
    @JsonProperty
    private HypervisorBackendFactory hypervisor = new FakeHypervisorBackendFactory();

    public ContainerBackendFactory getContainer() {
        return container;
    }

    public HypervisorBackendFactory getHypervisor() {
        return hypervisor;
    }
}
