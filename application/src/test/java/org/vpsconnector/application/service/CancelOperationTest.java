package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.DRIVER_NODE;
import static org.vpsconnector.application.testing.World.GUEST_CHECK;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.ASYNC;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.port.in.CancelOperationCommand;
import org.vpsconnector.application.port.in.OperationCancellation;
import org.vpsconnector.application.port.in.ReconcileMode;
import org.vpsconnector.application.port.in.VpsAnswer.Outcome;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.ControllableBackend.Hang;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.PowerState;

/** An operator cancels an operation in flight: it is fenced off, recorded cancelled, and what it allocated removed. */
class CancelOperationTest {
    private static final long CEILING_SECONDS = 30;

    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    /** A VM provision whose server exists and whose guest is booting: between two attempts, no lease held. */
    private Operation bootingVm() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
        world.driveDue();
        Operation booting = world.latestOperation(vpsId);
        assertThat(booting.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
        return booting;
    }

    @Test
    void a_cancelled_vm_provision_has_its_server_destroyed_and_its_vps_failed_so_the_controller_can_order_it_again() {
        Operation booting = bootingVm();
        world.clock.advance(Duration.ofSeconds(3));

        OperationCancellation cancellation = world.administration.cancel(
                new CancelOperationCommand(booting.id(), "customer asked on the phone"));

        Operation cancelled = world.db.operation(booting.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(cancelled.info()).contains("by an operator").contains("customer asked on the phone");
        assertThat(cancellation.operation()).isEqualTo(cancelled);
        assertThat(cancellation.leftover()).isNull();
        assertThat(cancellation.cleanup()).contains("removed from hypervisor host hypervisor");
        assertThat(world.hypervisor.serverIds()).isEmpty();
        assertThat(world.hypervisor.calls(Call.DESTROY, vpsId)).isEqualTo(1);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.ERROR);
        assertThat(cancellation.vps()).isEqualTo(world.storedVps(vpsId));
        assertThat(world.db.stored(booting.id()).orElseThrow().leaseOwner()).as("the cancel gave its lease up").isNull();
        assertThat(world.db.transitions()).filteredOn(transition -> transition.operationId().equals(booting.id()))
                .last().satisfies(transition -> {
                    assertThat(transition.from()).isEqualTo(OperationStatus.RUNNING);
                    assertThat(transition.to()).isEqualTo(OperationStatus.CANCELLED);
                    assertThat(transition.info()).contains("customer asked on the phone");
                    assertThat(transition.at()).isEqualTo(World.T0.plusSeconds(3));
                });
        assertThat(world.db.controllerUpdates()).filteredOn(update -> update.resourceId().equals(vpsId))
                .extracting(ControllerUpdate::representation)
                .containsExactly(World.representation(world.storedVps(vpsId)));
        world.assertEveryStatusChangeIsLogged();

        world.clock.advance(GUEST_CHECK);
        assertThat(world.driveDue()).as("nothing is left to drive").isZero();
        assertThat(world.requests.provision(provision(instanceId, vpsId, ASYNC, VM_SPEC)).outcome())
                .as("the controller's poll is told the provision failed").isEqualTo(Outcome.FAILED);
        assertThat(world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC)).outcome())
                .as("and may order the VPS again").isEqualTo(Outcome.ACCEPTED);
        assertThat(world.driveDue()).isEqualTo(1);
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
    }

    @Test
    void a_cancel_racing_an_attempt_hung_in_the_backend_fences_it_off_and_destroys_the_server_once_the_call_ends()
            throws Exception {
        world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
        Operation accepted = world.latestOperation(vpsId);
        Hang hang = world.hypervisor.hang(Call.CREATE);
        CompletableFuture<Operation> attempt;
        CompletableFuture<OperationCancellation> cancel;
        int transitionsAfterCancel;
        try {
            assertThat(world.claim(accepted.id(), DRIVER_NODE)).isTrue();
            attempt = CompletableFuture.supplyAsync(() -> world.runner.attempt(accepted.id(), DRIVER_NODE));
            awaitThat("the attempt to hang in create", () -> hang.blocked() == 1);

            cancel = CompletableFuture.supplyAsync(() -> world.administration.cancel(
                    new CancelOperationCommand(accepted.id(), "stuck build")));
            awaitThat("the cancel to be recorded",
                    () -> world.db.operation(accepted.id()).orElseThrow().status() == OperationStatus.CANCELLED);
            transitionsAfterCancel = world.db.transitions().size();
            Thread.sleep(200);
            assertThat(cancel).as("the cleanup waits for the hung call").isNotDone();
            assertThat(world.hypervisor.calls(Call.DESTROY)).isZero();
            assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);
        } finally {
            hang.release();
        }
        Operation seenByTheAttempt = attempt.get(CEILING_SECONDS, TimeUnit.SECONDS);
        OperationCancellation cancellation = cancel.get(CEILING_SECONDS, TimeUnit.SECONDS);

        assertThat(world.hypervisor.serversCreated()).as("the hung create did make the server").isEqualTo(1);
        assertThat(world.hypervisor.calls(Call.START)).as("the fenced attempt called nothing more").isZero();
        assertThat(seenByTheAttempt.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(world.db.transitions()).as("the fenced attempt recorded nothing").hasSize(transitionsAfterCancel);
        assertThat(cancellation.leftover()).isNull();
        assertThat(world.hypervisor.serverIds()).as("nothing is left on the host").isEmpty();
        assertThat(world.db.operation(accepted.id()).orElseThrow().status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);
        assertThat(world.db.stored(accepted.id()).orElseThrow().leaseOwner()).isNull();
        world.clock.advance(World.LEASE.plusSeconds(1));
        assertThat(world.driveDue()).isZero();
        assertThat(world.hypervisor.serverIds()).isEmpty();
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void an_attempt_leased_by_another_replica_is_waited_out_until_its_lease_ends_and_then_records_nothing() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
        Operation accepted = world.latestOperation(vpsId);
        Instant now = world.clock.instant();
        boolean claimed = world.db.inTransaction(repositories ->
                repositories.operations().claim(accepted.id(), "replica-b", now, now.plusMillis(700)));
        assertThat(claimed).isTrue();

        long started = System.nanoTime();
        OperationCancellation cancellation = world.administration.cancel(new CancelOperationCommand(accepted.id(), null));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("the cancel cleans up after the other replica's lease").isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(cancellation.operation().info()).contains(CancelOperationCommand.DEFAULT_REASON);
        Operation late = world.runner.attempt(accepted.id(), "replica-b");
        assertThat(late.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(world.hypervisor.calls(Call.CREATE)).as("the other replica's attempt makes no call").isZero();
        assertThat(world.hypervisor.serverIds()).isEmpty();
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void a_host_down_during_the_cleanup_leaves_the_cancel_recorded_and_names_the_server_reconcile_removes() {
        Operation booting = bootingVm();
        world.hypervisor.failNext(Call.DESTROY, 1, true);

        OperationCancellation cancellation = world.administration.cancel(new CancelOperationCommand(booting.id(), "host maintenance"));

        assertThat(cancellation.leftover()).contains("the server of VPS " + vpsId).contains("hypervisor host hypervisor")
                .contains("DESTROY failed").contains("reconcile");
        assertThat(world.db.operation(booting.id()).orElseThrow().status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);
        assertThat(world.db.stored(booting.id()).orElseThrow().leaseOwner()).isNull();
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);

        new Reconciler(world.db, world.fleet, world.clock, world.controllerUpdates, LogContext.NONE)
                .reconcile(ReconcileMode.APPLY);

        assertThat(world.hypervisor.serverIds()).isEmpty();
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void a_cancelled_stop_keeps_the_server_and_records_the_state_it_shows() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
        world.driveDue();
        world.hypervisor.bootGuest(vpsId);
        world.clock.advance(GUEST_CHECK);
        world.driveDue();
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
        world.requests.stop(command(instanceId, vpsId, SYNC));
        Operation stop = world.latestOperation(vpsId);
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.STOPPING);

        OperationCancellation cancellation = world.administration.cancel(new CancelOperationCommand(stop.id(), "wrong VPS"));

        assertThat(cancellation.operation().status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(cancellation.cleanup()).contains("kept").contains("Running");
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
        assertThat(world.hypervisor.calls(Call.STOP)).isZero();
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.RUNNING);
        assertThat(world.db.controllerUpdates()).filteredOn(update -> update.resourceId().equals(vpsId))
                .last().extracting(ControllerUpdate::representation)
                .isEqualTo(World.representation(world.storedVps(vpsId)));
        assertThat(world.driveDue()).isZero();
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void a_finished_operation_cannot_be_cancelled_and_nothing_changes() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        Operation succeeded = world.latestOperation(vpsId);
        List<OperationTransition> before = world.db.transitions();

        assertThatThrownBy(() -> world.administration.cancel(new CancelOperationCommand(succeeded.id(), "late")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("SUCCEEDED");

        assertThat(world.latestOperation(vpsId)).isEqualTo(succeeded);
        assertThat(world.db.transitions()).isEqualTo(before);
        assertThat(world.containers.serverIds()).containsExactly(vpsId);
        assertThat(world.db.stored(succeeded.id()).orElseThrow().leaseOwner()).isNull();
    }

    @Test
    void an_unknown_operation_cannot_be_cancelled() {
        assertThatThrownBy(() -> world.administration.cancel(new CancelOperationCommand(UUID.randomUUID(), "x")))
                .isInstanceOf(NotFoundException.class);
    }

    private static void awaitThat(String what, BooleanSupplier condition) {
        await(what).atMost(Duration.ofSeconds(CEILING_SECONDS)).pollInterval(Duration.ofMillis(5))
                .until(condition::getAsBoolean);
    }
}
