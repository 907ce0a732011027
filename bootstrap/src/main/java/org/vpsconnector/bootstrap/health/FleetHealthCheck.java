package org.vpsconnector.bootstrap.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.fleet.HostConditions;
import org.vpsconnector.domain.Technology;

/**
 * The hosts of one technology, each pinged: unhealthy only when none of them answers, since one
 * host down among several leaves the connector serving (its VPSes' operations wait, new VPSes go
 * elsewhere). The details list every host: up or down since when, drained or not, and its trouble.
 */
public class FleetHealthCheck extends HealthCheck {
    private final HostConditions hosts;
    private final Technology technology;
    private final Supplier<Set<String>> drainedScopes;

    public FleetHealthCheck(HostConditions hosts, Technology technology, Supplier<Set<String>> drainedScopes) {
        this.hosts = hosts;
        this.technology = technology;
        this.drainedScopes = drainedScopes;
    }

    @Override
    protected Result check() {
        Set<String> drained = drainedScopes.get();
        List<String> down = new ArrayList<>();
        ResultBuilder result = Result.builder();
        int up = 0;
        for (Host host : hosts.fleet().hosts(technology)) {
            HostConditions.Condition condition = hosts.check(host);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("up", condition.up());
            detail.put("since", condition.since().toString());
            detail.put("drained", drained.contains(host.drainScope()));
            if (!condition.up()) {
                detail.put("problem", condition.problem());
                down.add(host.name() + " (" + condition.problem() + ")");
            } else {
                up++;
            }
            result.withDetail(host.name(), detail);
        }
        String kind = Host.kindOf(technology);
        if (up == 0) {
            return result.unhealthy().withMessage("no " + kind + " host answers: " + String.join("; ", down)).build();
        }
        return result.healthy().withMessage(down.isEmpty()
                ? "every " + kind + " host answers"
                : up + " " + kind + " host(s) answer; down: " + String.join("; ", down)).build();
    }
}
