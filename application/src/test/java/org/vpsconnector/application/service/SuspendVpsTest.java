package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.GUEST_CHECK;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.ASYNC;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.port.in.ConfigureVpsCommand;
import org.vpsconnector.application.port.in.ReconcileMode;
import org.vpsconnector.application.port.in.ReconcileReport;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.port.in.VpsAnswer.Outcome;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;

/** Disable and enable through the requests and the driver, as the controller sends them. */
class SuspendVpsTest {
    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    private VpsAnswer disable() {
        return world.requests.disable(command(instanceId, vpsId, SYNC));
    }

    private VpsAnswer enable() {
        return world.requests.enable(command(instanceId, vpsId, SYNC));
    }

    private boolean serverRuns(boolean vm) {
        return (vm ? world.hypervisor : world.containers).server(vpsId).orElseThrow().running();
    }

    @Nested
    class Container {
        Container() {
            world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        }

        @Test
        void disable_stops_the_server_within_the_request_and_enable_starts_it_again() {
            VpsAnswer disabled = disable();

            assertThat(disabled.outcome()).isEqualTo(Outcome.DONE);
            assertThat(disabled.vps().suspended()).isTrue();
            assertThat(disabled.vps().state()).isEqualTo(PowerState.STOPPED);
            assertThat(serverRuns(false)).isFalse();

            VpsAnswer enabled = enable();

            assertThat(enabled.outcome()).isEqualTo(Outcome.DONE);
            assertThat(enabled.vps().suspended()).isFalse();
            assertThat(enabled.vps().state()).isEqualTo(PowerState.RUNNING);
            assertThat(serverRuns(false)).isTrue();
            assertThat(world.latestOperation(vpsId).kind()).isEqualTo(OperationKind.ENABLE);
            world.assertEveryStatusChangeIsLogged();
        }

        @Test
        void a_vps_stopped_before_it_was_disabled_stays_stopped_when_enabled() {
            world.requests.stop(command(instanceId, vpsId, SYNC));
            disable();
            long startsBefore = world.containers.calls(Call.START);

            VpsAnswer enabled = enable();

            assertThat(enabled.vps().state()).isEqualTo(PowerState.STOPPED);
            assertThat(enabled.vps().suspended()).isFalse();
            assertThat(world.containers.calls(Call.START)).isEqualTo(startsBefore);
            assertThat(serverRuns(false)).isFalse();
        }

        @Test
        void disabling_twice_enabling_an_enabled_vps_and_starting_a_suspended_one_are_conflicts_that_change_nothing() {
            assertThatThrownBy(SuspendVpsTest.this::enable).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("not disabled");
            disable();
            Vps suspended = world.storedVps(vpsId);
            int operations = world.db.operations().size();

            assertThatThrownBy(SuspendVpsTest.this::disable).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("disabled already");
            assertThatThrownBy(() -> world.requests.start(command(instanceId, vpsId, SYNC)))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("enable it");

            assertThat(world.storedVps(vpsId)).isEqualTo(suspended);
            assertThat(world.db.operations()).hasSize(operations);
            assertThat(serverRuns(false)).isFalse();
        }

        @Test
        void a_suspended_vps_is_stopped_already_configured_stopped_and_unprovisioned() {
            disable();
            long stopsBefore = world.containers.calls(Call.STOP);

            VpsAnswer stopped = world.requests.stop(command(instanceId, vpsId, SYNC));
            assertThat(stopped.outcome()).isEqualTo(Outcome.DONE);
            assertThat(stopped.vps().suspended()).isTrue();
            assertThat(world.containers.calls(Call.STOP)).isEqualTo(stopsBefore);

            VpsAnswer configured = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC,
                    World.containerSpec(4, 20, 2)));
            assertThat(configured.outcome()).isEqualTo(Outcome.DONE);
            assertThat(configured.vps().suspended()).isTrue();
            assertThat(configured.vps().state()).isEqualTo(PowerState.STOPPED);
            assertThat(serverRuns(false)).isFalse();

