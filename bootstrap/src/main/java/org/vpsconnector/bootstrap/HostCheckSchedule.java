package org.vpsconnector.bootstrap;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.fleet.HostConditions;

/**
 * Pings every watched host of the fleet on a schedule, each on its own, so that a host whose calls hang
 * until they time out does not hold up the checks of the others. The first round runs at start.
 */
final class HostCheckSchedule implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(HostCheckSchedule.class);
    private static final int MOST_THREADS = 4;

    private final HostConditions hosts;
    private final Duration interval;
    private ScheduledExecutorService checks;

    HostCheckSchedule(HostConditions hosts, Duration interval) {
        this.hosts = hosts;
        this.interval = interval;
    }

    @Override
    public void start() {
        List<Host> watched = hosts.fleet().all().stream().filter(hosts::watches).toList();
        checks = Executors.newScheduledThreadPool(Math.max(1, Math.min(MOST_THREADS, watched.size())), runnable -> {
            Thread thread = new Thread(runnable, "host-checks");
            thread.setDaemon(true);
            return thread;
        });
        for (Host host : watched) {
            checks.scheduleWithFixedDelay(() -> check(host), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void check(Host host) {
        try {
            hosts.check(host);
        } catch (RuntimeException failure) {
            LOG.error("checking {} failed", host, failure);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        checks.shutdownNow();
        checks.awaitTermination(5, TimeUnit.SECONDS);
    }
}
