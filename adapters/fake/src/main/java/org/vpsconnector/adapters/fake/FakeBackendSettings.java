package org.vpsconnector.adapters.fake;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.vpsconnector.domain.OperatingSystem;

/**
 * How a fake backend behaves.
 *
 * @param latency          how long each call that changes a server takes
 * @param bootTime         how long after a start the guest becomes usable
 * @param faults           the faults injected from the start; they can be changed at run time
 * @param operatingSystems the systems it has images of, the default first
 */
public record FakeBackendSettings(Duration latency, Duration bootTime, FaultSettings faults,
                                  List<OperatingSystem> operatingSystems) {
    public static final List<OperatingSystem> DEBIAN_12 = List.of(new OperatingSystem("debian", "12"));

    public FakeBackendSettings {
        requireNotNegative("latency", latency);
        requireNotNegative("bootTime", bootTime);
        Objects.requireNonNull(faults, "faults");
        operatingSystems = List.copyOf(operatingSystems == null ? DEBIAN_12 : operatingSystems);
        if (operatingSystems.isEmpty()) {
            throw new IllegalArgumentException("a fake backend offers at least one operating system");
        }
    }

    /** A backend with images of Debian 12 only. */
    public FakeBackendSettings(Duration latency, Duration bootTime, FaultSettings faults) {
        this(latency, bootTime, faults, DEBIAN_12);
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
