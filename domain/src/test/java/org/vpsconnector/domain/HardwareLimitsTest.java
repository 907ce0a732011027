package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HardwareLimitsTest {
    private static final HardwareLimits LIMITS = new HardwareLimits(64, 1000, 16);

    @ParameterizedTest(name = "memory {0}, disk {1}, cpu {2} fits")
    @CsvSource({
            "1,  1,    1",
            "64, 1000, 16",
            "63, 999,  15",
    })
    void hardware_up_to_the_limits_is_accepted(int memory, int disk, int cpus) {
        assertThatCode(() -> LIMITS.check(new Hardware(memory, disk, cpus, true))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "memory {0}, disk {1}, cpu {2}: {3} over the limit")
    @CsvSource({
            "65, 1000, 16, hardware.memory",
            "64, 1001, 16, hardware.diskspace",
            "64, 1000, 17, hardware.CPU.number",
            "999999, 1, 1, hardware.memory",
    })
    void hardware_over_any_limit_is_an_invalid_request(int memory, int disk, int cpus, String property) {
        assertThatThrownBy(() -> LIMITS.check(new Hardware(memory, disk, cpus, false)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(property)
                .hasMessageContaining("exceeds the limit");
    }

    @ParameterizedTest(name = "limits {0}/{1}/{2} are refused")
    @CsvSource({
            "0,  1, 1",
            "1,  0, 1",
            "1,  1, 0",
            "-1, 1, 1",
    })
    void limits_must_be_positive(int memory, int disk, int cpus) {
        assertThatThrownBy(() -> new HardwareLimits(memory, disk, cpus)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_default_limits_are_512_gb_memory_16_tb_disk_128_cores() {
        assertThat(HardwareLimits.DEFAULT).isEqualTo(new HardwareLimits(512, 16_384, 128));
    }
}
