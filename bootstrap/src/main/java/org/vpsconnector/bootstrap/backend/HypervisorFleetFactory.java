package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vpsconnector.application.fleet.HostCapacity;
import org.vpsconnector.application.port.out.HypervisorBackend;

/**
 * Several hypervisor hosts ({@code type: fleet}, the type of a {@code hypervisor} that lists {@code hosts}), each listed under {@code hosts} with a name of its
 * own, the keys of its backend's type and its capacity; placement spreads new VPSes over them.
 */
@JsonTypeName("fleet")
public class HypervisorFleetFactory implements HypervisorBackendFactory {
    /** A host without a {@code type} is a libvirt host. */
    @Valid
    @NotEmpty
    @JsonProperty
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = LibvirtHypervisorBackendFactory.class)
    private List<@NotNull HypervisorBackendFactory> hosts = List.of();

    @JsonIgnore
    @AssertTrue(message = "every host of a fleet has a name of its own, and is no fleet itself")
    public boolean isEachHostNamedOnce() {
        Set<String> names = new HashSet<>();
        for (HypervisorBackendFactory host : hosts) {
            if (host instanceof HypervisorFleetFactory || host.getName() == null || !names.add(host.getName())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<HypervisorBackendFactory> hosts() {
        return hosts;
    }

    /** Not a host: the fleet's hosts are built one by one. */
    @Override
    public HypervisorBackend build(Environment environment, Clock clock, String host) {
        throw new UnsupportedOperationException("a fleet is built host by host");
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public HostCapacity capacity() {
        return HostCapacity.UNLIMITED;
    }
}
