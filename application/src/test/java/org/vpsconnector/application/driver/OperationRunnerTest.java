package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.DRIVER_NODE;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.in.ConfigureVpsCommand;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.port.in.VpsAnswer.Outcome;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Backoff;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.PowerState;

class OperationRunnerTest {
    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    private Operation acceptVm() {
        return world.acceptVm(instanceId, vpsId);
    }

    private List<UUID> due() {
        Instant now = world.clock.instant();
        return world.db.inTransaction(repositories -> repositories.operations().findDue(now, 10));
    }

    private Operation claimAndAttempt(UUID operationId) {
        assertThat(world.claim(operationId, DRIVER_NODE)).as("claim of " + operationId).isTrue();
        return world.runner.attempt(operationId, DRIVER_NODE);
    }

    @Test
    void an_attempt_records_its_outcome_and_gives_the_lease_up() {
        Operation accepted = acceptVm();

        Operation afterwards = claimAndAttempt(accepted.id());

        assertThat(afterwards.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(afterwards.nextAttemptAt()).isEqualTo(World.T0.plus(World.GUEST_CHECK));
        assertThat(world.db.operation(accepted.id())).contains(afterwards);
        assertThat(world.db.stored(accepted.id()).orElseThrow().leaseOwner()).isNull();
        assertThat(world.hypervisor.invocations()).extracting(invocation -> invocation.call().name())
                .containsExactly("INSPECT", "CREATE", "START", "INSPECT");
    }

    @Test
    void a_driver_that_stalled_past_its_lease_and_was_overtaken_records_nothing() {
        Operation accepted = acceptVm();
        // While the stalled driver's START is under way, its lease runs out and another driver takes over.
        world.hypervisor.afterNext(Call.START, started -> {
            world.clock.advance(World.LEASE.plusSeconds(1));
            assertThat(world.claim(accepted.id(), "driver-b")).isTrue();
        });

        Operation seen = claimAndAttempt(accepted.id());

        assertThat(seen.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(world.db.operation(accepted.id()).orElseThrow().info())
                .as("the stalled driver's result is not written").isNotEqualTo("Waiting for the guest operating system to boot");
        assertThat(world.db.stored(accepted.id()).orElseThrow().leaseOwner()).isEqualTo("driver-b");
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.CREATING);
    }

    @Test
    void a_driver_overtaken_before_its_attempt_failed_rolls_nothing_back() {
        Operation accepted = acceptVm();
        world.hypervisor.afterNext(Call.CREATE, created -> {
            world.clock.advance(World.LEASE.plusSeconds(1));
            assertThat(world.claim(accepted.id(), "driver-b")).isTrue();
        });
        world.hypervisor.failNext(Call.START, 1, false);

        claimAndAttempt(accepted.id());

        assertThat(world.hypervisor.calls(Call.DESTROY)).as("the new holder's server is left alone").isZero();
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
        assertThat(world.db.operation(accepted.id()).orElseThrow().status()).isEqualTo(OperationStatus.RUNNING);
    }

    @Test
    void a_driver_whose_lease_was_taken_over_does_not_start_an_attempt() {
        Operation accepted = acceptVm();
        assertThat(world.claim(accepted.id(), DRIVER_NODE)).isTrue();
        world.clock.advance(World.LEASE.plusSeconds(1));
        assertThat(world.claim(accepted.id(), "driver-b")).isTrue();

        world.runner.attempt(accepted.id(), DRIVER_NODE);

        assertThat(world.hypervisor.invocations()).isEmpty();
        assertThat(world.db.stored(accepted.id()).orElseThrow().leaseOwner()).isEqualTo("driver-b");
    }

    @Test
    void a_transient_failure_backs_off_and_the_operation_is_not_due_before_its_backoff_runs_out() {
        world.hypervisor.failNext(Call.CREATE, 2, true);
        Operation accepted = acceptVm();

        Operation first = claimAndAttempt(accepted.id());
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.nextAttemptAt()).isEqualTo(World.T0.plusSeconds(10));
        world.clock.advance(Duration.ofSeconds(9));
        // What a driver claims is what it found due: a claim itself leaves that to its caller.
        assertThat(due()).as("due before its backoff ran out").doesNotContain(accepted.id());

        world.clock.advance(Duration.ofSeconds(1));
        assertThat(due()).containsExactly(accepted.id());
        Operation second = claimAndAttempt(accepted.id());
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.nextAttemptAt()).isEqualTo(World.T0.plusSeconds(10 + 20));

        world.clock.advance(Duration.ofSeconds(20));
        Operation third = claimAndAttempt(accepted.id());
        assertThat(third.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(third.attempts()).as("a success does not count as a failed attempt").isEqualTo(2);
        assertThat(world.hypervisor.calls(Call.CREATE)).isEqualTo(3);
        assertThat(world.hypervisor.serversCreated()).isEqualTo(1);
    }

