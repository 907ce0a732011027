package org.vpsconnector.domain;

/**
 * What a backend measured of one server, in its own units. CPU time and network bytes count since
 * the server last started (Docker and libvirt reset them at each start); memory and disk are the
 * amounts in use now. {@code run} tells one start of the server from the next (null when the
 * backend cannot tell): a reading of another run starts its counters afresh.
 */
public record UsageReading(long cpuNanos, long memoryBytes, long diskBytes, long networkInBytes, long networkOutBytes,
                           String run) {

    public UsageReading {
        requireNotNegative("cpuNanos", cpuNanos);
        requireNotNegative("memoryBytes", memoryBytes);
        requireNotNegative("diskBytes", diskBytes);
        requireNotNegative("networkInBytes", networkInBytes);
        requireNotNegative("networkOutBytes", networkOutBytes);
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " cannot be negative, got " + value);
        }
    }
}
