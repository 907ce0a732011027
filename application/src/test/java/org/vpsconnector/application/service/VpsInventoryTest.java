package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.fleet.HostCapacity;
import org.vpsconnector.application.port.out.VpsFilter;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.InMemoryTransactions;
import org.vpsconnector.application.testing.TestClock;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/** What the operator's VPS list shows, on a fleet where a container host and a hypervisor host share a name. */
class VpsInventoryTest {
    private final TestClock clock = new TestClock(World.T0);
    private final InMemoryTransactions db = new InMemoryTransactions();
    private final Fleet fleet = new Fleet(List.of(
            new Host("alpha", Technology.CONTAINER, ControllableBackend.containers(), HostCapacity.UNLIMITED),
            new Host("beta", Technology.CONTAINER, ControllableBackend.containers(), HostCapacity.UNLIMITED),
            new Host("alpha", Technology.VIRTUAL_MACHINE, ControllableBackend.hypervisor(), HostCapacity.UNLIMITED),
            new Host("gamma", Technology.VIRTUAL_MACHINE, ControllableBackend.hypervisor(), HostCapacity.UNLIMITED)));
    private final VpsInventory inventory = new VpsInventory(db, fleet);
    private final UUID instanceId = UUID.randomUUID();

    /** A VPS stored a second after the one before, so that the newest comes first. */
    private Vps store(UUID instance, VpsSpec spec, String host, PowerState state) {
        clock.advance(Duration.ofSeconds(1));
        Vps vps = new Vps(UUID.randomUUID(), instance, spec, Lifecycle.READY, state, clock.instant(), clock.instant(),
                null, null, host);
        db.inTransaction(repositories -> {
            repositories.vpses().insert(vps);
            return null;
        });
        return vps;
    }

    private List<UUID> listed(Optional<UUID> instance, Optional<PowerState> state, Optional<String> host, int limit) {
        return inventory.list(instance, state, host, limit).stream().map(Vps::id).toList();
    }

    @Test
    void a_vps_stored_before_hosts_were_named_shows_on_the_first_host_of_its_technology() {
        Vps unplacedContainer = store(instanceId, World.CONTAINER_SPEC, null, PowerState.RUNNING);
        Vps unplacedVm = store(instanceId, World.VM_SPEC, null, PowerState.RUNNING);
        Vps onBeta = store(instanceId, World.CONTAINER_SPEC, "beta", PowerState.RUNNING);

        List<Vps> listed = inventory.list(Optional.empty(), Optional.empty(), Optional.empty(), 10);

        assertThat(listed).containsExactly(onBeta, unplacedVm.placedOn("alpha"), unplacedContainer.placedOn("alpha"));
        assertThat(db.vps(unplacedContainer.id()).orElseThrow().host()).as("the record itself is left as it is").isNull();
    }

    @Test
    void lists_the_vpses_of_one_instance_or_one_power_state() {
        UUID otherInstance = UUID.randomUUID();
        Vps running = store(instanceId, World.CONTAINER_SPEC, "alpha", PowerState.RUNNING);
        Vps stopped = store(instanceId, World.CONTAINER_SPEC, "alpha", PowerState.STOPPED);
        Vps others = store(otherInstance, World.CONTAINER_SPEC, "alpha", PowerState.RUNNING);

        assertThat(listed(Optional.of(instanceId), Optional.empty(), Optional.empty(), 10))
                .containsExactly(stopped.id(), running.id());
        assertThat(listed(Optional.empty(), Optional.of(PowerState.RUNNING), Optional.empty(), 10))
                .containsExactly(others.id(), running.id());
        assertThat(listed(Optional.of(otherInstance), Optional.of(PowerState.STOPPED), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void the_first_host_of_a_technology_lists_the_vpses_stored_before_hosts_were_named_and_the_others_do_not() {
        Vps unplaced = store(instanceId, World.CONTAINER_SPEC, null, PowerState.RUNNING);
        Vps onAlpha = store(instanceId, World.CONTAINER_SPEC, "alpha", PowerState.RUNNING);
        Vps onBeta = store(instanceId, World.CONTAINER_SPEC, "beta", PowerState.RUNNING);
        Vps vmOnAlpha = store(instanceId, World.VM_SPEC, "alpha", PowerState.RUNNING);
        Vps vmOnGamma = store(instanceId, World.VM_SPEC, "gamma", PowerState.RUNNING);

        assertThat(listed(Optional.empty(), Optional.empty(), Optional.of("container:alpha"), 10))
                .containsExactly(onAlpha.id(), unplaced.id());
        assertThat(listed(Optional.empty(), Optional.empty(), Optional.of("beta"), 10)).containsExactly(onBeta.id());
        assertThat(listed(Optional.empty(), Optional.empty(), Optional.of("hypervisor:alpha"), 10)).containsExactly(vmOnAlpha.id());
        assertThat(listed(Optional.empty(), Optional.empty(), Optional.of("gamma"), 10)).containsExactly(vmOnGamma.id());
        assertThat(inventory.list(Optional.empty(), Optional.empty(), Optional.of("container:alpha"), 10))
                .extracting(Vps::host).containsOnly("alpha");
    }

    @Test
    void a_host_name_two_technologies_share_must_be_said_with_its_kind() {
        assertThatThrownBy(() -> inventory.list(Optional.empty(), Optional.empty(), Optional.of("alpha"), 10))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("two hosts are named alpha: say container:alpha or hypervisor:alpha");
    }

    @Test
    void a_host_the_configuration_does_not_name_is_refused_naming_the_hosts() {
        assertThatThrownBy(() -> inventory.list(Optional.empty(), Optional.empty(), Optional.of("delta"), 10))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("no host delta; the hosts are container:alpha, container:beta, hypervisor:alpha, hypervisor:gamma");
    }

    @Test
    void the_limit_is_1_to_the_most_a_list_holds() {
        store(instanceId, World.CONTAINER_SPEC, "alpha", PowerState.RUNNING);
        Vps newest = store(instanceId, World.CONTAINER_SPEC, "alpha", PowerState.RUNNING);

        assertThat(listed(Optional.empty(), Optional.empty(), Optional.empty(), 1)).containsExactly(newest.id());
        assertThat(listed(Optional.empty(), Optional.empty(), Optional.empty(), VpsFilter.MOST)).hasSize(2);
        assertThatThrownBy(() -> inventory.list(Optional.empty(), Optional.empty(), Optional.empty(), 0))
                .isInstanceOf(InvalidRequestException.class).hasMessage("limit must be 1 to " + VpsFilter.MOST);
        assertThatThrownBy(() -> inventory.list(Optional.empty(), Optional.empty(), Optional.empty(), VpsFilter.MOST + 1))
                .isInstanceOf(InvalidRequestException.class).hasMessage("limit must be 1 to " + VpsFilter.MOST);
    }
}
