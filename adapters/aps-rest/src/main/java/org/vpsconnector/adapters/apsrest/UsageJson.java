package org.vpsconnector.adapters.apsrest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.vpsconnector.domain.MeteredUsage;

/**
 * The {@code usage} counters of a VPS: CPU seconds and network MB over its life, memory MB and
 * disk GB in use when measured. MB and GB are 2^20 and 2^30 bytes, as in its hardware.
 */
public record UsageJson(BigDecimal cpuSeconds, BigDecimal memoryMb, BigDecimal diskGb,
                        BigDecimal networkInMb, BigDecimal networkOutMb) {

    private static final int DECIMALS = 3;

    static UsageJson of(MeteredUsage usage) {
        return new UsageJson(
                scaled(usage.totalCpuNanos(), BigDecimal.valueOf(1_000_000_000L)),
                scaled(usage.memoryBytes(), BigDecimal.valueOf(1L << 20)),
                scaled(usage.diskBytes(), BigDecimal.valueOf(1L << 30)),
                scaled(usage.totalNetworkInBytes(), BigDecimal.valueOf(1L << 20)),
                scaled(usage.totalNetworkOutBytes(), BigDecimal.valueOf(1L << 20)));
    }

    private static BigDecimal scaled(long amount, BigDecimal unit) {
        return BigDecimal.valueOf(amount).divide(unit, DECIMALS, RoundingMode.HALF_UP);
    }
}
