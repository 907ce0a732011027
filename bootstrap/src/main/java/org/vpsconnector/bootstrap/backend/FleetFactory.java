package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vpsconnector.application.fleet.HostCapacity;

/**
 * Several hosts of one technology ({@code type: fleet}, the type of a section that lists
 * {@code hosts}), each with a name of its own, the keys of its backend's type and its capacity.
 * A fleet is no host itself: it has no name and is built host by host.
 */
abstract class FleetFactory<H extends HostFactory> implements HostFactory {

    /** The hosts as configured. */
    abstract List<? extends H> listedHosts();

    @JsonIgnore
    @AssertTrue(message = "every host of a fleet has a name of its own, and is no fleet itself")
    public boolean isEachHostNamedOnce() {
        Set<String> names = new HashSet<>();
        for (H host : listedHosts()) {
            if (host instanceof FleetFactory || host.getName() == null || !names.add(host.getName())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public HostCapacity capacity() {
        return HostCapacity.UNLIMITED;
    }

    static UnsupportedOperationException notAHost() {
        return new UnsupportedOperationException("a fleet is built host by host");
    }
}
