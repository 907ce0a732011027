package org.vpsconnector.application.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadPaceTest {
    private long now = TimeUnit.SECONDS.toNanos(1_000);
    private final List<Long> sleeps = new ArrayList<>();
    private final ReadPace tenASecond = new ReadPace(10, () -> now, nanos -> {
        sleeps.add(nanos);
        now += nanos;
    });

    private static long millis(long value) {
        return TimeUnit.MILLISECONDS.toNanos(value);
    }

    @Test
    void theFirstReadStartsAtOnceAndEachNextOneASpacingLater() throws InterruptedException {
        tenASecond.awaitTurn();
        tenASecond.awaitTurn();
        tenASecond.awaitTurn();

        assertThat(sleeps).containsExactly(millis(100), millis(100));
    }

    @Test
    void timeSpentBetweenTurnsCountsTowardsTheSpacing() throws InterruptedException {
        tenASecond.awaitTurn();
        now += millis(30);
        tenASecond.awaitTurn();

        assertThat(sleeps).containsExactly(millis(70));
    }

    @Test
    void aReadThatStartsLateIsNotMadeUpForByABurst() throws InterruptedException {
        tenASecond.awaitTurn();
        now += millis(1_000);
        tenASecond.awaitTurn();
        tenASecond.awaitTurn();
        tenASecond.awaitTurn();

        assertThat(sleeps).containsExactly(millis(100), millis(100));
    }

    @Test
    void atLeastOneReadASecond() {
        assertThatThrownBy(() -> new ReadPace(0, () -> now, nanos -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
