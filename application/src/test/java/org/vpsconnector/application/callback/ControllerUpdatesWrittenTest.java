package org.vpsconnector.application.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vpsconnector.application.testing.World.BACKOFF;
import static org.vpsconnector.application.testing.World.BUILD_TIMEOUT;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.VM_SPEC;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.in.ProvisionVpsCommand;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.port.in.VpsCommand;
import org.vpsconnector.application.port.in.ReconcileMode;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.service.Reconciler;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.ControllableBackend.Hang;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.RequestPhase;

/** Which changes owe the controller an update, written in the transaction of the change. */
class ControllerUpdatesWrittenTest {
    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    @Test
    void a_vm_provision_that_ends_in_the_background_owes_its_final_state_with_the_provisions_transaction() {
        world.requests.provision(new ProvisionVpsCommand(instanceId, vpsId, RequestPhase.SYNC, VM_SPEC, "tx-provision"));
        world.driveDue();
        assertThat(world.db.controllerUpdates()).as("nothing owed while the guest boots").isEmpty();

        world.hypervisor.bootGuest(vpsId);
        world.clock.advance(World.GUEST_CHECK);
        world.driveDue();

        assertThat(world.db.controllerUpdates()).singleElement().satisfies(update -> {
            assertThat(update.resourceId()).isEqualTo(vpsId);
            assertThat(update.instanceId()).isEqualTo(instanceId);
            assertThat(update.transactionId()).isEqualTo("tx-provision");
            assertThat(update.representation()).isEqualTo(World.representation(world.storedVps(vpsId)));
            assertThat(update.representation()).contains("\"Running\"");
            assertThat(update.status()).isEqualTo(ControllerUpdate.Status.PENDING);
        });
    }

    @Test
    void a_failed_background_operation_owes_the_state_it_left() {
        world.hypervisor.failNext(Call.CREATE, 1, false);
        world.requests.provision(new ProvisionVpsCommand(instanceId, vpsId, RequestPhase.SYNC, VM_SPEC, "tx-failing"));

        world.driveDue();

        assertThat(world.db.controllerUpdates()).singleElement().satisfies(update -> {
            assertThat(update.transactionId()).isEqualTo("tx-failing");
            assertThat(update.representation()).contains("\"Error\"");
        });
    }

    @Test
    void a_container_done_within_the_request_is_answered_and_owes_nothing() {
        VpsAnswer answer = world.requests.provision(new ProvisionVpsCommand(instanceId, vpsId, RequestPhase.SYNC,
                CONTAINER_SPEC, "tx-sync"));
        world.requests.stop(new VpsCommand(instanceId, vpsId, RequestPhase.SYNC, "tx-stop"));

        assertThat(answer.outcome()).isEqualTo(VpsAnswer.Outcome.DONE);
        assertThat(world.db.controllerUpdates()).isEmpty();
    }

    @Test
    void a_container_that_ends_after_its_request_was_answered_at_the_budget_owes_an_update() {
        World slow = new World(World.settings(true, BACKOFF, Duration.ofMillis(300), BUILD_TIMEOUT), Duration.ofSeconds(30));
        UUID instance = slow.installInstance();
        Hang hang = slow.containers.hang(Call.CREATE);
        VpsAnswer answer;
        try {
            answer = slow.requests.provision(new ProvisionVpsCommand(instance, vpsId, RequestPhase.SYNC, CONTAINER_SPEC, "tx-late"));
        } finally {
            hang.release();
        }
        await("the attempt to finish after the answer").atMost(Duration.ofSeconds(30))
                .until(() -> slow.latestOperation(vpsId).isFinished());

        assertThat(answer.outcome()).isEqualTo(VpsAnswer.Outcome.ACCEPTED);
        assertThat(slow.db.controllerUpdates()).singleElement().satisfies(update -> {
            assertThat(update.transactionId()).isEqualTo("tx-late");
            assertThat(update.representation()).contains("\"Running\"");
        });
    }

    @Test
    void a_vm_unprovision_owes_nothing_once_the_vps_is_gone() {
        world.hypervisor.setGuestsBootAtOnce(true);
        world.requests.provision(new ProvisionVpsCommand(instanceId, vpsId, RequestPhase.SYNC, VM_SPEC, "tx-1"));
        world.driveDue();
        world.requests.unprovision(new VpsCommand(instanceId, vpsId, RequestPhase.SYNC, "tx-2"));
        world.driveDue();

        assertThat(world.db.controllerUpdates()).extracting(ControllerUpdate::transactionId).containsExactly("tx-1");
    }

    @Test
    void drift_recorded_by_reconcile_owes_an_update_without_a_transaction() {
        world.hypervisor.setGuestsBootAtOnce(true);
        world.requests.provision(new ProvisionVpsCommand(instanceId, vpsId, RequestPhase.SYNC, VM_SPEC, "tx-1"));
        world.driveDue();
        world.hypervisor.stop(vpsId);
        Reconciler reconciler = new Reconciler(world.db, Fleet.of(world.containers, world.hypervisor), world.clock,
                world.controllerUpdates);

        reconciler.reconcile(ReconcileMode.SAFE_REPAIRS, java.util.Optional.empty());

        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.STOPPED);
        assertThat(world.db.controllerUpdates()).hasSize(2);
        ControllerUpdate drift = world.db.controllerUpdates().get(1);
        assertThat(drift.transactionId()).isNull();
        assertThat(drift.representation()).contains("\"Stopped\"");
    }

    @Test
    void an_instance_without_a_controller_address_is_owed_nothing() {
        UUID silent = UUID.randomUUID();
        world.instances.install(new org.vpsconnector.application.port.in.InstallInstanceCommand(silent, null,
                null, null, null));
        world.hypervisor.setGuestsBootAtOnce(true);
        world.requests.provision(new ProvisionVpsCommand(silent, vpsId, RequestPhase.SYNC, VM_SPEC, "tx-1"));

        world.driveDue();

        assertThat(world.db.controllerUpdates()).isEmpty();
    }
}
