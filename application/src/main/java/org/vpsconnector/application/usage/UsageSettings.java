package org.vpsconnector.application.usage;

import java.time.Duration;
import java.util.Objects;

/**
 * @param interval       time between the end of one measuring pass and the start of the next: a
 *                       figure is at most this old plus the length of one pass
 * @param concurrentReads servers measured at once; kept below the backends' call limit, so the
 *                       driver's calls are never refused because of the meter
 * @param claimDuration  how long a meter holds a VPS it reads: longer than one backend call, after
 *                       which another replica's meter may read the VPS instead
 * @param maxReadsPerSecond servers a pass starts to read a second at most, so that the meter's share
 *                       of the CPU stays small however many VPSes are stored
 */
public record UsageSettings(Duration interval, int concurrentReads, Duration claimDuration, int maxReadsPerSecond) {
    public UsageSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(claimDuration, "claimDuration");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the usage interval must be positive, got " + interval);
        }
        if (concurrentReads < 1) {
            throw new IllegalArgumentException("the meter needs to read at least one server at a time");
        }
        if (maxReadsPerSecond < 1) {
            throw new IllegalArgumentException("the meter needs to read at least one server a second, got " + maxReadsPerSecond);
        }
    }
}
