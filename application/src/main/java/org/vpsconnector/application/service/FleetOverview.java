package org.vpsconnector.application.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.fleet.HostCapacity;
import org.vpsconnector.application.fleet.HostConditions;
import org.vpsconnector.application.port.in.FleetOverviewQuery;
import org.vpsconnector.application.port.in.HostOverview;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.HostLoad;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Technology;

/**
 * Reads what is sold on each host from the database, and a fleet's hosts' last checks in memory; a
 * single backend, which no schedule checks, is pinged (as the health check does).
 */
public final class FleetOverview implements FleetOverviewQuery {
    private final Transactions transactions;
    private final HostConditions conditions;

    public FleetOverview(Transactions transactions, HostConditions conditions) {
        this.transactions = transactions;
        this.conditions = conditions;
    }

    @Override
    public List<HostOverview> hosts() {
        Map<String, HostLoad> loads = new HashMap<>();
        Map<String, Drain> drains = new HashMap<>();
        transactions.inTransaction(repositories -> {
            for (Technology technology : Technology.values()) {
                List<Host> hosts = conditions.fleet().hosts(technology);
                for (HostLoad load : repositories.vpses().loadByHost(technology, null)) {
                    String scope = Host.scopeOf(technology, load.host() == null ? hosts.get(0).name() : load.host());
                    loads.merge(scope, load, HostLoad::plus);
                }
            }
            repositories.drains().list().forEach(drain -> drains.put(drain.scope(), drain));
            return null;
        });
        List<HostOverview> overview = new ArrayList<>();
        for (Host host : conditions.fleet().all()) {
            HostLoad load = loads.getOrDefault(host.drainScope(), HostLoad.empty(host.name()));
            HostCapacity capacity = host.capacity();
            HostConditions.Condition condition = conditions.watches(host) ? conditions.of(host).orElse(null) : conditions.check(host);
            Drain drain = drains.get(host.drainScope());
            overview.add(new HostOverview(host.name(), Host.kindOf(host.technology()),
                    condition == null ? null : condition.up(),
                    condition == null ? null : condition.since(),
                    condition == null ? null : condition.checkedAt(),
                    condition == null ? null : condition.problem(),
                    drain == null ? null : drain.reason(),
                    load.vpses(), load.memoryGb(), capacity.memoryGb() == 0 ? null : capacity.sellableMemoryGb(),
                    load.cpus(), capacity.cpus() == 0 ? null : capacity.sellableCpus()));
        }
        return overview;
    }
}
