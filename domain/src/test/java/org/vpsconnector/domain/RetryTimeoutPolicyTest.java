package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.domain.Fixtures.T0;
import static org.vpsconnector.domain.Fixtures.VPS_ID;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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

    private static final RetryTimeoutPolicy ADAPTIVE = new RetryTimeoutPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0, true);

    /** Accepted at T0, next looked at one second from {@code now}. */
    private static Operation acceptedAtT0(Instant now) {
        return new Operation(UUID.randomUUID(), VPS_ID, OperationKind.PROVISION, OperationStatus.RUNNING, Fixtures.SPEC_A, 0,
                now.plusSeconds(1), null, "Creating", T0, now, null);
    }

    @ParameterizedTest(name = "the quick ones took {0} s, {1} s after acceptance: advise {2} s")
    @CsvSource({
            // early duration, seconds since acceptance, advised whole seconds (next attempt in 1 s, bounds 1 .. 60)
            "20,   0,  20",
            "20,   1,  19",
            "20,   5,  15",
            "20,  19,   1",
            "20,  25,   1",
            "90,   0,  60",
            "0.5,  0,   1",
    })
    void with_an_early_duration_the_controller_comes_back_when_the_work_may_be_done(double earlySeconds, long elapsed,
                                                                                         long advisedSeconds) {
        Instant now = T0.plusSeconds(elapsed);
        Duration early = Duration.ofMillis((long) (earlySeconds * 1000));

        assertThat(ADAPTIVE.adviseSeconds(acceptedAtT0(now), now, Optional.of(early), false, 0.0)).isEqualTo(advisedSeconds);
    }

    @Test
    void a_policy_that_does_not_adapt_ignores_the_early_duration() {
        RetryTimeoutPolicy fixed = new RetryTimeoutPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0, false);

        assertThat(fixed.adviseSeconds(acceptedAtT0(T0), T0, Optional.of(Duration.ofSeconds(20)), false, 0.0)).isEqualTo(1);
    }

    @Test
    void without_an_early_duration_the_advice_is_the_next_attempt() {
        Instant now = T0.plusSeconds(3);

        assertThat(ADAPTIVE.adviseSeconds(acceptedAtT0(now), now, Optional.empty(), false, 0.99)).isEqualTo(1);
    }

    @Test
    void jitter_brings_the_advice_for_the_early_end_forward_by_up_to_its_share_never_before_the_next_attempt() {
        RetryTimeoutPolicy jittered = new RetryTimeoutPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, true);
        Optional<Duration> early = Optional.of(Duration.ofSeconds(20));

        assertThat(jittered.adviseSeconds(acceptedAtT0(T0), T0, early, false, 0.0)).isEqualTo(20);
        assertThat(jittered.adviseSeconds(acceptedAtT0(T0), T0, early, false, 0.5)).isEqualTo(18);
        assertThat(jittered.adviseSeconds(acceptedAtT0(T0), T0, early, false, 0.999)).isEqualTo(17);
        assertThat(jittered.adviseSeconds(acceptedAtT0(T0), T0, Optional.of(Duration.ofSeconds(90)), false, 0.999)).isEqualTo(60);
        Instant late = T0.plusMillis(18_900);
        assertThat(jittered.adviseSeconds(acceptedAtT0(late), late, early, false, 0.999)).isEqualTo(1);
    }

    /** A provision accepted at {@link Fixtures#T0}, last looked at {@code now}, looked at again 10 s later. */
    private static Operation acceptedAtT0LookedAtAgainIn10s(Instant now) {
        return new Operation(UUID.randomUUID(), VPS_ID, OperationKind.PROVISION, OperationStatus.RUNNING,
                Fixtures.SPEC_A, 0, now.plusSeconds(10), null, "Creating", T0, now, null);
    }

    @Test
    void jitter_puts_the_advice_for_the_next_attempt_off_by_up_to_its_share() {
        RetryTimeoutPolicy jittered = new RetryTimeoutPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, true);
        Instant late = T0.plusSeconds(30);
        Operation nextLookedAtIn10s = acceptedAtT0LookedAtAgainIn10s(late);

        assertThat(jittered.adviseSeconds(nextLookedAtIn10s, late, Optional.of(Duration.ofSeconds(20)), false, 0.0)).isEqualTo(10);
        assertThat(jittered.adviseSeconds(nextLookedAtIn10s, late, Optional.of(Duration.ofSeconds(20)), false, 0.5)).isEqualTo(11);
        assertThat(jittered.adviseSeconds(nextLookedAtIn10s, late, Optional.empty(), false, 0.999)).isEqualTo(12);
    }

    @Test
    void past_the_early_end_of_work_each_poll_looks_at_the_controller_comes_back_after_the_minimum() {
        RetryTimeoutPolicy jittered = new RetryTimeoutPolicy(Duration.ofSeconds(2), Duration.ofSeconds(60), 0.2, true);
        Instant late = T0.plusSeconds(30);
        Operation nextLookedAtIn10s = acceptedAtT0LookedAtAgainIn10s(late);
        Optional<Duration> early = Optional.of(Duration.ofSeconds(20));

        assertThat(jittered.adviseSeconds(nextLookedAtIn10s, late, early, true, 0.999)).isEqualTo(2);
        // Before the early end the poll still aims at it; without looking polls the next attempt is what counts.
        assertThat(jittered.adviseSeconds(nextLookedAtIn10s, late, Optional.of(Duration.ofSeconds(50)), true, 0.0)).isEqualTo(20);
        assertThat(jittered.adviseSeconds(nextLookedAtIn10s, late, early, false, 0.0)).isEqualTo(10);
        RetryTimeoutPolicy fixed = new RetryTimeoutPolicy(Duration.ofSeconds(2), Duration.ofSeconds(60), 0.0, false);
        assertThat(fixed.adviseSeconds(nextLookedAtIn10s, late, early, true, 0.0)).isEqualTo(10);
    }

    @ParameterizedTest(name = "jitter {0} is refused")
    @CsvSource({"-0.1", "1.5", "NaN"})
    void a_jitter_outside_zero_to_one_is_refused(double jitter) {
        assertThatThrownBy(() -> new RetryTimeoutPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), jitter, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
