package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.in.ReconcileReport;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;

class ReconcilerTest {
    private final World world = new World();
    private final Reconciler reconciler = new Reconciler(world.db, new Backends(world.containers, world.hypervisor), world.clock);
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    @Test
    void the_server_a_failed_rollback_left_behind_is_destroyed() {
        world.containers.failNext(Call.START, 1, false).failNext(Call.DESTROY, 1, true);
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);
        assertThat(world.containers.serverIds()).containsExactly(vpsId);

        ReconcileReport report = reconciler.reconcile();

        assertThat(report.removedServers()).containsExactly(vpsId);
        assertThat(world.containers.serverIds()).isEmpty();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void a_server_that_came_back_for_a_deleted_vps_is_destroyed() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.requests.unprovision(command(instanceId, vpsId, SYNC));
        world.containers.create(new ServerSpec(vpsId, instanceId, "web-1", CONTAINER_SPEC.hardware(), CONTAINER_SPEC.platform()));

        ReconcileReport report = reconciler.reconcile();

        assertThat(report.removedServers()).containsExactly(vpsId);
        assertThat(world.containers.serverIds()).isEmpty();
    }

    @Test
    void a_server_stopped_behind_our_back_gets_its_state_recorded() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.clock.advance(java.time.Duration.ofMinutes(5));
        world.containers.stop(vpsId);

        ReconcileReport report = reconciler.reconcile();

        assertThat(report.correctedStates()).containsExactly(vpsId);
        Vps vps = world.storedVps(vpsId);
        assertThat(vps.state()).isEqualTo(PowerState.STOPPED);
        assertThat(vps.lifecycle()).isEqualTo(Lifecycle.READY);
        assertThat(vps.modifiedAt()).isEqualTo(world.clock.instant());
        assertThat(world.containers.serverIds()).containsExactly(vpsId);
    }

    @Test
    void a_vps_whose_server_agrees_is_left_as_it_is() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        Vps before = world.storedVps(vpsId);

        ReconcileReport report = reconciler.reconcile();

        assertThat(report.correctedStates()).isEmpty();
        assertThat(report.removedServers()).isEmpty();
        assertThat(world.storedVps(vpsId)).isEqualTo(before);
    }

    @Test
    void a_vps_with_an_operation_under_way_is_left_to_that_operation() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
        world.driveDue();
        Vps building = world.storedVps(vpsId);
        assertThat(world.hypervisor.server(vpsId).orElseThrow().running()).isTrue();

        ReconcileReport report = reconciler.reconcile();

        assertThat(report.correctedStates()).isEmpty();
        assertThat(report.removedServers()).isEmpty();
        assertThat(world.storedVps(vpsId)).isEqualTo(building);
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
    }

    @Test
    void servers_this_database_does_not_know_are_left_alone() {
        UUID stranger = UUID.randomUUID();
        world.hypervisor.create(new ServerSpec(stranger, UUID.randomUUID(), "theirs", VM_SPEC.hardware(), VM_SPEC.platform()));

        ReconcileReport report = reconciler.reconcile();

        assertThat(report.removedServers()).isEmpty();
        assertThat(world.hypervisor.serverIds()).containsExactly(stranger);
    }

    @Test
    void an_unreachable_backend_is_reported_and_the_other_is_still_reconciled() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.containers.stop(vpsId);
        world.hypervisor.failNext(Call.LIST, 1, true);

        ReconcileReport report = reconciler.reconcile();

        assertThat(report.problems()).singleElement().asString().contains("VIRTUAL_MACHINE");
        assertThat(report.correctedStates()).containsExactly(vpsId);
    }
}
