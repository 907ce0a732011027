package org.vpsconnector.application.fleet;

import org.vpsconnector.application.port.out.HostLoad;
import org.vpsconnector.domain.Hardware;

/**
 * What a host may be sold: its memory and CPUs, each times its overcommit ratio (CPUs are shared
 * by time, so several VPS CPUs per core is usual; memory is rarely overcommitted). Zero memory or
 * CPUs is no limit of that kind.
 */
public record HostCapacity(int memoryGb, int cpus, double memoryOvercommit, double cpuOvercommit) {
    public static final HostCapacity UNLIMITED = new HostCapacity(0, 0, 1.0, 1.0);

    public HostCapacity {
        if (memoryGb < 0 || cpus < 0) {
            throw new IllegalArgumentException("a host's capacity cannot be negative: " + memoryGb + " GB, " + cpus + " CPUs");
        }
        if (memoryOvercommit < 1.0 || cpuOvercommit < 1.0) {
            throw new IllegalArgumentException("an overcommit ratio is at least 1.0, got memory " + memoryOvercommit
                    + ", CPUs " + cpuOvercommit);
        }
    }

    /** Whether the host takes VPSes without limit: neither memory nor CPUs are counted. */
    public boolean isUnlimited() {
        return memoryGb == 0 && cpus == 0;
    }

    /** Memory that may be sold, in GB; {@link Long#MAX_VALUE} without a limit. */
    public long sellableMemoryGb() {
        return memoryGb == 0 ? Long.MAX_VALUE : (long) Math.floor(memoryGb * memoryOvercommit);
    }

    /** CPUs that may be sold; {@link Long#MAX_VALUE} without a limit. */
    public long sellableCpus() {
        return cpus == 0 ? Long.MAX_VALUE : (long) Math.floor(cpus * cpuOvercommit);
    }

    /** Whether the host, carrying {@code load}, can take one more VPS of {@code asked}. */
    public boolean fits(HostLoad load, Hardware asked) {
        return load.memoryGb() + asked.memoryGb() <= sellableMemoryGb() && load.cpus() + asked.cpuCount() <= sellableCpus();
    }

    /**
     * The larger of the memory and CPU shares sold, 0 to 1, once {@code asked} is added: the host
     * whose scarcer resource stays freest takes the VPS. 0 for a host without limits.
     */
    public double usedShareWith(HostLoad load, Hardware asked) {
        double memory = memoryGb == 0 ? 0 : (double) (load.memoryGb() + asked.memoryGb()) / sellableMemoryGb();
        double cpu = cpus == 0 ? 0 : (double) (load.cpus() + asked.cpuCount()) / sellableCpus();
        return Math.max(memory, cpu);
    }
}
