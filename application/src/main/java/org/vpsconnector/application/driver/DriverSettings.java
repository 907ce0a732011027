package org.vpsconnector.application.driver;

import java.time.Duration;
import java.util.Objects;

/**
 * @param nodeId        names this process as the holder of the leases it takes
 * @param workers       operations driven at once
 * @param sweepInterval how often due operations are looked for
 */
public record DriverSettings(String nodeId, int workers, Duration sweepInterval) {
    public DriverSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        if (workers < 1) {
            throw new IllegalArgumentException("the driver needs at least one worker");
        }
    }
}
