package org.vpsconnector.application.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.ServiceUnavailableException;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.HostLoad;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.VpsSpec;

/**
 * Picks the host of a new VPS, none while the whole connector is drained, among the hosts of its technology that are up, not drained and
 * have room for it (memory and CPUs sold against capacity times overcommit). Of those, the one
 * whose scarcer resource stays freest takes it; with {@code spreadSubscriptions}, first the one
 * with the fewest VPSes of the same subscription, so that one customer's servers do not share a
 * host's fate. Ties go to the host with fewer VPSes, then to the earlier one in the configuration.
 * Runs in the transaction that stores the VPS, which records the choice with it; where hosts have
 * limits, placements of one technology follow each other, so that two at once cannot both take the
 * last room on a host.
 */
public final class Placement {
    private final HostConditions conditions;
    private final boolean spreadSubscriptions;

    public Placement(HostConditions conditions, boolean spreadSubscriptions) {
        this.conditions = conditions;
        this.spreadSubscriptions = spreadSubscriptions;
    }

    /**
     * The host the VPS goes to; a 503 when the connector is drained (the controller is told to try
     * again later) or when no host can take it now, naming why for each.
     */
    public Host place(Repositories repositories, VpsSpec spec) {
        // One read for every scope: the connector and each host.
        Map<String, Drain> drains = new HashMap<>();
        repositories.drains().list().forEach(drain -> drains.put(drain.scope(), drain));
        Drain connector = drains.get(Drain.CONNECTOR);
        if (connector != null) {
            throw new ServiceUnavailableException("the connector takes no new VPS while it is drained: " + connector.reason());
        }
        Technology technology = spec.technology();
        List<Host> hosts = conditions.fleet().hosts(technology);
        if (hosts.size() == 1 && hosts.get(0).capacity().isUnlimited()) {
            // Nothing to weigh: without a limit the one host cannot fill up, so placements need not follow
            // each other (the lock would make every provision of the technology wait for the one before).
            Host only = hosts.get(0);
            refusal(drains, only, null, spec).ifPresent(reason -> {
                throw noHost(technology, spec, List.of(reason));
            });
            return only;
        }
        repositories.vpses().lockPlacement(technology);
        Map<String, HostLoad> loads = loads(repositories, technology, spec, hosts);
        List<Host> candidates = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (Host host : hosts) {
            refusal(drains, host, loads.get(host.name()), spec).ifPresentOrElse(refusals::add, () -> candidates.add(host));
        }
        Comparator<Host> order = Comparator.comparingDouble(host -> host.capacity().usedShareWith(loads.get(host.name()), spec.hardware()));
        if (spreadSubscriptions) {
            order = Comparator.<Host>comparingInt(host -> loads.get(host.name()).ofSubscription()).thenComparing(order);
        }
        order = order.thenComparingInt(host -> loads.get(host.name()).vpses());
        return candidates.stream().min(order).orElseThrow(() -> noHost(technology, spec, refusals));
    }

    /** Why {@code host} cannot take the VPS now, if it cannot; {@code load} is only weighed for a host with limits. */
    private Optional<String> refusal(Map<String, Drain> drains, Host host, HostLoad load, VpsSpec spec) {
        if (conditions.isDown(host)) {
            return Optional.of(host.name() + " is down");
        }
        if (drains.containsKey(host.drainScope())) {
            return Optional.of(host.name() + " is drained");
        }
        if (load != null && !host.capacity().fits(load, spec.hardware())) {
            return Optional.of(host.name() + " has no room (" + load.memoryGb() + " of " + host.capacity().sellableMemoryGb()
                    + " GB, " + load.cpus() + " of " + host.capacity().sellableCpus() + " CPUs sold)");
        }
        return Optional.empty();
    }

    private static ServiceUnavailableException noHost(Technology technology, VpsSpec spec, List<String> refusals) {
        return new ServiceUnavailableException("no " + Host.kindOf(technology) + " host can take a VPS of "
                + spec.hardware().memoryGb() + " GB and " + spec.hardware().cpuCount() + " CPUs now: " + String.join("; ", refusals));
    }

    /** The load of each host; VPSes stored before hosts were named count on the first host. */
    private Map<String, HostLoad> loads(Repositories repositories, Technology technology, VpsSpec spec, List<Host> hosts) {
        Map<String, HostLoad> loads = new HashMap<>();
        for (Host host : hosts) {
            loads.put(host.name(), HostLoad.empty(host.name()));
        }
        // Counted only where it orders the hosts: the count reads the VPSes of the subscription.
        UUID subscription = spreadSubscriptions ? spec.subscriptionId() : null;
        for (HostLoad load : repositories.vpses().loadByHost(technology, subscription)) {
            String name = load.host() == null ? hosts.get(0).name() : load.host();
            loads.computeIfPresent(name, (host, sum) -> sum.plus(load));
        }
        return loads;
    }
}
