package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.application.testing.World.GUEST_CHECK;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.fleet.HostCapacity;
import org.vpsconnector.application.port.in.CancelOperationCommand;
import org.vpsconnector.application.port.in.OperationQuery;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

/** Operations of VPSes on two hypervisor hosts: listed, retried and cancelled on the host each VPS lives on. */
class OperationsOnAFleetTest {
    private final ControllableBackend kvmB = ControllableBackend.hypervisor();
    private final World world = new World(World.settings(true, World.BACKOFF), World.CALL_TIMEOUT,
            (containers, hypervisor) -> new Fleet(List.of(
                    new Host("engine-a", Technology.CONTAINER, containers, HostCapacity.UNLIMITED),
                    new Host("kvm-a", Technology.VIRTUAL_MACHINE, hypervisor, HostCapacity.UNLIMITED),
                    new Host("kvm-b", Technology.VIRTUAL_MACHINE, kvmB, HostCapacity.UNLIMITED))), false);
    private final UUID instanceId = world.installInstance();

    /** Two VMs, one on each hypervisor host; returns them as [on kvm-a, on kvm-b]. */
    private List<UUID> oneVmOnEachHost() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        world.requests.provision(provision(instanceId, first, SYNC, VM_SPEC));
        world.requests.provision(provision(instanceId, second, SYNC, VM_SPEC));
        assertThat(List.of(world.storedVps(first).host(), world.storedVps(second).host()))
                .containsExactlyInAnyOrder("kvm-a", "kvm-b");
        return world.storedVps(first).host().equals("kvm-a") ? List.of(first, second) : List.of(second, first);
    }

    @Test
    void a_host_lists_the_operations_of_its_vpses_and_a_vps_without_a_host_under_the_first_host() {
        List<UUID> vms = oneVmOnEachHost();
        UUID onA = vms.get(0);
        Vps unnamed = world.storedVps(onA).placedOn(null);
        world.db.inTransaction(repositories -> {
            repositories.vpses().update(unnamed);
            return null;
        });

        assertThat(world.administration.list(new OperationQuery(null, null, null, "kvm-b", 10)))
                .extracting(Operation::vpsId).containsExactly(vms.get(1));
        assertThat(world.administration.list(new OperationQuery(null, null, null, "kvm-a", 10)))
                .as("the VPS recorded without a host lives on kvm-a, the first").extracting(Operation::vpsId).containsExactly(onA);
        assertThat(world.administration.list(new OperationQuery(null, null, null, "engine-a", 10))).isEmpty();
        assertThat(world.administration.show(world.latestOperation(onA).id()).host()).isEqualTo("kvm-a");
    }

    @Test
    void a_failed_build_on_the_second_host_is_retried_there() {
        UUID onB = oneVmOnEachHost().get(1);
        kvmB.failNext(Call.CREATE, 1, false);
        world.driveDue();
        Operation failed = world.latestOperation(onB);
        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);

        world.administration.retry(failed.id());
        world.driveDue();
        kvmB.bootGuest(onB);
        world.clock.advance(GUEST_CHECK);
        world.driveDue();

        assertThat(world.latestOperation(onB).status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.storedVps(onB).lifecycle()).isEqualTo(Lifecycle.READY);
        assertThat(world.storedVps(onB).host()).isEqualTo("kvm-b");
        assertThat(kvmB.serverIds()).contains(onB);
        assertThat(world.hypervisor.serverIds()).doesNotContain(onB);
    }

    @Test
    void a_cancelled_build_on_the_second_host_has_its_server_destroyed_there() {
        List<UUID> vms = oneVmOnEachHost();
        world.driveDue();
        UUID onB = vms.get(1);
        assertThat(kvmB.serverIds()).containsExactly(onB);

        var cancellation = world.administration.cancel(new CancelOperationCommand(world.latestOperation(onB).id(), "test"));

        assertThat(cancellation.cleanup()).contains("hypervisor host kvm-b");
        assertThat(kvmB.serverIds()).isEmpty();
        assertThat(kvmB.calls(Call.DESTROY, onB)).isEqualTo(1);
        assertThat(world.hypervisor.serverIds()).containsExactly(vms.get(0));
        assertThat(world.hypervisor.calls(Call.DESTROY)).isZero();
        world.assertEveryStatusChangeIsLogged();
    }
}
