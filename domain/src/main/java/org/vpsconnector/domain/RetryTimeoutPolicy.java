package org.vpsconnector.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code APS-Retry-Timeout} we advise with a 202: when the operation is next worth looking at, within
 * bounds. When {@code adaptive} and operations of its kind have been seen to end, that is when it may end
 * at the earliest (how long the quick ones took); otherwise when it is next attempted. {@code jitter} moves
 * each advice by up to that share, at random, so that many operations accepted together are not polled in
 * lock-step: earlier when it aims at the early end, as a poll that comes after the end delays the answer
 * the customer waits for while one that comes before costs one more poll; later when it aims at the next
 * attempt, as nothing is worth looking at before that. Past the early end of work that each poll looks at
 * itself, the minimum: the poll then sees the work as it is, so the sooner it comes the sooner the end is seen.
 */
public record RetryTimeoutPolicy(Duration minimum, Duration maximum, double jitter, boolean adaptive) {

    public RetryTimeoutPolicy {
        if (minimum.compareTo(Duration.ofSeconds(1)) < 0 || maximum.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("retry timeout needs 1 s <= minimum <= maximum");
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("retry timeout jitter is a share between 0 and 1, got " + jitter);
        }
    }

    /** When the operation is next attempted, without jitter. */
    public RetryTimeoutPolicy(Duration minimum, Duration maximum) {
        this(minimum, maximum, 0.0, false);
    }

    /** When the operation is next attempted, within bounds, without what others took. */
    public long adviseSeconds(Operation operation, Instant now) {
        return adviseSeconds(operation, now, Optional.empty(), false, 0.0);
    }

    /**
     * @param early      how long the quick operations of this kind on this technology took lately, if known (used when adaptive)
     * @param pollsLook  whether a poll of the operation looks at its work itself, not only at what the last attempt found
     * @param random     a number in [0, 1) that picks this advice's share of the jitter
     */
    public long adviseSeconds(Operation operation, Instant now, Optional<Duration> early, boolean pollsLook, double random) {
        Duration untilNext = operation.nextAttemptAt() == null ? Duration.ZERO : Duration.between(now, operation.nextAttemptAt());
        Duration untilEarlyEnd = early.filter(known -> adaptive).map(took -> took.minus(Duration.between(operation.createdAt(), now)))
                .orElse(Duration.ZERO);
        Duration jittered;
        if (untilEarlyEnd.compareTo(untilNext) > 0) {
            Duration earlier = Duration.ofNanos((long) (untilEarlyEnd.toNanos() * (1.0 - jitter * random)));
            jittered = earlier.compareTo(untilNext) > 0 ? earlier : untilNext;
        } else if (pollsLook && adaptive) {
            jittered = minimum;
        } else {
            // Past its early end the operation is looked at again as its attempts say.
            jittered = Duration.ofNanos((long) (untilNext.toNanos() * (1.0 + jitter * random)));
        }
        Duration advised = jittered.compareTo(minimum) < 0 ? minimum : jittered.compareTo(maximum) > 0 ? maximum : jittered;
        // Whole seconds, rounded up so the controller never comes back before the time aimed at.
        return advised.getSeconds() + (advised.getNano() > 0 ? 1 : 0);
    }
}
