package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vpsconnector.application.testing.World.BACKOFF;
import static org.vpsconnector.application.testing.World.BUILD_TIMEOUT;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.DRIVER_NODE;
import static org.vpsconnector.application.testing.World.LEASE;
import static org.vpsconnector.application.testing.World.SYNC_BUDGET;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.provision;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.ControllableBackend.Hang;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.RequestPhase;

/**
 * Backends that accept a call and never answer: requests, attempts and builds still end, and an
 * attempt that outlived its lease does nothing more. Waits are for conditions, with a generous ceiling.
 */
class BoundedAttemptsTest {
    private static final long CEILING_SECONDS = 30;

    @Test
    void a_sync_request_answers_202_within_its_budget_while_the_backend_hangs_and_the_work_goes_on() {
        Duration budget = Duration.ofMillis(300);
        World world = new World(World.settings(true, BACKOFF, budget, BUILD_TIMEOUT), Duration.ofSeconds(30));
        UUID instanceId = world.installInstance();
        UUID vpsId = UUID.randomUUID();
        Hang hang = world.containers.hang(Call.CREATE);
        try {
            long started = System.nanoTime();
            VpsAnswer answer = world.requests.provision(provision(instanceId, vpsId, RequestPhase.SYNC, CONTAINER_SPEC));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer.outcome()).isEqualTo(VpsAnswer.Outcome.ACCEPTED);
            assertThat(took).as("the request waits its budget, not the backend").isLessThan(budget.plusSeconds(5));
            assertThat(hang.blocked()).as("the attempt is still under way").isEqualTo(1);
            assertThat(world.driveDue()).as("the driver leaves the attempt alone while its lease holds").isZero();
        } finally {
            hang.release();
        }
        awaitThat("the attempt to finish after the answer", () -> world.latestOperation(vpsId).isFinished());

        assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
        assertThat(world.db.stored(world.latestOperation(vpsId).id()).orElseThrow().leaseOwner()).isNull();
        assertThat(world.containers.serversCreated()).isEqualTo(1);
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void an_attempt_whose_backend_call_hangs_is_abandoned_and_recorded_as_a_transient_failure() {
        World world = new World(World.settings(true, BACKOFF), Duration.ofMillis(300));
        UUID vpsId = UUID.randomUUID();
        Operation accepted = acceptVm(world, vpsId);
        Hang hang = world.hypervisor.hang(Call.INSPECT);
        try {
            assertThat(world.driveDue()).isEqualTo(1);

            Operation recorded = world.db.operation(accepted.id()).orElseThrow();
            assertThat(recorded.status()).isEqualTo(OperationStatus.RUNNING);
            assertThat(recorded.attempts()).isEqualTo(1);
            assertThat(recorded.lastError()).contains("did not answer within 300 ms");
            assertThat(world.db.stored(accepted.id()).orElseThrow().leaseOwner()).as("lease given up").isNull();
            assertThat(world.hypervisorCalls.abandonedCalls()).as("the hung call is counted").isEqualTo(1);
            assertThat(world.runner.attempts().longestRunning()).as("no attempt is left under way").isEmpty();
            assertThat(world.runner.attempts().stall()).as("work stopped moving").hasValueSatisfying(stall -> {
                assertThat(stall.since()).isEqualTo(World.T0);
                assertThat(stall.lastError()).contains("did not answer within 300 ms");
            });
        } finally {
            hang.release();
        }
        awaitThat("the abandoned call to end", () -> world.hypervisorCalls.abandonedCalls() == 0);
        world.clock.advance(Duration.ofMinutes(1));
        assertThat(world.driveDue()).as("the retry after the backoff").isEqualTo(1);
        assertThat(world.runner.attempts().stall()).as("moving again").isEmpty();
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void a_hung_attempt_does_not_keep_the_drivers_only_worker() throws InterruptedException {
        World world = new World(World.settings(true, BACKOFF), Duration.ofMillis(300));
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Operation firstBuild = acceptVm(world, first);
        Operation secondBuild = acceptVm(world, second);
        Hang hang = world.hypervisor.hang(Call.INSPECT);
        OperationDriver driver = new OperationDriver(world.db, world.runner, world.clock,
                new DriverSettings(DRIVER_NODE, 1, Duration.ofDays(1)));
        driver.start();
        try {
            // The driver's own sweeps are a day apart: the test sweeps until both were attempted.
            awaitThat("both builds to have been attempted once", () -> {
                driver.sweep();
                return world.db.operations().stream().allMatch(operation -> operation.attempts() == 1
                        && world.db.stored(operation.id()).orElseThrow().leaseOwner() == null);
            });
            assertThat(world.db.operation(firstBuild.id()).orElseThrow().lastError()).contains("did not answer within 300 ms");
            assertThat(world.db.operation(secondBuild.id()).orElseThrow().lastError()).contains("did not answer within 300 ms");
            assertThat(hang.blocked()).as("both hung calls are still blocked in the backend").isEqualTo(2);
            // The attempt records its failure before it leaves the driver's watch: wait for it to leave.
            awaitThat("no attempt to be under way, though both calls still hang",
                    () -> driver.longestRunningAttempt().isEmpty());
        } finally {
            driver.stop();
            hang.release();
        }
    }

    @Test
    void an_attempt_that_outlived_its_lease_writes_nothing_and_calls_the_backend_no_more() throws Exception {
        World world = new World(World.settings(true, BACKOFF), Duration.ofSeconds(30));
        world.hypervisor.setGuestsBootAtOnce(true);
        UUID vpsId = UUID.randomUUID();
        Operation accepted = acceptVm(world, vpsId);
        Hang hang = world.hypervisor.hang(Call.CREATE);
        CompletableFuture<Operation> stale;
        try {
            assertThat(world.claim(accepted.id(), DRIVER_NODE)).isTrue();
            stale = CompletableFuture.supplyAsync(() -> world.runner.attempt(accepted.id(), DRIVER_NODE));
            awaitThat("the first attempt to hang in create", () -> hang.blocked() == 1);

            // The lease runs out; the same node takes the operation again, under a new epoch, and finishes it.
            world.hypervisor.stopHanging(Call.CREATE);
            world.clock.advance(LEASE.plusSeconds(1));
            assertThat(world.driveDue()).isEqualTo(1);
            assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.SUCCEEDED);
        } finally {
            hang.release();
        }
        int transitionsBefore = world.db.transitions().size();
        Operation staleResult = stale.get(CEILING_SECONDS, TimeUnit.SECONDS);

        assertThat(staleResult.status()).as("what the stale attempt saw").isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.hypervisor.calls(Call.START)).as("the stale attempt did not go on to start").isEqualTo(1);
        assertThat(world.hypervisor.calls(Call.INSPECT)).as("one look before the hang, two by the new attempt").isEqualTo(3);
        assertThat(world.hypervisor.serversCreated()).isEqualTo(1);
        assertThat(world.db.transitions()).hasSize(transitionsBefore);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void the_build_timeout_ends_a_build_whose_attempts_keep_hanging() {
        Duration buildTimeout = Duration.ofMinutes(1);
        World world = new World(World.settings(true, BACKOFF, SYNC_BUDGET, buildTimeout), Duration.ofMillis(300));
        UUID vpsId = UUID.randomUUID();
        Operation accepted = acceptVm(world, vpsId);
        Hang hang = world.hypervisor.hang(Call.INSPECT);
        try {
            world.driveDue();
            assertThat(world.db.operation(accepted.id()).orElseThrow().status()).isEqualTo(OperationStatus.RUNNING);

            world.clock.advance(buildTimeout.plusSeconds(1));
            world.driveDue();
        } finally {
            hang.release();
        }
        Operation ended = world.db.operation(accepted.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(ended.attempts()).as("the backoff alone would allow a third attempt").isEqualTo(1);
        assertThat(ended.lastError()).contains("did not answer").contains("build timeout of 60 s");
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);
        assertThat(world.hypervisor.calls(Call.DESTROY, vpsId)).as("the failed build is rolled back").isEqualTo(1);
        world.assertEveryStatusChangeIsLogged();
    }

    private static Operation acceptVm(World world, UUID vpsId) {
        UUID instanceId = world.installInstance();
        world.requests.provision(provision(instanceId, vpsId, RequestPhase.SYNC, VM_SPEC));
        return world.latestOperation(vpsId);
    }

    private static void awaitThat(String what, BooleanSupplier condition) {
        await(what).atMost(Duration.ofSeconds(CEILING_SECONDS)).pollInterval(Duration.ofMillis(5))
                .until(condition::getAsBoolean);
    }
}
