package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageCounterTest {

    @Test
    void a_counter_may_be_zero_but_not_negative() {
        assertThat(new UsageCounter(0, 0).total()).isZero();
        assertThatThrownBy(() -> new UsageCounter(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UsageCounter(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "base {0}, last raw {1}, read {2} (new run {3}): base {4}, total {5}")
    @CsvSource({
            // base, last raw, raw read, new run, base after, total after
            "100,   50,       70,       false,   100,        170",
            // the server counted nothing since: the same count is no restart, nothing is counted twice
            "100,   50,       50,       false,   100,        150",
            // below the last count: the server restarted, what it counted before goes to the base
            "100,   50,       49,       false,   150,        199",
            "100,   50,       0,        false,   150,        150",
            // a new run starts afresh whatever its count
            "100,   50,       50,       true,    150,        200",
            "100,   50,       70,       true,    150,        220",
            "0,     0,        0,        false,   0,          0",
    })
    void a_reading_grows_the_counter_and_a_restart_keeps_what_was_counted(long base, long lastRaw, long raw, boolean newRun,
                                                                          long baseAfter, long totalAfter) {
        UsageCounter next = new UsageCounter(base, lastRaw).next(raw, newRun);

        assertThat(next).isEqualTo(new UsageCounter(baseAfter, raw));
        assertThat(next.total()).isEqualTo(totalAfter);
    }
}
