package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MeteredUsageTest {
    private static final UUID VPS = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static UsageReading reading(long cpu, long memory, long disk, long in, long out, String run) {
        return new UsageReading(cpu, memory, disk, in, out, run);
    }

    @Test
    void theFirstReadingIsTakenAsItIs() {
        MeteredUsage usage = MeteredUsage.first(VPS, reading(5, 100, 200, 30, 40, "run-1"), T0);

        assertThat(usage.totalCpuNanos()).isEqualTo(5);
        assertThat(usage.memoryBytes()).isEqualTo(100);
        assertThat(usage.diskBytes()).isEqualTo(200);
        assertThat(usage.totalNetworkInBytes()).isEqualTo(30);
        assertThat(usage.totalNetworkOutBytes()).isEqualTo(40);
        assertThat(usage.measuredAt()).isEqualTo(T0);
    }

    @Test
    void countersGrowWithTheServersOwnCountersAndGaugesFollowTheLatestReading() {
        MeteredUsage usage = MeteredUsage.first(VPS, reading(5, 100, 200, 30, 40, "run-1"), T0)
                .next(reading(9, 80, 250, 35, 41, "run-1"), T0.plusSeconds(60));

        assertThat(usage.totalCpuNanos()).isEqualTo(9);
        assertThat(usage.memoryBytes()).isEqualTo(80);
        assertThat(usage.diskBytes()).isEqualTo(250);
        assertThat(usage.totalNetworkInBytes()).isEqualTo(35);
        assertThat(usage.totalNetworkOutBytes()).isEqualTo(41);
    }

    @Test
    void aServerRestartThatResetItsCountersDoesNotTakeThemBackwards() {
        MeteredUsage beforeRestart = MeteredUsage.first(VPS, reading(500, 100, 200, 300, 400, "run-1"), T0);

        MeteredUsage afterRestart = beforeRestart.next(reading(20, 50, 200, 10, 5, "run-1"), T0.plusSeconds(60));
        MeteredUsage later = afterRestart.next(reading(70, 50, 200, 30, 9, "run-1"), T0.plusSeconds(120));

        assertThat(afterRestart.totalCpuNanos()).isEqualTo(520);
        assertThat(afterRestart.totalNetworkInBytes()).isEqualTo(310);
        assertThat(afterRestart.totalNetworkOutBytes()).isEqualTo(405);
        assertThat(later.totalCpuNanos()).isEqualTo(570);
        assertThat(later.totalNetworkInBytes()).isEqualTo(330);
        assertThat(later.totalNetworkOutBytes()).isEqualTo(409);
    }

    @Test
    void aNewRunCountsAfreshEvenWhenItsCountersOvertookTheOldOnes() {
        MeteredUsage usage = MeteredUsage.first(VPS, reading(500, 100, 200, 300, 400, "run-1"), T0)
                .next(reading(900, 100, 200, 800, 700, "run-2"), T0.plusSeconds(60));

        assertThat(usage.totalCpuNanos()).isEqualTo(1400);
        assertThat(usage.totalNetworkInBytes()).isEqualTo(1100);
        assertThat(usage.totalNetworkOutBytes()).isEqualTo(1100);
        assertThat(usage.run()).isEqualTo("run-2");
    }

    @Test
    void aReadingNoNewerThanTheStoredFiguresChangesNothing() {
        MeteredUsage stored = MeteredUsage.first(VPS, reading(500, 100, 200, 300, 400, "run-1"), T0)
                .next(reading(20, 50, 200, 10, 5, "run-2"), T0.plusSeconds(60));

        // A slower replica read the server before its restart and writes after the faster one.
        MeteredUsage late = stored.next(reading(510, 100, 200, 305, 402, "run-1"), T0.plusSeconds(59));
        MeteredUsage again = stored.next(reading(20, 50, 200, 10, 5, "run-2"), T0.plusSeconds(60));

        assertThat(late).isEqualTo(stored);
        assertThat(again).isEqualTo(stored);
        assertThat(stored.totalCpuNanos()).isEqualTo(520);
    }
}
