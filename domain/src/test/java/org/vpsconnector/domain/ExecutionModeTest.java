package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExecutionModeTest {

    @ParameterizedTest(name = "a {0} runs {1}")
    @CsvSource({
            "CONTAINER,       IN_REQUEST",
            "VIRTUAL_MACHINE, IN_BACKGROUND",
    })
    void containers_run_within_the_request_and_virtual_machines_in_the_background(Technology technology, ExecutionMode mode) {
        assertThat(ExecutionMode.of(technology)).isEqualTo(mode);
    }

    @ParameterizedTest(name = "hardware.VM={0} is a {1}")
    @CsvSource({
            "false, CONTAINER",
            "true,  VIRTUAL_MACHINE",
    })
    void the_vm_flag_chooses_the_technology(boolean vm, Technology technology) {
        assertThat(new Hardware(1, 1, 1, vm).technology()).isEqualTo(technology);
    }
}
