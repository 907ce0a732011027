package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.domain.Fixtures.T0;
import static org.vpsconnector.domain.Fixtures.VPS_ID;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryTimeoutPolicyTest {
    private static final RetryTimeoutPolicy POLICY = new RetryTimeoutPolicy(Duration.ofSeconds(5), Duration.ofSeconds(60));

    private static Operation dueAt(Instant nextAttemptAt) {
        return new Operation(UUID.randomUUID(), VPS_ID, OperationKind.START, OperationStatus.RUNNING, null, 0,
                nextAttemptAt, null, "Start", T0, T0, null);
    }

    @ParameterizedTest(name = "next attempt in {0} ns: advise {1} s")
    @CsvSource({
            // nanoseconds until the next attempt, advised whole seconds (bounds 5 s .. 60 s, rounded up)
            "-10000000000,  5",
            "0,             5",
            "1000000000,    5",
            "5000000000,    5",
            "5000000001,    6",
            "5000500000,    6",
            "5001000000,    6",
            "30000000000,   30",
            "30500000000,   31",
            "59999999999,   60",
            "60000000000,   60",
            "60000000001,   60",
            "3600000000000, 60",
    })
    void the_advised_timeout_is_the_time_until_the_next_attempt_within_bounds_rounded_up(long nanos, long advisedSeconds) {
        Instant now = T0.plusSeconds(1000);

        assertThat(POLICY.adviseSeconds(dueAt(now.plusNanos(nanos)), now)).isEqualTo(advisedSeconds);
    }

    @Test
    void an_operation_without_a_next_attempt_gets_the_minimum() {
        assertThat(POLICY.adviseSeconds(dueAt(null), T0)).isEqualTo(5);
    }

    @Test
    void a_fractional_minimum_is_rounded_up_too() {
        RetryTimeoutPolicy policy = new RetryTimeoutPolicy(Duration.ofMillis(1500), Duration.ofSeconds(10));

        assertThat(policy.adviseSeconds(dueAt(T0), T0)).isEqualTo(2);
    }

    @ParameterizedTest(name = "minimum {0} ms, maximum {1} ms is refused")
    @CsvSource({
            "999,  5000",
            "0,    5000",
            "5000, 4999",
    })
    void impossible_bounds_are_refused(long minimumMillis, long maximumMillis) {
        assertThatThrownBy(() -> new RetryTimeoutPolicy(Duration.ofMillis(minimumMillis), Duration.ofMillis(maximumMillis)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
