package org.vpsconnector.adapters.fake;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults a fake backend injects into its calls.
 *
 * @param failNextCalls      how many of the next calls fail with a transient error
 * @param failureProbability the chance, from 0 to 1, that any call fails with a transient error
 * @param hang               when positive, every call blocks this long and then fails as timed out
 */
public record FaultSettings(int failNextCalls, double failureProbability, Duration hang) {

    public FaultSettings {
        if (failNextCalls < 0) {
            throw new IllegalArgumentException("failNextCalls must not be negative, got " + failNextCalls);
        }
        if (!(failureProbability >= 0.0 && failureProbability <= 1.0)) {
            throw new IllegalArgumentException("failureProbability must be between 0 and 1, got " + failureProbability);
        }
        Objects.requireNonNull(hang, "hang");
        if (hang.isNegative()) {
            throw new IllegalArgumentException("hang must not be negative, got " + hang);
        }
    }

    public static FaultSettings none() {
        return new FaultSettings(0, 0.0, Duration.ZERO);
    }
}
