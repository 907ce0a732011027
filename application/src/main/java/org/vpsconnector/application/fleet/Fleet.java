package org.vpsconnector.application.fleet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vpsconnector.application.port.out.Acceptance;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.application.port.out.HypervisorBackend;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.domain.OperatingSystem;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

/**
 * The hosts VPSes run on: one or more Docker engines for containers, one or more hypervisor hosts
 * for virtual machines. A VPS lives on the host it was placed on; one stored before hosts were
 * named lives on the first host of its technology, the one a single-backend configuration has.
 */
public final class Fleet {
    /** The name of the one host of a technology when the configuration names none. */
    public static final String CONTAINER_HOST = "containers";
    public static final String HYPERVISOR_HOST = "hypervisor";

    private final List<Host> hosts;

    public Fleet(List<Host> hosts) {
        this.hosts = List.copyOf(hosts);
        for (Technology technology : Technology.values()) {
            if (hosts(technology).isEmpty()) {
                throw new IllegalArgumentException("the fleet has no " + Host.kindOf(technology) + " host");
            }
        }
        Set<String> scopes = new HashSet<>();
        for (Host host : this.hosts) {
            if (!scopes.add(host.drainScope())) {
                throw new IllegalArgumentException("two " + Host.kindOf(host.technology()) + " hosts are named " + host.name());
            }
        }
    }

    /** One unlimited host of each technology, as a single-backend configuration has. */
    public static Fleet of(ContainerBackend containers, HypervisorBackend hypervisor) {
        return new Fleet(List.of(new Host(CONTAINER_HOST, Technology.CONTAINER, containers, HostCapacity.UNLIMITED),
                new Host(HYPERVISOR_HOST, Technology.VIRTUAL_MACHINE, hypervisor, HostCapacity.UNLIMITED)));
    }

    public List<Host> all() {
        return hosts;
    }

    public List<Host> hosts(Technology technology) {
        List<Host> of = new ArrayList<>();
        for (Host host : hosts) {
            if (host.technology() == technology) {
                of.add(host);
            }
        }
        return of;
    }

    public Optional<Host> named(Technology technology, String name) {
        return hosts.stream().filter(host -> host.technology() == technology && host.name().equals(name)).findFirst();
    }

    /** The host the VPS lives on; fails for a host the configuration no longer names. */
    public Host hostOf(Vps vps) {
        if (vps.host() == null) {
            return hosts(vps.technology()).get(0);
        }
        return named(vps.technology(), vps.host()).orElseThrow(() -> new UnknownHostException(vps));
    }

    /** Whether {@code host} is where a VPS recorded under {@code recordedHost} lives. */
    public boolean holds(Host host, String recordedHost) {
        return recordedHost == null ? hosts(host.technology()).get(0).equals(host) : host.name().equals(recordedHost);
    }

    public ServerBackend backendOf(Vps vps) {
        return hostOf(vps).backend();
    }

    /**
     * The operating systems offered for {@code technology}: every host of it has the same images,
     * so the first host's are the fleet's.
     */
    public List<OperatingSystem> operatingSystems(Technology technology) {
        return hosts(technology).get(0).backend().operatingSystems();
    }

    /** Whether a new server of {@code technology} would be made, as its first host tells (hosts of a kind are alike). */
    public Acceptance acceptance(Technology technology) {
        return hosts(technology).get(0).backend().acceptance();
    }

    /** A VPS recorded on a host the configuration does not name: its operations cannot run until the host is back. */
    public static final class UnknownHostException extends RuntimeException {
        UnknownHostException(Vps vps) {
            super("VPS " + vps.id() + " lives on " + Host.kindOf(vps.technology()) + " host " + vps.host()
                    + ", which the configuration does not name");
        }
    }
}
