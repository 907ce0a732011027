package org.vpsconnector.application.fleet;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

/**
 * Whether each host of the fleet answers, as last checked. A host not checked yet counts as up:
 * its calls fail and are retried like any transient failure until a check says it is down.
 * A host that is down gets no new VPS, and its VPSes' operations wait for it instead of failing.
 *
 * <p>Only the hosts of the watched technologies (those configured as a fleet) are steered so. A
 * single backend is checked for the health check alone: its VPSes' operations retry and fail by its
 * own failures and a new VPS is accepted as ever, as before hosts were named.
 */
public final class HostConditions {
    private static final System.Logger LOG = System.getLogger(HostConditions.class.getName());

    private final Fleet fleet;
    private final Clock clock;
    private final Set<Technology> watched;
    private final Map<String, Condition> conditions = new ConcurrentHashMap<>();

    /** Every host watched. */
    public HostConditions(Fleet fleet, Clock clock) {
        this(fleet, clock, EnumSet.allOf(Technology.class));
    }

    public HostConditions(Fleet fleet, Clock clock, Set<Technology> watched) {
        this.fleet = fleet;
        this.clock = clock;
        this.watched = watched.isEmpty() ? EnumSet.noneOf(Technology.class) : EnumSet.copyOf(watched);
    }

    /** Whether the host's checks steer placement and its VPSes' operations. */
    public boolean watches(Host host) {
        return watched.contains(host.technology());
    }

    /** What one check found: up or not, since when, and the host's trouble when it is down. */
    public record Condition(boolean up, Instant since, Instant checkedAt, String problem) {
    }

    /** Pings every watched host once and records what it found; a change is logged. */
    public void checkAll() {
        for (Host host : fleet.all()) {
            if (watches(host)) {
                check(host);
            }
        }
    }

    public synchronized Condition check(Host host) {
        String problem = null;
        try {
            host.backend().ping();
        } catch (RuntimeException unreachable) {
            problem = unreachable.getMessage() == null ? unreachable.toString() : unreachable.getMessage();
        }
        Instant now = clock.instant();
        boolean up = problem == null;
        if (!watches(host)) {
            return new Condition(up, now, now, problem);
        }
        Condition before = conditions.get(host.drainScope());
        Condition next = before != null && before.up() == up
                ? new Condition(up, before.since(), now, problem)
                : new Condition(up, now, now, problem);
        conditions.put(host.drainScope(), next);
        String named = Host.kindOf(host.technology()) + " host " + host.name();
        if (!up && (before == null || before.up())) {
            LOG.log(System.Logger.Level.WARNING, named + " is down: no new VPS goes there and its VPSes' operations wait for it: " + problem);
        } else if (up && before != null && !before.up()) {
            LOG.log(System.Logger.Level.INFO, named + " answers again, after being down since " + before.since());
        }
        return next;
    }

    /** The last check of the host; empty when it was never checked. */
    public Optional<Condition> of(Host host) {
        return Optional.ofNullable(conditions.get(host.drainScope()));
    }

    public boolean isDown(Host host) {
        return of(host).map(condition -> !condition.up()).orElse(false);
    }

    /**
     * Why an operation of the VPS cannot run now: its host is down, or the configuration no longer
     * names it. Empty when it can run.
     */
    public Optional<String> holdUp(Vps vps) {
        Host host;
        try {
            host = fleet.hostOf(vps);
        } catch (Fleet.UnknownHostException unknown) {
            return Optional.of(unknown.getMessage());
        }
        return of(host).filter(condition -> !condition.up()).map(condition ->
                "Waiting for " + Host.kindOf(host.technology()) + " host " + host.name() + ", down since "
                        + condition.since() + ": " + condition.problem());
    }

    /** Every host with its last check, in the fleet's order. */
    public Map<Host, Optional<Condition>> all() {
        Map<Host, Optional<Condition>> all = new LinkedHashMap<>();
        for (Host host : fleet.all()) {
            all.put(host, of(host));
        }
        return all;
    }

    public Fleet fleet() {
        return fleet;
    }
}
