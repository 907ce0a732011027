package org.vpsconnector.application.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.HostLoad;
import org.vpsconnector.domain.Hardware;

class HostCapacityTest {
    private static HostLoad load(long memoryGb, long cpus) {
        return new HostLoad("engine-a", 1, memoryGb, cpus, 0);
    }

    private static Hardware asked(int memoryGb, int cpus) {
        return new Hardware(memoryGb, 10, cpus, false);
    }

    @Test
    void no_memory_or_cpus_is_no_limit_and_an_overcommit_of_one_sells_the_host_as_it_is() {
        assertThatCode(() -> new HostCapacity(0, 0, 1.0, 1.0)).doesNotThrowAnyException();
        assertThat(new HostCapacity(8, 4, 1.0, 1.0).sellableMemoryGb()).isEqualTo(8);
        assertThat(new HostCapacity(8, 4, 1.0, 1.0).sellableCpus()).isEqualTo(4);
    }

    @Test
    void a_negative_capacity_or_an_overcommit_below_one_is_refused() {
        assertThatThrownBy(() -> new HostCapacity(-1, 4, 1.0, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a host's capacity cannot be negative: -1 GB, 4 CPUs");
        assertThatThrownBy(() -> new HostCapacity(8, -1, 1.0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostCapacity(8, 4, 0.99, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an overcommit ratio is at least 1.0, got memory 0.99, CPUs 1.0");
        assertThatThrownBy(() -> new HostCapacity(8, 4, 1.0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_host_is_unlimited_only_when_neither_memory_nor_cpus_are_counted() {
        assertThat(HostCapacity.UNLIMITED.isUnlimited()).isTrue();
        assertThat(new HostCapacity(8, 0, 1.0, 1.0).isUnlimited()).isFalse();
        assertThat(new HostCapacity(0, 4, 1.0, 1.0).isUnlimited()).isFalse();
        assertThat(new HostCapacity(8, 4, 1.0, 1.0).isUnlimited()).isFalse();
    }

    @Test
    void what_may_be_sold_is_the_capacity_times_its_overcommit_rounded_down() {
        HostCapacity capacity = new HostCapacity(10, 3, 1.25, 2.5);

        assertThat(capacity.sellableMemoryGb()).isEqualTo(12);
        assertThat(capacity.sellableCpus()).isEqualTo(7);
        assertThat(HostCapacity.UNLIMITED.sellableMemoryGb()).isEqualTo(Long.MAX_VALUE);
        assertThat(HostCapacity.UNLIMITED.sellableCpus()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void a_vps_fits_while_memory_and_cpus_sold_stay_within_what_may_be_sold() {
        HostCapacity capacity = new HostCapacity(8, 4, 1.0, 2.0);

        assertThat(capacity.fits(load(6, 6), asked(2, 2))).as("exactly full").isTrue();
        assertThat(capacity.fits(load(6, 6), asked(3, 1))).as("one GB too many").isFalse();
        assertThat(capacity.fits(load(6, 6), asked(1, 3))).as("one CPU too many").isFalse();
        assertThat(capacity.fits(load(0, 0), asked(9, 1))).isFalse();
        assertThat(HostCapacity.UNLIMITED.fits(load(1000, 1000), asked(64, 16))).isTrue();
    }

    @Test
    void the_share_used_is_that_of_the_scarcer_resource_once_the_vps_is_added() {
        HostCapacity capacity = new HostCapacity(8, 4, 1.0, 2.0);

        assertThat(capacity.usedShareWith(load(2, 1), asked(2, 1))).as("memory 4 of 8, CPUs 2 of 8").isCloseTo(0.5, within(1e-9));
        assertThat(capacity.usedShareWith(load(1, 4), asked(1, 2))).as("memory 2 of 8, CPUs 6 of 8").isCloseTo(0.75, within(1e-9));
        assertThat(new HostCapacity(0, 4, 1.0, 1.0).usedShareWith(load(50, 1), asked(2, 1)))
                .as("memory without a limit does not count").isCloseTo(0.5, within(1e-9));
        assertThat(new HostCapacity(8, 0, 1.0, 1.0).usedShareWith(load(2, 50), asked(2, 1)))
                .as("CPUs without a limit do not count").isCloseTo(0.5, within(1e-9));
        assertThat(HostCapacity.UNLIMITED.usedShareWith(load(50, 50), asked(2, 1))).isZero();
    }
}
