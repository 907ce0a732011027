package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HardwareTest {

    @ParameterizedTest(name = "memory {0}, disk {1}, cpu {2}: {3} refused")
    @CsvSource({
            "0,  20, 2,  hardware.memory",
            "-1, 20, 2,  hardware.memory",
            "2,  0,  2,  hardware.diskspace",
            "2,  -5, 2,  hardware.diskspace",
            "2,  20, 0,  hardware.CPU.number",
            "2,  20, -2, hardware.CPU.number",
    })
    void sizes_must_be_positive(int memory, int disk, int cpus, String property) {
        assertThatThrownBy(() -> new Hardware(memory, disk, cpus, false))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(property);
    }

    @ParameterizedTest(name = "{0} -> {1}: allowed")
    @CsvSource({
            // memory/disk/cpu/vm of the existing server -> of the target
            "2/20/2/false, 2/20/2/false",
            "2/20/2/false, 8/20/2/false",
            "8/20/8/false, 1/20/1/false",
            "2/20/2/false, 2/21/2/false",
            "2/20/2/true,  4/100/4/true",
    })
    void growing_or_resizing_memory_and_cpu_is_a_legal_reconfiguration(String from, String to) {
        assertThatCode(() -> parse(from).requireReconfigurableTo(parse(to))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} -> {1}: refused ({2})")
    @CsvSource({
            "2/20/2/false, 2/20/2/true,  hardware.VM",
            "2/20/2/true,  2/20/2/false, hardware.VM",
            "2/20/2/false, 2/19/2/false, hardware.diskspace",
            "2/20/2/true,  4/10/4/true,  hardware.diskspace",
    })
    void changing_the_vm_flag_or_shrinking_the_disk_is_refused(String from, String to, String property) {
        assertThatThrownBy(() -> parse(from).requireReconfigurableTo(parse(to)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(property);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1/1/1/false", "512/16384/128/true"})
    void valid_hardware_keeps_its_values(String text) {
        String[] parts = text.split("/");
        Hardware hardware = parse(text);

        assertThat(hardware.memoryGb()).isEqualTo(Integer.parseInt(parts[0]));
        assertThat(hardware.diskspaceGb()).isEqualTo(Integer.parseInt(parts[1]));
        assertThat(hardware.cpuCount()).isEqualTo(Integer.parseInt(parts[2]));
        assertThat(hardware.vm()).isEqualTo(Boolean.parseBoolean(parts[3]));
    }

    static Hardware parse(String text) {
        String[] parts = text.split("/");
        return new Hardware(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Boolean.parseBoolean(parts[3]));
    }
}
