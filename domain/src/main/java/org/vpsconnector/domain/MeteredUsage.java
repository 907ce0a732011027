package org.vpsconnector.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The latest usage figures of one VPS, as billing reads them: CPU time and network traffic are
 * cumulative over the VPS's life and never go backwards, across restarts of its server included;
 * memory and disk are what was in use at {@code measuredAt}.
 */
public record MeteredUsage(UUID vpsId, UsageCounter cpuNanos, long memoryBytes, long diskBytes,
                           UsageCounter networkInBytes, UsageCounter networkOutBytes, String run, Instant measuredAt) {

    public MeteredUsage {
        Objects.requireNonNull(vpsId, "vpsId");
        Objects.requireNonNull(cpuNanos, "cpuNanos");
        Objects.requireNonNull(networkInBytes, "networkInBytes");
        Objects.requireNonNull(networkOutBytes, "networkOutBytes");
        Objects.requireNonNull(measuredAt, "measuredAt");
    }

    /** The figures of a VPS measured for the first time. */
    public static MeteredUsage first(UUID vpsId, UsageReading reading, Instant measuredAt) {
        return new MeteredUsage(vpsId, UsageCounter.ZERO, 0, 0, UsageCounter.ZERO, UsageCounter.ZERO, null, measuredAt)
                .counting(reading, measuredAt, false);
    }

    /**
     * The figures after a later reading. A reading taken no later than the stored one (a slower
     * replica measuring the same VPS) changes nothing: applied out of order it would count the
     * run before a restart twice.
     */
    public MeteredUsage next(UsageReading reading, Instant readAt) {
        if (!readAt.isAfter(measuredAt)) {
            return this;
        }
        boolean newRun = reading.run() != null && run != null && !reading.run().equals(run);
        return counting(reading, readAt, newRun);
    }

    private MeteredUsage counting(UsageReading reading, Instant at, boolean newRun) {
        return new MeteredUsage(vpsId,
                cpuNanos.next(reading.cpuNanos(), newRun),
                reading.memoryBytes(),
                reading.diskBytes(),
                networkInBytes.next(reading.networkInBytes(), newRun),
                networkOutBytes.next(reading.networkOutBytes(), newRun),
                reading.run(),
                at);
    }

    public long totalCpuNanos() {
        return cpuNanos.total();
    }

    public long totalNetworkInBytes() {
        return networkInBytes.total();
    }

    public long totalNetworkOutBytes() {
        return networkOutBytes.total();
    }
}
