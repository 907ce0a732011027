package org.vpsconnector.adapters.fake;

import java.time.Duration;
import java.util.Objects;

/**
 * How a fake backend behaves.
 *
 * @param latency  how long each call that changes a server takes
 * @param bootTime how long after a start the guest becomes usable
 * @param faults   the faults injected from the start; they can be changed at run time
 */
public record FakeBackendSettings(Duration latency, Duration bootTime, FaultSettings faults) {

    public FakeBackendSettings {
        requireNotNegative("latency", latency);
        requireNotNegative("bootTime", bootTime);
        Objects.requireNonNull(faults, "faults");
    }

    /** Like Docker: create and start take about 200 ms together, and a container is usable once it runs. */
    public static FakeBackendSettings containerDefaults() {
        return new FakeBackendSettings(Duration.ofMillis(100), Duration.ZERO, FaultSettings.none());
    }

    /** Like libvirt: define and start take about half a second, and the guest boots in a few seconds. */
    public static FakeBackendSettings vmDefaults() {
        return new FakeBackendSettings(Duration.ofMillis(250), Duration.ofSeconds(3), FaultSettings.none());
    }

    private static void requireNotNegative(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + duration);
        }
    }
}
