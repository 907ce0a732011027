package org.vpsconnector.bootstrap.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.vpsconnector.application.driver.OperationDriver;

/** Unhealthy when the driver has stopped looking for due operations (a stuck sweeper or an unreachable database). */
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
        Duration lag = Duration.between(last, clock.instant());
        return lag.compareTo(maxLag) > 0
                ? Result.unhealthy("the operation driver last looked for work " + lag.toSeconds() + " s ago")
                : Result.healthy("last looked for work " + lag.toMillis() + " ms ago");
    }
}