    @Test
    void spent_attempts_fail_the_provision_and_roll_back_what_it_allocated() {
        World quick = new World(World.settings(true, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2)));
        UUID instance = quick.installInstance();
        quick.requests.provision(provision(instance, vpsId, SYNC, VM_SPEC));
        quick.hypervisor.failNext(Call.START, 2, true);

        quick.driveDue();
        quick.clock.advance(Duration.ofSeconds(1));
        quick.driveDue();

        Operation failed = quick.latestOperation(vpsId);
        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.info()).contains("failed after 2 attempts");
        assertThat(quick.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);
        assertThat(quick.hypervisor.serversCreated()).isEqualTo(1);
        assertThat(quick.hypervisor.calls(Call.DESTROY, vpsId)).isEqualTo(1);
        assertThat(quick.hypervisor.serverIds()).isEmpty();
        assertThat(quick.db.stored(failed.id()).orElseThrow().leaseOwner()).isNull();
    }

    @Test
    void a_permanent_failure_fails_at_once_and_rolls_back() {
        world.hypervisor.failNext(Call.START, 1, false);
        Operation accepted = acceptVm();

        Operation failed = claimAndAttempt(accepted.id());

        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(failed.attempts()).isZero();
        assertThat(failed.lastError()).contains("START refused");
        assertThat(world.hypervisor.calls(Call.DESTROY, vpsId)).isEqualTo(1);
        assertThat(world.hypervisor.serverIds()).isEmpty();
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.ERROR);
    }

    @Test
    void a_rollback_that_fails_too_is_reported_with_the_error() {
        world.hypervisor.failNext(Call.START, 1, false).failNext(Call.DESTROY, 1, true);
        Operation accepted = acceptVm();

        Operation failed = claimAndAttempt(accepted.id());

        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(failed.lastError()).contains("START refused").contains("the rollback failed too");
        assertThat(world.hypervisor.serverIds()).as("left for reconcile").containsExactly(vpsId);
    }

    @Test
    void an_unexpected_exception_fails_the_operation_instead_of_leaving_it_leased() {
        world.hypervisor.afterNext(Call.CREATE, id -> {
            throw new IllegalStateException("bug in an adapter");
        });
        Operation accepted = acceptVm();

        Operation failed = claimAndAttempt(accepted.id());

        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(failed.lastError()).contains("internal error").contains("bug in an adapter");
        assertThat(world.db.stored(accepted.id()).orElseThrow().leaseOwner()).isNull();
        assertThat(world.hypervisor.serverIds()).isEmpty();
    }

    @Test
    void a_build_that_outlives_the_build_timeout_fails_and_is_destroyed() {
        Operation accepted = acceptVm();
        claimAndAttempt(accepted.id());
        world.clock.advance(World.BUILD_TIMEOUT.plusMillis(1));

        Operation failed = claimAndAttempt(accepted.id());

        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(failed.lastError()).contains("did not boot");
        assertThat(world.hypervisor.serverIds()).isEmpty();
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);
    }

    @Test
    void an_unprovision_arriving_while_the_build_calls_the_backend_waits_for_it_then_removes_the_server() {
        Operation build = acceptVm();
        List<Operation> dueWhileBuilding = new ArrayList<>();
        AtomicReference<VpsAnswer> unprovisionAnswer = new AtomicReference<>();
        world.hypervisor.afterNext(Call.CREATE, id -> {
            unprovisionAnswer.set(world.requests.unprovision(command(instanceId, vpsId, SYNC)));
            world.db.inTransaction(repositories -> repositories.operations().findDue(world.clock.instant(), 10))
                    .forEach(due -> dueWhileBuilding.add(world.db.operation(due).orElseThrow()));
        });

        Operation afterBuild = claimAndAttempt(build.id());

        assertThat(unprovisionAnswer.get().outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(dueWhileBuilding).as("nothing runs while the build holds the server").isEmpty();
        assertThat(afterBuild.status()).as("the build's result is dropped").isEqualTo(OperationStatus.CANCELLED);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.UNPROVISIONING);
        assertThat(world.hypervisor.serverIds()).as("the build made its server").containsExactly(vpsId);

        assertThat(world.driveDue()).isEqualTo(1);

        assertThat(world.hypervisor.serverIds()).isEmpty();
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.DELETED);
        assertThat(world.latestOperation(vpsId).kind()).isEqualTo(OperationKind.UNPROVISION);
        assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.SUCCEEDED);
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void an_unprovision_arriving_while_a_container_is_built_within_its_request_does_not_race_it() {
        AtomicReference<VpsAnswer> unprovisionAnswer = new AtomicReference<>();
        world.containers.afterNext(Call.CREATE, id ->
                unprovisionAnswer.set(world.requests.unprovision(command(instanceId, vpsId, SYNC))));

        VpsAnswer provisionAnswer = world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));

        assertThat(unprovisionAnswer.get().outcome()).as("the unprovision waits for the build").isEqualTo(Outcome.ACCEPTED);
        assertThat(world.containers.calls(Call.DESTROY)).isZero();
        assertThat(provisionAnswer.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(provisionAnswer.info()).contains("cancelled");

        assertThat(world.driveDue()).isEqualTo(1);

        assertThat(world.containers.serverIds()).isEmpty();
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.DELETED);
    }

    @Test
    void attempting_a_finished_operation_calls_nothing_and_releases_the_lease() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        Operation done = world.latestOperation(vpsId);
        int callsBefore = world.containers.invocations().size();

        Operation afterwards = world.runner.attempt(done.id(), DRIVER_NODE);

        assertThat(afterwards).isEqualTo(done);
        assertThat(world.containers.invocations()).hasSize(callsBefore);
    }

    @Test
    void a_failed_configure_returns_the_vps_to_ready_as_the_backend_reports_it() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.containers.failNext(Call.RECONFIGURE, 1, false);

        VpsAnswer answer = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC, World.containerSpec(4, 40, 4)));

        assertThat(answer.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(answer.vps().lifecycle()).isEqualTo(Lifecycle.READY);
        assertThat(answer.vps().state()).isEqualTo(PowerState.RUNNING);
        assertThat(answer.vps().spec()).isEqualTo(CONTAINER_SPEC);
        assertThat(world.containers.serverIds()).as("a failed configure destroys nothing").containsExactly(vpsId);
    }

    @Test
    void a_restart_a_configure_made_is_still_said_after_a_transient_failure_while_the_guest_boots() {
        Operation provision = acceptVm();
        claimAndAttempt(provision.id());
        world.hypervisor.bootGuest(vpsId);
        world.clock.advance(World.GUEST_CHECK);
        assertThat(claimAndAttempt(provision.id()).status()).isEqualTo(OperationStatus.SUCCEEDED);
        world.hypervisor.setRestartsOnReconfigure(true);
        world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC, World.vmSpec(8, 40, 2)));
        Operation configure = world.latestOperation(vpsId);

        Operation booting = claimAndAttempt(configure.id());
        world.hypervisor.failNext(Call.INSPECT, 1, true);
        world.clock.advance(World.GUEST_CHECK);
        Operation retrying = claimAndAttempt(configure.id());
        world.hypervisor.bootGuest(vpsId);
        world.clock.advance(Duration.ofSeconds(10));
        Operation done = claimAndAttempt(configure.id());

        assertThat(booting.info()).startsWith("Configuration: the server was restarted");
        assertThat(retrying.attempts()).isEqualTo(1);
        assertThat(retrying.info()).startsWith("Configuration: the server was restarted").contains("retrying after");
        assertThat(done.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(done.info()).isEqualTo("Configuration done: the server was restarted to apply the new hardware");
        assertThat(world.hypervisor.calls(Call.RECONFIGURE)).as("reconfigured once per attempt that got so far").isEqualTo(2);
    }

    @Test
    void a_replayed_provision_adopts_the_server_a_previous_attempt_made() {
        Operation accepted = acceptVm();
        world.hypervisor.create(new ServerSpec(vpsId, instanceId, "db-1",
                VM_SPEC.hardware(), VM_SPEC.platform()));
        world.hypervisor.setGuestsBootAtOnce(true);

        Operation done = claimAndAttempt(accepted.id());

        assertThat(done.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.hypervisor.serversCreated()).isEqualTo(1);
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
    }

    @Test
    void run_within_gives_up_when_the_next_attempt_falls_beyond_the_budget() {
        world.containers.failNext(Call.CREATE, 1, true);
        VpsAnswer answer = world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));

        assertThat(answer.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(world.containers.calls(Call.CREATE)).isEqualTo(1);
        assertThat(world.db.stored(world.latestOperation(vpsId).id()).orElseThrow().leaseOwner())
                .as("the driver may take it over").isNull();
    }

    @Test
    void run_within_retries_at_once_until_the_attempts_are_spent() {
        World eager = new World(World.settings(true, new Backoff(Duration.ZERO, Duration.ZERO, 3)));
        UUID instance = eager.installInstance();
        eager.containers.failNext(Call.CREATE, 3, true);

        VpsAnswer answer = eager.requests.provision(provision(instance, vpsId, SYNC, CONTAINER_SPEC));

        assertThat(answer.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(eager.containers.calls(Call.CREATE)).isEqualTo(3);
        assertThat(eager.latestOperation(vpsId).attempts()).isEqualTo(3);
        assertThat(eager.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);
        eager.assertEveryStatusChangeIsLogged();
    }

    @Test
    void a_failed_configure_tells_the_controller_what_the_backend_refused() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.containers.failNext(Call.RECONFIGURE, 1, false);

        VpsAnswer answer = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC, World.containerSpec(4, 40, 4)));

        assertThat(answer.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(world.latestOperation(vpsId).lastError()).isEqualTo("RECONFIGURE refused: no such image");
        assertThat(answer.info()).contains("RECONFIGURE refused: no such image");
    }

    @Test
    void a_failed_configure_whose_server_cannot_be_looked_at_leaves_the_vps_in_error() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        // The configure's first look goes through; the look after its failure does not.
        world.containers.afterNext(Call.INSPECT, id -> world.containers.failNext(Call.INSPECT, 1, true));
        world.containers.failNext(Call.RECONFIGURE, 1, false);

        VpsAnswer answer = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC, World.containerSpec(4, 40, 4)));

        assertThat(answer.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.ERROR);
        assertThat(world.containers.serverIds()).containsExactly(vpsId);
    }

    @Test
    void a_guest_still_booting_at_the_build_timeout_is_waited_for_until_the_timeout_has_passed() {
        Operation accepted = acceptVm();
        claimAndAttempt(accepted.id());
        world.clock.advance(World.BUILD_TIMEOUT);

        Operation atTheTimeout = claimAndAttempt(accepted.id());

        assertThat(atTheTimeout.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(atTheTimeout.info()).isEqualTo("Waiting for the guest operating system to boot");
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
    }

    @Test
    void a_server_that_disappears_during_the_attempt_is_a_transient_failure() {
        Operation accepted = acceptVm();
        world.hypervisor.afterNext(Call.START, started -> world.hypervisor.destroy(started));

        Operation retried = claimAndAttempt(accepted.id());

        assertThat(retried.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).isEqualTo("the server of VPS " + vpsId + " disappeared from the backend");
    }

    @Test
    void a_controller_polling_while_its_request_builds_sees_the_operation_running() {
        AtomicReference<Operation> duringCreate = new AtomicReference<>();
        world.containers.afterNext(Call.CREATE, id -> duringCreate.set(world.latestOperation(vpsId)));

        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));

        assertThat(duringCreate.get().status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(world.db.transitions()).filteredOn(transition -> transition.operationId().equals(duringCreate.get().id()))
                .extracting(transition -> transition.from() + "->" + transition.to())
                .containsExactly("null->ACCEPTED", "ACCEPTED->RUNNING", "RUNNING->SUCCEEDED");
    }

    @Test
    void attempting_an_operation_that_does_not_exist_is_refused_naming_it() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> world.runner.attempt(unknown, DRIVER_NODE))
                .isInstanceOf(IllegalStateException.class).hasMessage("no operation " + unknown);
    }

    static Stream<Arguments> factories() {
        return Stream.<Function<World, OperationRunner>>of(
                w -> OperationRunner.create(w.db, w.fleet, w.clock, w.settings, World.LEASE, w.controllerUpdates),
                w -> OperationRunner.create(w.db, w.fleet, w.clock, w.settings, World.LEASE, 4, w.controllerUpdates),
                w -> OperationRunner.create(w.db, w.fleet, w.clock, w.settings, World.LEASE, 4, w.controllerUpdates,
                        LogContext.NONE),
                w -> OperationRunner.create(w.db, w.fleet, w.clock, w.settings, World.LEASE, w.controllerUpdates,
                        LogContext.NONE),
                w -> OperationRunner.create(w.db, w.hosts, w.clock, w.settings, World.LEASE, w.controllerUpdates,
                        LogContext.NONE),
                w -> OperationRunner.create(w.db, w.hosts, w.clock, w.settings, World.LEASE, 4, w.controllerUpdates,
                        LogContext.NONE))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void every_way_of_making_a_runner_gives_one_that_drives_operations_on_the_fleet(Function<World, OperationRunner> factory) {
        OperationRunner runner = factory.apply(world);
        Operation accepted = acceptVm();
        assertThat(world.claim(accepted.id(), DRIVER_NODE)).isTrue();

        Operation afterwards = runner.attempt(accepted.id(), DRIVER_NODE);

        assertThat(afterwards.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
        assertThat(runner.leaseDuration()).isEqualTo(World.LEASE);
        assertThat(runner.hosts().fleet()).isSameAs(world.fleet);
    }
}
