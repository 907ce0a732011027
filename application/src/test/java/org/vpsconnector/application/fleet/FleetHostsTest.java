package org.vpsconnector.application.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.domain.Technology;

class FleetHostsTest {
    private final Host engineA = new Host("engine-a", Technology.CONTAINER, ControllableBackend.containers(), HostCapacity.UNLIMITED);
    private final Host engineB = new Host("engine-b", Technology.CONTAINER, ControllableBackend.containers(), HostCapacity.UNLIMITED);
    private final Host kvm = new Host("engine-a", Technology.VIRTUAL_MACHINE, ControllableBackend.hypervisor(), HostCapacity.UNLIMITED);
    private final Fleet fleet = new Fleet(List.of(engineA, engineB, kvm));

    @Test
    void a_vps_recorded_without_a_host_lives_on_the_first_host_of_its_technology_and_one_with_a_host_on_that_host() {
        assertThat(fleet.holds(engineA, null)).isTrue();
        assertThat(fleet.holds(engineB, null)).isFalse();
        assertThat(fleet.holds(kvm, null)).isTrue();
        assertThat(fleet.holds(engineB, "engine-b")).isTrue();
        assertThat(fleet.holds(engineA, "engine-b")).isFalse();
    }

    @Test
    void a_host_is_known_by_its_drain_scope() {
        assertThat(engineA).hasToString("container:engine-a");
        assertThat(kvm).hasToString("hypervisor:engine-a");
        assertThat(Host.scopeOf(Technology.VIRTUAL_MACHINE, "kvm-1")).isEqualTo("hypervisor:kvm-1");
    }

    @Test
    void a_fleet_needs_a_host_of_each_technology_and_unique_names_per_technology() {
        assertThatThrownBy(() -> new Fleet(List.of(engineA))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the fleet has no hypervisor host");
        assertThatThrownBy(() -> new Fleet(List.of(engineA, kvm, engineA))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two container hosts are named engine-a");
    }

    @Test
    void a_host_whose_backend_is_of_another_technology_is_refused() {
        assertThatThrownBy(() -> new Host("odd", Technology.VIRTUAL_MACHINE, ControllableBackend.containers(), HostCapacity.UNLIMITED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host odd is a VIRTUAL_MACHINE host, its backend is CONTAINER");
    }
}
