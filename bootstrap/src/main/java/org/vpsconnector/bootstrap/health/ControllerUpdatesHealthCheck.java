package org.vpsconnector.bootstrap.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import org.vpsconnector.application.callback.PendingControllerUpdates;
import org.vpsconnector.application.port.out.ControllerUpdateRepository.Backlog;

/**
 * Unhealthy when an update has waited for its controller longer than {@code maxPendingAge}: a
 * controller away, refusing updates, or not trusting the instance certificate.
 */
public class ControllerUpdatesHealthCheck extends HealthCheck {
    private final PendingControllerUpdates pending;
    private final Clock clock;
    private final Duration maxPendingAge;

    public ControllerUpdatesHealthCheck(PendingControllerUpdates pending, Clock clock, Duration maxPendingAge) {
        this.pending = pending;
        this.clock = clock;
        this.maxPendingAge = maxPendingAge;
    }

    @Override
    protected Result check() {
        Backlog backlog = pending.backlog();
        if (backlog.oldestCreatedAt().isEmpty()) {
            return Result.healthy("no controller update pending");
        }
        Duration age = Duration.between(backlog.oldestCreatedAt().get(), clock.instant());
        String summary = backlog.pending() + " controller update(s) pending, the oldest for " + age.toSeconds() + " s";
        return age.compareTo(maxPendingAge) > 0
                ? Result.unhealthy(summary + " (see POST /tasks/controller-updates)")
                : Result.healthy(summary);
    }
}
