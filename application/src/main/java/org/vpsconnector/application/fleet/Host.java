package org.vpsconnector.application.fleet;

import java.util.Objects;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.domain.Technology;

/** One Docker engine or hypervisor host of the fleet, by the name the configuration gives it. */
public record Host(String name, Technology technology, ServerBackend backend, HostCapacity capacity) {

    public Host {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(technology, "technology");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(capacity, "capacity");
        if (backend.technology() != technology) {
            throw new IllegalArgumentException("host " + name + " is a " + technology + " host, its backend is " + backend.technology());
        }
    }

    /** The scope a drain of this host is recorded under: host names are unique per technology. */
    public String drainScope() {
        return scopeOf(technology, name);
    }

    public static String scopeOf(Technology technology, String name) {
        return kindOf(technology) + ":" + name;
    }

    /** "container" or "hypervisor": how operators and the configuration call the hosts of a technology. */
    public static String kindOf(Technology technology) {
        return technology == Technology.CONTAINER ? "container" : "hypervisor";
    }

    @Override
    public String toString() {
        return drainScope();
    }
}
