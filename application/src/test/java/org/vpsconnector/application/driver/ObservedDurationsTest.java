package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.Technology;

class ObservedDurationsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final ObservedDurations durations = new ObservedDurations();

    private static Operation succeeded(OperationKind kind, Duration took) {
        return Operation.accept(UUID.randomUUID(), UUID.randomUUID(), kind, kind.carriesSpec() ? World.vmSpec(2, 20, 2) : null,
                "txn", T0).succeed(T0.plus(took));
    }

    private void seen(Technology technology, OperationKind kind, long... seconds) {
        for (long took : seconds) {
            durations.ended(technology, succeeded(kind, Duration.ofSeconds(took)));
        }
    }

    @Test
    void nothing_is_known_before_three_successes() {
        seen(Technology.VIRTUAL_MACHINE, OperationKind.PROVISION, 30, 25);

        assertThat(durations.early(Technology.VIRTUAL_MACHINE, OperationKind.PROVISION)).isEmpty();

        seen(Technology.VIRTUAL_MACHINE, OperationKind.PROVISION, 28);

        assertThat(durations.early(Technology.VIRTUAL_MACHINE, OperationKind.PROVISION)).contains(Duration.ofSeconds(25));
    }

    @Test
    void the_early_duration_is_the_shortest_while_fewer_than_ten_were_seen_so_a_slow_operation_does_not_move_it() {
        seen(Technology.VIRTUAL_MACHINE, OperationKind.PROVISION, 20, 21, 600, 19, 22);

        assertThat(durations.early(Technology.VIRTUAL_MACHINE, OperationKind.PROVISION)).contains(Duration.ofSeconds(19));
    }

    @Test
    void the_early_duration_is_the_tenth_percentile_so_neither_the_median_nor_one_odd_quick_operation() {
        for (long took = 10; took < 10 + ObservedDurations.KEPT; took++) {
            seen(Technology.VIRTUAL_MACHINE, OperationKind.PROVISION, took);
        }

        // 32 durations of 10..41 s: the fourth shortest; the median would be 26 s, the shortest 10 s.
        assertThat(durations.early(Technology.VIRTUAL_MACHINE, OperationKind.PROVISION)).contains(Duration.ofSeconds(13));
    }

    @Test
    void only_the_latest_durations_count() {
        for (int i = 0; i < ObservedDurations.KEPT; i++) {
            seen(Technology.VIRTUAL_MACHINE, OperationKind.START, 100);
        }
        for (int i = 0; i < ObservedDurations.KEPT / 2 + 1; i++) {
            seen(Technology.VIRTUAL_MACHINE, OperationKind.START, 10);
        }

        assertThat(durations.early(Technology.VIRTUAL_MACHINE, OperationKind.START)).contains(Duration.ofSeconds(10));
    }

    @Test
    void failures_are_not_how_long_the_work_takes() {
        for (int i = 0; i < 5; i++) {
            durations.ended(Technology.VIRTUAL_MACHINE, Operation.accept(UUID.randomUUID(), UUID.randomUUID(),
                    OperationKind.PROVISION, World.vmSpec(2, 20, 2), "txn", T0).fail("no room", T0.plusSeconds(2)));
        }

        assertThat(durations.early(Technology.VIRTUAL_MACHINE, OperationKind.PROVISION)).isEmpty();
    }

    @Test
    void each_technology_and_kind_is_learnt_on_its_own() {
        seen(Technology.VIRTUAL_MACHINE, OperationKind.PROVISION, 30, 30, 30);
        seen(Technology.CONTAINER, OperationKind.PROVISION, 1, 1, 1);

        assertThat(durations.early(Technology.VIRTUAL_MACHINE, OperationKind.PROVISION)).contains(Duration.ofSeconds(30));
        assertThat(durations.early(Technology.CONTAINER, OperationKind.PROVISION)).contains(Duration.ofSeconds(1));
        assertThat(durations.early(Technology.VIRTUAL_MACHINE, OperationKind.CONFIGURE)).isEmpty();
    }
}
