package org.vpsconnector.adapters.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.UsageReading;

class FakeUsageTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Hardware HARDWARE = new Hardware(2, 20, 2, false);

    private static FakeServer running(UUID vpsId) {
        return FakeServer.created(Technology.CONTAINER, new ServerSpec(vpsId, UUID.randomUUID(), "web", HARDWARE,
                Platform.UNSPECIFIED)).startedAt(STARTED);
    }

    @Test
    void theSameServerAtTheSameTimeReadsTheSame() {
        UUID vpsId = UUID.randomUUID();

        assertThat(FakeUsage.of(running(vpsId), STARTED.plusSeconds(90)))
                .isEqualTo(FakeUsage.of(running(vpsId), STARTED.plusSeconds(90)));
    }

    @Test
    void countersGrowWithTheTimeRunningWhileMemoryAndDiskStayWithinTheHardware() {
        FakeServer server = running(UUID.randomUUID());

        UsageReading minute = FakeUsage.of(server, STARTED.plusSeconds(60));
        UsageReading hour = FakeUsage.of(server, STARTED.plusSeconds(3600));

        assertThat(hour.cpuNanos()).isGreaterThan(minute.cpuNanos()).isPositive()
                .isLessThanOrEqualTo(3600L * 1_000_000_000L * HARDWARE.cpuCount());
        assertThat(hour.networkInBytes()).isGreaterThan(minute.networkInBytes());
        assertThat(hour.networkOutBytes()).isGreaterThan(minute.networkOutBytes());
        assertThat(hour.memoryBytes()).isPositive().isLessThanOrEqualTo(HARDWARE.memoryGb() * (1L << 30));
        assertThat(hour.diskBytes()).isPositive().isLessThanOrEqualTo(HARDWARE.diskspaceGb() * (1L << 30));
        assertThat(hour.run()).isEqualTo(minute.run());
    }

    @Test
    void aStoppedServerKeepsOnlyItsDisk() {
        FakeServer stopped = running(UUID.randomUUID()).stopped();

        UsageReading reading = FakeUsage.of(stopped, STARTED.plusSeconds(60));

        assertThat(reading.cpuNanos()).isZero();
        assertThat(reading.memoryBytes()).isZero();
        assertThat(reading.diskBytes()).isPositive();
    }
}
