package org.vpsconnector.domain;

import java.time.Duration;

/** How often and how long to retry a backend call that failed transiently. */
public record Backoff(Duration initialDelay, Duration maxDelay, int maxAttempts) {

    public Backoff {
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 <= initialDelay <= maxDelay and maxAttempts >= 1");
        }
    }

    /** The delay before the next attempt, after {@code failedAttempts} attempts failed (doubling). */
    public Duration delayAfter(int failedAttempts) {
        Duration delay = initialDelay;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    public boolean exhausted(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }
}
