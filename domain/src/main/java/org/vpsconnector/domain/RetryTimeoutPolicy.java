package org.vpsconnector.domain;

import java.time.Duration;
import java.time.Instant;

/** The {@code APS-Retry-Timeout} we advise with a 202: when the operation is next looked at, within bounds. */
public record RetryTimeoutPolicy(Duration minimum, Duration maximum) {

    public RetryTimeoutPolicy {
        if (minimum.compareTo(Duration.ofSeconds(1)) < 0 || maximum.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("retry timeout needs 1 s <= minimum <= maximum");
        }
    }

    public long adviseSeconds(Operation operation, Instant now) {
        Duration untilNext = operation.nextAttemptAt() == null ? Duration.ZERO : Duration.between(now, operation.nextAttemptAt());
        Duration advised = untilNext.compareTo(minimum) < 0 ? minimum : untilNext.compareTo(maximum) > 0 ? maximum : untilNext;
        // Whole seconds, rounded up so the controller never comes back before the work is due.
        return advised.getSeconds() + (advised.getNano() > 0 ? 1 : 0);
    }
}
