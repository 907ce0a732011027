package org.vpsconnector.adapters.docker;

import com.github.dockerjava.api.command.UpdateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import java.util.Map;
import java.util.Optional;
import org.vpsconnector.domain.Hardware;

/**
 * How the {@code hardware} of a VPS becomes the limits of its container, and back.
 * <ul>
 *   <li>Memory is a hard limit, with memory-swap equal to it so the container cannot swap beyond it.</li>
 *   <li>CPUs are a CFS quota of that many 100 ms periods per period. Unlike NanoCPUs, the engine
 *       accepts more CPUs than the host has: a hosting provider oversubscribes. The container also
 *       runs on that many of the host's CPUs ({@link ContainerCpus}), so that {@code nproc} and
 *       every program that sizes its threads by the CPUs it may use see what was sold.</li>
 *   <li>Disk space is the container's size limit, set at create ({@link ContainerDisk}), and
 *       recorded in a label.</li>
 * </ul>
 */
final class ContainerHardware {
    static final String DISKSPACE_LABEL = "org.vpsconnector.diskspace-gb";
    static final long BYTES_PER_GB = 1L << 30;
    static final long CPU_PERIOD_MICROS = 100_000;

    private ContainerHardware() {
    }

    /** @param cpuset the host's CPUs the container runs on, as {@link ContainerCpus} chose them */
    static HostConfig limit(HostConfig hostConfig, Hardware hardware, String cpuset) {
        return hostConfig
                .withMemory(memoryBytes(hardware))
                .withMemorySwap(memoryBytes(hardware))
                .withCpuPeriod(CPU_PERIOD_MICROS)
                .withCpuQuota(cpuQuota(hardware))
                .withCpusetCpus(cpuset);
    }

    static UpdateContainerCmd limit(UpdateContainerCmd update, Hardware hardware, String cpuset) {
        return update
                .withMemory(memoryBytes(hardware))
                .withMemorySwap(memoryBytes(hardware))
                .withCpuPeriod(CPU_PERIOD_MICROS)
                .withCpuQuota(cpuQuota(hardware))
                .withCpusetCpus(cpuset);
    }

    /** Whether the container has the memory and CPU limits of {@code hardware} and the CPUs {@code cpuset} already. */
    static boolean hasLimits(HostConfig hostConfig, Hardware hardware, String cpuset) {
        return Long.valueOf(memoryBytes(hardware)).equals(hostConfig.getMemory())
                && Long.valueOf(memoryBytes(hardware)).equals(hostConfig.getMemorySwap())
                && Long.valueOf(CPU_PERIOD_MICROS).equals(hostConfig.getCpuPeriod())
                && Long.valueOf(cpuQuota(hardware)).equals(hostConfig.getCpuQuota())
                && cpuset.equals(hostConfig.getCpusetCpus());
    }

    static Map<String, String> labels(Hardware hardware) {
        return Map.of(DISKSPACE_LABEL, Integer.toString(hardware.diskspaceGb()));
    }

    /**
     * Empty when the container lacks the limits or the label the connector sets: one made by hand
     * with the connector's identity labels is still a server of this owner, whose size is unknown.
     */
    static Optional<Hardware> of(HostConfig hostConfig, Map<String, String> labels) {
        Long memory = hostConfig.getMemory();
        Long quota = hostConfig.getCpuQuota();
        Long period = hostConfig.getCpuPeriod();
        String diskspace = labels.get(DISKSPACE_LABEL);
        if (memory == null || memory < BYTES_PER_GB || quota == null || period == null || period <= 0 || quota < period
                || diskspace == null || !diskspace.matches("[1-9][0-9]{0,8}")) {
            return Optional.empty();
        }
        int memoryGb = Math.toIntExact(memory / BYTES_PER_GB);
        int cpuCount = Math.toIntExact(quota / period);
        return Optional.of(new Hardware(memoryGb, Integer.parseInt(diskspace), cpuCount, false));
    }

    private static long memoryBytes(Hardware hardware) {
        return hardware.memoryGb() * BYTES_PER_GB;
    }

    private static long cpuQuota(Hardware hardware) {
        return hardware.cpuCount() * CPU_PERIOD_MICROS;
    }
}
