package org.vpsconnector.adapters.fake;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;
import org.vpsconnector.domain.Technology;

/**
 * The servers of fake backends, in memory and safe to use from any thread. A container and a
 * virtual machine of the same VPS id are different servers, as they would be on Docker and libvirt.
 */
public final class FakeServerFarm {

    // A named farm outlives the application that used it, as a real hypervisor keeps its guests
    // when the connector restarts: a second run in the same JVM finds the servers of the first.
    private static final ConcurrentMap<String, FakeServerFarm> NAMED = new ConcurrentHashMap<>();

    private record ServerKey(Technology technology, UUID vpsId) {
    }

    private final ConcurrentMap<ServerKey, FakeServer> servers = new ConcurrentHashMap<>();

    /** The farm of that name in this JVM, created on first use. */
    public static FakeServerFarm named(String name) {
        return NAMED.computeIfAbsent(Objects.requireNonNull(name, "name"), unused -> new FakeServerFarm());
    }

    Optional<FakeServer> find(Technology technology, UUID vpsId) {
        return Optional.ofNullable(servers.get(new ServerKey(technology, vpsId)));
    }

    List<FakeServer> servers(Technology technology) {
        return servers.values().stream().filter(server -> server.technology() == technology).toList();
    }

    /** Adds the server unless one of the same technology and VPS id exists. */
    void addIfAbsent(FakeServer server) {
        servers.putIfAbsent(new ServerKey(server.technology(), server.vpsId()), server);
    }

    /** Replaces an existing server by what {@code change} makes of it; empty when there is none. */
    Optional<FakeServer> update(Technology technology, UUID vpsId, UnaryOperator<FakeServer> change) {
        return Optional.ofNullable(servers.computeIfPresent(new ServerKey(technology, vpsId), (key, server) -> change.apply(server)));
    }

    void remove(Technology technology, UUID vpsId) {
        servers.remove(new ServerKey(technology, vpsId));
    }
}
