package org.vpsconnector.domain;

/** The largest VPS a hosting provider sells; anything above is refused as impossible hardware. */
public record HardwareLimits(int maxMemoryGb, int maxDiskspaceGb, int maxCpuCount) {

    public static final HardwareLimits DEFAULT = new HardwareLimits(512, 16_384, 128);

    public HardwareLimits {
        if (maxMemoryGb <= 0 || maxDiskspaceGb <= 0 || maxCpuCount <= 0) {
            throw new IllegalArgumentException("hardware limits must be positive");
        }
    }

    public void check(Hardware hardware) {
        requireAtMost("hardware.memory", hardware.memoryGb(), maxMemoryGb, "GB");
        requireAtMost("hardware.diskspace", hardware.diskspaceGb(), maxDiskspaceGb, "GB");
        requireAtMost("hardware.CPU.number", hardware.cpuCount(), maxCpuCount, "cores");
    }

    private static void requireAtMost(String property, int value, int limit, String unit) {
        if (value > limit) {
            throw new InvalidRequestException(property + " of " + value + " " + unit + " exceeds the limit of " + limit + " " + unit);
        }
    }
}
