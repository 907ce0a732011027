package org.vpsconnector.adapters.fake;

import java.nio.file.Path;
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
 * A farm kept in a state file also writes every change there before the call returns, so a
 * connector killed and started again finds the servers it made, as it would on a real host.
 */
public final class FakeServerFarm {

    // A named farm outlives the application that used it, as a real hypervisor keeps its guests
    // when the connector restarts: a second run in the same JVM finds the servers of the first.
    private static final ConcurrentMap<String, FakeServerFarm> NAMED = new ConcurrentHashMap<>();
    // Both fake backends of one process may keep their servers in the same file: one farm writes it.
    private static final ConcurrentMap<Path, FakeServerFarm> STORED = new ConcurrentHashMap<>();

    private record ServerKey(Technology technology, UUID vpsId) {
    }

    private final ConcurrentMap<ServerKey, FakeServer> servers = new ConcurrentHashMap<>();
    private final FarmStateFile stateFile;

    public FakeServerFarm() {
        this.stateFile = null;
    }

    private FakeServerFarm(FarmStateFile stateFile) {
        this.stateFile = stateFile;
        stateFile.read().forEach(server -> servers.put(keyOf(server), server));
    }

    /** The farm of that name in this JVM, created on first use. */
    public static FakeServerFarm named(String name) {
        return NAMED.computeIfAbsent(Objects.requireNonNull(name, "name"), unused -> new FakeServerFarm());
    }

    /** The farm kept in {@code stateFile}: read from it on first use in this JVM, written back on every change. */
    public static FakeServerFarm storedIn(Path stateFile) {
        FarmStateFile file = new FarmStateFile(stateFile);
        return STORED.computeIfAbsent(file.path(), unused -> new FakeServerFarm(file));
    }

    /** What the state file holds now, read afresh into a farm of its own that writes nothing back. */
    public static FakeServerFarm readFrom(Path stateFile) {
        FakeServerFarm copy = new FakeServerFarm();
        new FarmStateFile(stateFile).read().forEach(server -> copy.servers.put(keyOf(server), server));
        return copy;
    }

    Optional<FakeServer> find(Technology technology, UUID vpsId) {
        return Optional.ofNullable(servers.get(new ServerKey(technology, vpsId)));
    }

    List<FakeServer> servers(Technology technology) {
        return servers.values().stream().filter(server -> server.technology() == technology).toList();
    }

    /** Adds the server unless one of the same technology and VPS id exists. */
    synchronized void addIfAbsent(FakeServer server) {
        if (servers.putIfAbsent(keyOf(server), server) == null) {
            stored();
        }
    }

    /** Replaces an existing server by what {@code change} makes of it; empty when there is none. */
    synchronized Optional<FakeServer> update(Technology technology, UUID vpsId, UnaryOperator<FakeServer> change) {
        Optional<FakeServer> before = find(technology, vpsId);
        Optional<FakeServer> after = Optional.ofNullable(
                servers.computeIfPresent(new ServerKey(technology, vpsId), (key, server) -> change.apply(server)));
        if (!after.equals(before)) {
            stored();
        }
        return after;
    }

    synchronized void remove(Technology technology, UUID vpsId) {
        if (servers.remove(new ServerKey(technology, vpsId)) != null) {
            stored();
        }
    }

    private void stored() {
        if (stateFile != null) {
            stateFile.write(servers.values());
        }
    }

    private static ServerKey keyOf(FakeServer server) {
        return new ServerKey(server.technology(), server.vpsId());
    }
}
