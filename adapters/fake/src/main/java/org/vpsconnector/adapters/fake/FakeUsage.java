package org.vpsconnector.adapters.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.UsageReading;

/**
 * Made-up usage of a fake server, the same on every call for the same server and time: each VPS
 * has its own load, drawn from its id. CPU time and traffic grow with the time it has run since its
 * last start and begin at zero at each start, as Docker's and libvirt's do; memory stays within its
 * hardware while it runs; its disk is a share of its diskspace, written or not.
 */
final class FakeUsage {
    private static final long BYTES_PER_GB = 1L << 30;

    private FakeUsage() {
    }

    static UsageReading of(FakeServer server, Instant now) {
        SplittableRandom load = new SplittableRandom(server.vpsId().getMostSignificantBits() ^ server.vpsId().getLeastSignificantBits());
        double cpuShare = 0.05 + 0.40 * load.nextDouble();
        double memoryShare = 0.10 + 0.50 * load.nextDouble();
        double diskShare = 0.05 + 0.45 * load.nextDouble();
        long inBytesPerSecond = 1_024 + load.nextLong(64 * 1_024);
        long outBytesPerSecond = 512 + load.nextLong(32 * 1_024);
        Hardware hardware = server.hardware();
        long diskBytes = (long) (hardware.diskspaceGb() * BYTES_PER_GB * diskShare);
        if (!server.running()) {
            return new UsageReading(0, 0, diskBytes, 0, 0, null);
        }
        Duration running = Duration.between(server.startedAt(), now);
        long runningNanos = Math.max(0, running.toNanos());
        double runningSeconds = runningNanos / 1e9;
        return new UsageReading(
                (long) (runningNanos * hardware.cpuCount() * cpuShare),
                (long) (hardware.memoryGb() * BYTES_PER_GB * memoryShare),
                diskBytes,
                (long) (runningSeconds * inBytesPerSecond),
                (long) (runningSeconds * outBytesPerSecond),
                server.startedAt().toString());
    }
}
