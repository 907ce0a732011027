package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest(name = "after {0} failed attempts of 1 s doubling up to 10 s: {1} ms")
    @CsvSource({
            "0,          1000",
            "1,          1000",
            "2,          2000",
            "3,          4000",
            "4,          8000",
            "5,          10000",
            "6,          10000",
            "100,        10000",
            "2147483647, 10000",
    })
    void the_delay_doubles_after_each_failure_up_to_the_cap(int failedAttempts, long expectedMillis) {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 5);

        assertThat(backoff.delayAfter(failedAttempts)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @ParameterizedTest(name = "after {0} failed attempts of 3 s doubling up to 5 s: {1} ms")
    @CsvSource({
            "1, 3000",
            "2, 5000",
            "3, 5000",
    })
    void the_cap_applies_even_when_a_doubling_overshoots_it(int failedAttempts, long expectedMillis) {
        Backoff backoff = new Backoff(Duration.ofSeconds(3), Duration.ofSeconds(5), 5);

        assertThat(backoff.delayAfter(failedAttempts)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Test
    void a_zero_initial_delay_retries_at_once() {
        Backoff backoff = new Backoff(Duration.ZERO, Duration.ZERO, 3);

        assertThat(backoff.delayAfter(1)).isZero();
        assertThat(backoff.delayAfter(7)).isZero();
    }

    @ParameterizedTest(name = "{0} failed attempts of at most 3: exhausted {1}")
    @CsvSource({
            "0, false",
            "1, false",
            "2, false",
            "3, true",
            "4, true",
    })
    void the_attempts_are_spent_at_max_attempts(int failedAttempts, boolean exhausted) {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 3);

        assertThat(backoff.exhausted(failedAttempts)).isEqualTo(exhausted);
    }

    @Test
    void the_smallest_backoff_is_one_attempt_without_delay() {
        Backoff once = new Backoff(Duration.ZERO, Duration.ZERO, 1);

        assertThat(once.exhausted(0)).isFalse();
        assertThat(once.exhausted(1)).isTrue();
        assertThat(once.delayAfter(1)).isZero();
    }

    @ParameterizedTest(name = "initial {0} ms, max {1} ms, attempts {2} is refused")
    @CsvSource({
            "-1,   1000, 3",
            "2000, 1000, 3",
            "1000, 1000, 0",
            "1000, 1000, -1",
    })
    void an_impossible_backoff_is_refused(long initialMillis, long maxMillis, int maxAttempts) {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(initialMillis), Duration.ofMillis(maxMillis), maxAttempts))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
