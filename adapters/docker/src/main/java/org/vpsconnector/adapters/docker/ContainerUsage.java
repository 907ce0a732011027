package org.vpsconnector.adapters.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import java.util.Map;
import java.util.function.Function;
import org.vpsconnector.domain.UsageReading;

/**
 * A container's usage from what the engine reports: CPU time and traffic since its last start
 * (the engine resets them at each start, whose time names the run), memory in use as
 * {@code docker stats} counts it (page cache that can be dropped left out), and the size of its
 * root filesystem, which a storage quota limits.
 */
final class ContainerUsage {
    private ContainerUsage() {
    }

    /** A stopped container: nothing but its disk. */
    static UsageReading stopped(InspectContainerResponse container) {
        return new UsageReading(0, 0, disk(container), 0, 0, container.getState().getStartedAt());
    }

    static UsageReading running(InspectContainerResponse container, Statistics statistics) {
        return new UsageReading(cpuNanos(statistics.getCpuStats()), memoryBytes(statistics.getMemoryStats()),
                disk(container), traffic(statistics.getNetworks(), StatisticNetworksConfig::getRxBytes),
                traffic(statistics.getNetworks(), StatisticNetworksConfig::getTxBytes), container.getState().getStartedAt());
    }

    private static long cpuNanos(CpuStatsConfig cpu) {
        return cpu == null || cpu.getCpuUsage() == null ? 0 : orZero(cpu.getCpuUsage().getTotalUsage());
    }

    private static long memoryBytes(MemoryStatsConfig memory) {
        if (memory == null) {
            return 0;
        }
        StatsConfig details = memory.getStats();
        long inactiveFiles = 0;
        if (details != null) {
            // cgroup v1 reports total_inactive_file, cgroup v2 inactive_file.
            inactiveFiles = details.getTotalInactiveFile() != null ? details.getTotalInactiveFile() : orZero(details.getInactiveFile());
        }
        return Math.max(0, orZero(memory.getUsage()) - inactiveFiles);
    }

    private static long traffic(Map<String, StatisticNetworksConfig> networks, Function<StatisticNetworksConfig, Long> bytes) {
        return networks == null ? 0 : networks.values().stream().mapToLong(network -> orZero(bytes.apply(network))).sum();
    }

    private static long disk(InspectContainerResponse container) {
        return orZero(container.getSizeRootFs());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
