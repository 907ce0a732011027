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
 * sweeper or an unreachable database), an attempt has been under way for longer than the same
 * lag (a backend that stopped answering; its calls end only at their timeout), or attempts have
 * kept failing transiently for longer than that lag and still do (the last failed within it).
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
        Optional<AttemptWatch.Stall> stall = driver.stall()
                .filter(failing -> Duration.between(failing.since(), now).compareTo(maxLag) > 0)
                .filter(failing -> Duration.between(failing.lastFailureAt(), now).compareTo(maxLag) <= 0);
        if (stall.isPresent()) {
            return Result.unhealthy("attempts have failed without progress for "
                    + Duration.between(stall.get().since(), now).toSeconds() + " s; the last: " + stall.get().lastError());
        }
        return Result.healthy("last looked for work " + lag.toMillis() + " ms ago");
    }
}