            assertThat(world.requests.unprovision(command(instanceId, vpsId, SYNC)).outcome()).isEqualTo(Outcome.DONE);
            assertThat(world.containers.serverIds()).isEmpty();
        }

        @Test
        void a_disable_that_fails_leaves_the_vps_enabled_and_an_operator_retry_disables_it() {
            world.containers.failNext(Call.STOP, 1, false);

            VpsAnswer failed = disable();

            assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(world.storedVps(vpsId).suspended()).isFalse();
            assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.RUNNING);

            world.administration.retry(world.latestOperation(vpsId).id());
            world.driveDue();

            assertThat(world.storedVps(vpsId).suspended()).isTrue();
            assertThat(world.storedVps(vpsId).resumeTo()).isEqualTo(PowerState.RUNNING);
            assertThat(serverRuns(false)).isFalse();
        }

        @Test
        void a_vps_whose_server_is_gone_is_suspended_all_the_same_and_enabled_without_a_server_built() {
            world.containers.destroy(vpsId);

            VpsAnswer disabled = disable();

            assertThat(disabled.outcome()).isEqualTo(Outcome.DONE);
            assertThat(disabled.vps().suspended()).isTrue();
            assertThat(disabled.vps().state()).isEqualTo(PowerState.ERROR);
            VpsAnswer enabled = enable();
            assertThat(enabled.outcome()).isEqualTo(Outcome.DONE);
            assertThat(enabled.vps().suspended()).isFalse();
            assertThat(enabled.vps().state()).isEqualTo(PowerState.ERROR);
            assertThat(world.containers.serverIds()).isEmpty();
        }

        @Test
        void reconcile_stops_the_server_of_a_suspended_vps_that_runs_and_never_starts_one() {
            disable();
            world.containers.start(vpsId);
            Reconciler reconciler = new Reconciler(world.db, Fleet.of(world.containers, world.hypervisor), world.clock,
                    world.controllerUpdates);

            ReconcileReport dryRun = reconciler.reconcile(ReconcileMode.DRY_RUN);

            assertThat(dryRun.powerStateDrift()).singleElement().satisfies(drift -> {
                assertThat(drift.expected()).isEqualTo("Stopped (disabled)");
                assertThat(drift.found()).isEqualTo("Running");
                assertThat(drift.outcome()).isEqualTo(ReconcileReport.Outcome.REPORTED);
            });
            assertThat(serverRuns(false)).isTrue();

            ReconcileReport periodic = reconciler.reconcile(ReconcileMode.SAFE_REPAIRS);

            assertThat(periodic.powerStateDrift()).singleElement().satisfies(drift ->
                    assertThat(drift.outcome()).isEqualTo(ReconcileReport.Outcome.REPAIRED));
            assertThat(serverRuns(false)).isFalse();
            assertThat(world.storedVps(vpsId).suspended()).isTrue();
            assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.STOPPED);
            long startsBefore = world.containers.calls(Call.START);
            assertThat(reconciler.reconcile(ReconcileMode.APPLY).powerStateDrift()).isEmpty();
            assertThat(world.containers.calls(Call.START)).isEqualTo(startsBefore);
        }
    }

    @Nested
    class VirtualMachine {
        VirtualMachine() {
            world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
            world.driveDue();
            world.clock.advance(GUEST_CHECK);
            world.hypervisor.bootGuest(vpsId);
            world.driveDue();
            assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.RUNNING);
        }

        @Test
        void disable_is_accepted_polled_and_done_once_the_driver_stopped_the_guest() {
            VpsAnswer accepted = disable();

            assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(accepted.retryTimeoutSeconds()).isPositive();
            assertThat(accepted.vps().state()).isEqualTo(PowerState.STOPPING);
            assertThat(accepted.vps().suspended()).isTrue();
            assertThat(serverRuns(true)).as("nothing done within the request").isTrue();
            assertThat(world.requests.disable(command(instanceId, vpsId, ASYNC)).outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(disable().outcome()).as("a sync re-send while it runs").isEqualTo(Outcome.ACCEPTED);

            world.driveDue();

            VpsAnswer done = world.requests.disable(command(instanceId, vpsId, ASYNC));
            assertThat(done.outcome()).isEqualTo(Outcome.DONE);
            assertThat(done.vps().state()).isEqualTo(PowerState.STOPPED);
            assertThat(done.vps().suspended()).isTrue();
            assertThat(world.requests.disable(command(instanceId, vpsId, ASYNC)).outcome()).as("a late poll").isEqualTo(Outcome.DONE);
            assertThat(world.hypervisor.calls(Call.STOP, vpsId)).isEqualTo(1);
            assertThat(world.db.operations()).filteredOn(operation -> operation.kind() == OperationKind.DISABLE).hasSize(1);
        }

        @Test
        void enable_waits_for_the_guest_to_boot_again_then_is_done() {
            disable();
            world.driveDue();

            VpsAnswer accepted = enable();
            assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(accepted.vps().state()).isEqualTo(PowerState.STARTING);

            world.driveDue();
            assertThat(world.requests.enable(command(instanceId, vpsId, ASYNC)).outcome()).as("the guest boots")
                    .isEqualTo(Outcome.ACCEPTED);
            world.clock.advance(GUEST_CHECK);
            world.hypervisor.bootGuest(vpsId);
            world.driveDue();

            VpsAnswer done = world.requests.enable(command(instanceId, vpsId, ASYNC));
            assertThat(done.outcome()).isEqualTo(Outcome.DONE);
            assertThat(done.vps().state()).isEqualTo(PowerState.RUNNING);
            assertThat(done.vps().suspended()).isFalse();
            assertThat(world.hypervisor.calls(Call.START, vpsId)).as("one start at provision, one at enable").isEqualTo(2);
            assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.SUCCEEDED);
            world.assertEveryStatusChangeIsLogged();
        }

        @Test
        void an_attempt_replayed_after_a_crash_adopts_what_the_last_one_did() {
            disable();
            // The last attempt stopped the guest and the process died before it recorded anything.
            world.hypervisor.stop(vpsId);

            world.driveDue();

            assertThat(world.hypervisor.calls(Call.STOP, vpsId)).as("no second stop").isEqualTo(1);
            assertThat(world.requests.disable(command(instanceId, vpsId, ASYNC)).outcome()).isEqualTo(Outcome.DONE);

            enable();
            world.hypervisor.start(vpsId);
            world.hypervisor.bootGuest(vpsId);
            world.driveDue();

            assertThat(world.hypervisor.calls(Call.START, vpsId)).as("provision, and the crashed attempt's start").isEqualTo(2);
            assertThat(world.requests.enable(command(instanceId, vpsId, ASYNC)).vps().state()).isEqualTo(PowerState.RUNNING);
        }

        @Test
        void another_operation_while_the_disable_runs_is_a_conflict() {
            disable();

            assertThatThrownBy(SuspendVpsTest.this::enable).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> world.requests.start(command(instanceId, vpsId, SYNC))).isInstanceOf(ConflictException.class);
            assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
        }
    }
}
