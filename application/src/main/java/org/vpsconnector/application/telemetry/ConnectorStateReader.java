package org.vpsconnector.application.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.fleet.HostCapacity;
import org.vpsconnector.application.fleet.HostConditions;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.HostLoad;
import org.vpsconnector.application.port.out.OperationCount;
import org.vpsconnector.application.port.out.OperationRepository;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Technology;

/**
 * Reads the {@link ConnectorState} in one short transaction of a few grouped counts, and serves
 * the same reading for {@code maxAge}: however often it is scraped, the database is asked at most
 * once per {@code maxAge}.
 */
public final class ConnectorStateReader {
    private final Transactions transactions;
    private final HostConditions hosts;
    private final Clock clock;
    private final Duration maxAge;
    private ConnectorState last;

    public ConnectorStateReader(Transactions transactions, HostConditions hosts, Clock clock, Duration maxAge) {
        this.transactions = transactions;
        this.hosts = hosts;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The last reading if it is younger than {@code maxAge}, else a new one. Throws while the database is away. */
    public synchronized ConnectorState read() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.readAt().plus(maxAge))) {
            last = readNow(now);
        }
        return last;
    }

    private ConnectorState readNow(Instant now) {
        Fleet fleet = hosts.fleet();
        return transactions.inTransaction(repositories -> {
            List<OperationCount> operations = repositories.operations().countByKindAndStatus();
            OperationRepository.Backlog backlog = repositories.operations().backlog(now);
            long pending = repositories.controllerUpdates().backlog().pending();
            Set<String> drained = new HashSet<>();
            for (Drain drain : repositories.drains().list()) {
                drained.add(drain.scope());
            }
            List<ConnectorState.HostState> states = new ArrayList<>();
            for (Technology technology : Technology.values()) {
                Map<String, HostLoad> loads = loads(repositories.vpses().loadByHost(technology, null), fleet.hosts(technology));
                for (Host host : fleet.hosts(technology)) {
                    HostLoad load = loads.get(host.name());
                    HostCapacity capacity = host.capacity();
                    boolean up = hosts.of(host).map(HostConditions.Condition::up).orElse(true);
                    states.add(new ConnectorState.HostState(Host.kindOf(technology), host.name(), up,
                            drained.contains(host.drainScope()), load.vpses(), load.memoryGb(), load.cpus(),
                            capacity.memoryGb(), capacity.cpus(),
                            capacity.memoryGb() == 0 ? 0 : capacity.sellableMemoryGb(),
                            capacity.cpus() == 0 ? 0 : capacity.sellableCpus()));
                }
            }
            return new ConnectorState(now, operations, backlog.due(), backlog.leased(), pending,
                    drained.contains(Drain.CONNECTOR), states);
        });
    }

    /** The load of each host; VPSes stored before hosts were named count on the first host, as placement counts them. */
    private static Map<String, HostLoad> loads(List<HostLoad> stored, List<Host> hosts) {
        Map<String, HostLoad> loads = new HashMap<>();
        for (Host host : hosts) {
            loads.put(host.name(), HostLoad.empty(host.name()));
        }
        for (HostLoad load : stored) {
            String name = load.host() == null ? hosts.get(0).name() : load.host();
            loads.computeIfPresent(name, (host, sum) -> sum.plus(load));
        }
        return loads;
    }
}
