package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.List;
import org.vpsconnector.application.port.out.HypervisorBackend;

/** Several hypervisor hosts: see {@link FleetFactory}. */
@JsonTypeName("fleet")
public class HypervisorFleetFactory extends FleetFactory<HypervisorBackendFactory> implements HypervisorBackendFactory {
    /** A host without a {@code type} is a libvirt host. */
    @Valid
    @NotEmpty
    @JsonProperty
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = LibvirtHypervisorBackendFactory.class)
    private List<@NotNull HypervisorBackendFactory> hosts = List.of();

    @Override
    public List<HypervisorBackendFactory> hosts() {
        return hosts;
    }

    @Override
    List<HypervisorBackendFactory> listedHosts() {
        return hosts;
    }

    @Override
    public HypervisorBackend build(Environment environment, Clock clock, String host) {
        throw notAHost();
    }
}
