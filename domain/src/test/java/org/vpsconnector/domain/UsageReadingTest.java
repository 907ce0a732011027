package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageReadingTest {

    @Test
    void a_reading_of_nothing_at_all_is_taken() {
        UsageReading idle = new UsageReading(0, 0, 0, 0, 0, null);

        assertThat(idle.cpuNanos()).isZero();
        assertThat(idle.networkOutBytes()).isZero();
        assertThat(idle.run()).isNull();
    }

    @ParameterizedTest(name = "{0} of -1 is refused")
    @CsvSource({
            "cpuNanos,        -1,  0,  0,  0,  0",
            "memoryBytes,      0, -1,  0,  0,  0",
            "diskBytes,        0,  0, -1,  0,  0",
            "networkInBytes,   0,  0,  0, -1,  0",
            "networkOutBytes,  0,  0,  0,  0, -1",
    })
    void a_negative_figure_is_refused_naming_it(String field, long cpu, long memory, long disk, long in, long out) {
        assertThatThrownBy(() -> new UsageReading(cpu, memory, disk, in, out, "run-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(field + " cannot be negative, got -1");
    }
}
