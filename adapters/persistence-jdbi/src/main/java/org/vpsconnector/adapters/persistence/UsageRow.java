package org.vpsconnector.adapters.persistence;

import java.time.Instant;
import java.util.UUID;
import org.vpsconnector.domain.MeteredUsage;
import org.vpsconnector.domain.UsageCounter;

/** A row of {@code vps_usage}: each counter as its base and the server's own last count. */
public record UsageRow(UUID vpsId, long cpuBaseNs, long cpuLastNs, long memoryBytes, long diskBytes,
                long networkInBase, long networkInLast, long networkOutBase, long networkOutLast,
                String serverRun, Instant measuredAt) {

    public static UsageRow of(MeteredUsage usage) {
        return new UsageRow(usage.vpsId(), usage.cpuNanos().base(), usage.cpuNanos().lastRaw(),
                usage.memoryBytes(), usage.diskBytes(),
                usage.networkInBytes().base(), usage.networkInBytes().lastRaw(),
                usage.networkOutBytes().base(), usage.networkOutBytes().lastRaw(),
                usage.run(), usage.measuredAt());
    }

    public MeteredUsage toUsage() {
        return new MeteredUsage(vpsId, new UsageCounter(cpuBaseNs, cpuLastNs), memoryBytes, diskBytes,
                new UsageCounter(networkInBase, networkInLast), new UsageCounter(networkOutBase, networkOutLast),
                serverRun, measuredAt);
    }
}
