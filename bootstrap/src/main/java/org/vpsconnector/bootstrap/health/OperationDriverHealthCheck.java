package org.vpsconnector.bootstrap.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.vpsconnector.application.driver.AttemptWatch;
import org.vpsconnector.application.driver.OperationDriver;

/**
 * Unhealthy when work stops moving: the driver has stopped looking for due operations (a stuck
 * sweeper or an unreachable database), or an attempt has been under way for longer than the same
 * lag (a backend that stopped answering; its calls end only at their timeout).
 */
public class OperationDriverHealthCheck extends HealthCheck {
    private final OperationDriver driver;
    private final Clock clock;
    private final Duration maxLag;

    public OperationDriverHealthCheck(OperationDriver driver, Clock clock, Duration maxLag) {
        this.driver = driver;
        this.clock = clock;
        this.maxLag = maxLag;
    }

    @Override
    protected Result check() {
        Instant last = driver.lastSweepAt();
        if (last == null) {
            return Result.unhealthy("the operation driver has not looked for work yet");
        }
        Instant now = clock.instant();
        Duration lag = Duration.between(last, now);
        if (lag.compareTo(maxLag) > 0) {
            return Result.unhealthy("the operation driver last looked for work " + lag.toSeconds() + " s ago");
        }
        Optional<AttemptWatch.Running> stuck = driver.longestRunningAttempt()
                .filter(running -> running.runningFor(now).compareTo(maxLag) > 0);
        if (stuck.isPresent()) {
            return Result.unhealthy("the attempt at operation " + stuck.get().operationId() + " has been under way for "
                    + stuck.get().runningFor(now).toSeconds() + " s");
        }
        return Result.healthy("last looked for work " + lag.toMillis() + " ms ago");
    }
}
