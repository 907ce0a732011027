package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.GUEST_CHECK;
import static org.vpsconnector.application.testing.World.LEASE;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.PowerState;

/**
 * The driver with its real worker threads. Its own sweeps are a day apart and it is not told when
 * work falls due, so the only sweeps after the first are the test's; the test clock stands still, so an operation is due only when
 * the test moves the clock. Waits are for conditions, with a generous ceiling, never for time.
 */
class OperationDriverTest {
    private static final String SURVIVOR = "survivor";
    private static final long CEILING_SECONDS = 30;

    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();
    private OperationDriver driver;

    @BeforeEach
    void startDriver() {
        driver = new OperationDriver(world.db, world.runner, world.clock, new DriverSettings(SURVIVOR, 2, Duration.ofDays(1)));
        driver.start();
        // The driver's sweeps when work falls due are DriverSweepsTest's: here the test sweeps.
        world.runner.whenDue(at -> { });
        awaitThat("the driver's first sweep", () -> driver.lastSweepAt() != null);
    }

    @AfterEach
    void stopDriver() throws InterruptedException {
        driver.stop();
    }

    private static void awaitThat(String what, BooleanSupplier condition) {
        await(what).atMost(Duration.ofSeconds(CEILING_SECONDS)).pollInterval(Duration.ofMillis(5))
                .until(condition::getAsBoolean);
    }

    /** Sweeps until one operation was started (a worker may still be giving its permit back). */
    private void sweepUntilOneStarts() {
        awaitThat("a sweep that starts an operation", () -> driver.sweep() == 1);
    }

    /** Waits until the operation's lease is given up: the worker's attempt is recorded. */
    private Operation awaitAttemptRecorded(UUID operationId) {
        awaitThat("the attempt at " + operationId + " to be recorded",
                () -> world.db.stored(operationId).orElseThrow().leaseOwner() == null);
        return world.db.operation(operationId).orElseThrow();
    }

    private Operation acceptVm() {
        return world.acceptVm(instanceId, vpsId);
    }

    @Test
    void a_sweep_starts_a_due_operation_and_a_worker_drives_it_until_the_guest_has_booted() {
        Operation accepted = acceptVm();

        sweepUntilOneStarts();
        Operation waiting = awaitAttemptRecorded(accepted.id());
        assertThat(waiting.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(waiting.info()).contains("guest");
        assertThat(driver.sweep()).as("not due until the guest check").isZero();
        assertThat(driver.lastSweepAt()).isEqualTo(world.clock.instant());

        world.hypervisor.bootGuest(vpsId);
        world.clock.advance(GUEST_CHECK);
        sweepUntilOneStarts();
        Operation done = awaitAttemptRecorded(accepted.id());

        assertThat(done.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.RUNNING);
        assertThat(driver.sweep()).as("nothing left to do").isZero();
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void an_operation_whose_owner_died_is_taken_over_once_its_lease_expires_and_ends_with_one_server() {
        Operation accepted = acceptVm();
        // A node claims the build, creates the server, and dies before it records anything.
        assertThat(world.claim(accepted.id(), "dead-node")).isTrue();
        world.hypervisor.afterNext(Call.CREATE, id -> {
            throw new ProcessDied();
        });
        assertThatThrownBy(() -> world.runner.attempt(accepted.id(), "dead-node")).isInstanceOf(ProcessDied.class);
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
        assertThat(world.db.stored(accepted.id()).orElseThrow().leaseOwner()).isEqualTo("dead-node");
        assertThat(world.db.operation(accepted.id()).orElseThrow().status()).isEqualTo(OperationStatus.RUNNING);

        assertThat(driver.sweep()).as("the lease is live").isZero();
        world.clock.advance(LEASE);
        assertThat(driver.sweep()).as("the lease is live to its last instant").isZero();

        world.clock.advance(Duration.ofSeconds(1));
        sweepUntilOneStarts();
        awaitAttemptRecorded(accepted.id());
        world.hypervisor.bootGuest(vpsId);
        world.clock.advance(GUEST_CHECK);
        sweepUntilOneStarts();
        Operation done = awaitAttemptRecorded(accepted.id());

        assertThat(done.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
        assertThat(world.hypervisor.serversCreated()).as("the survivor adopted the dead node's server").isEqualTo(1);
        assertThat(world.hypervisor.calls(Call.CREATE)).as("the survivor found the server and created none").isEqualTo(1);
    }

    @Test
    void a_sweep_starts_no_more_operations_than_it_has_free_workers_and_the_next_comes_when_one_is_free() throws InterruptedException {
        driver.stop();
        driver = new OperationDriver(world.db, world.runner, world.clock, new DriverSettings(SURVIVOR, 1, Duration.ofDays(1)));
        driver.start();
        awaitThat("the driver's first sweep", () -> driver.lastSweepAt() != null);
        UUID otherVps = UUID.randomUUID();
        world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
        world.requests.provision(provision(instanceId, otherVps, SYNC, VM_SPEC));
        CountDownLatch inCreate = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        world.hypervisor.afterNext(Call.CREATE, id -> {
            inCreate.countDown();
            awaitLatch(letGo);
        });

        assertThat(driver.sweep()).isEqualTo(1);
        assertThat(inCreate.await(CEILING_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(driver.sweep()).as("the only worker is busy").isZero();
        assertThat(world.hypervisor.calls(Call.CREATE)).isEqualTo(1);

        // Freed, the worker takes the other build at once: the next sweep interval is a day away.
        letGo.countDown();
        awaitThat("both builds to have been attempted", () -> world.hypervisor.serverIds().size() == 2
                && world.db.operations().stream().allMatch(operation -> world.db.stored(operation.id()).orElseThrow().leaseOwner() == null));
        assertThat(world.db.operations()).allMatch(operation -> operation.status() == OperationStatus.RUNNING);
    }

    @Test
    void an_unprovision_is_not_started_while_the_cancelled_build_still_holds_the_server() throws InterruptedException {
        Operation build = acceptVm();
        CountDownLatch inCreate = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        world.hypervisor.afterNext(Call.CREATE, id -> {
            inCreate.countDown();
            awaitLatch(letGo);
        });
        sweepUntilOneStarts();
        assertThat(inCreate.await(CEILING_SECONDS, TimeUnit.SECONDS)).isTrue();

        world.requests.unprovision(command(instanceId, vpsId, SYNC));
        Operation unprovision = world.latestOperation(vpsId);
        assertThat(driver.sweep()).as("the build still holds the server").isZero();
        assertThat(world.hypervisor.calls(Call.DESTROY)).isZero();

        letGo.countDown();
        assertThat(awaitAttemptRecorded(build.id()).status()).isEqualTo(OperationStatus.CANCELLED);
        sweepUntilOneStarts();
        assertThat(awaitAttemptRecorded(unprovision.id()).status()).isEqualTo(OperationStatus.SUCCEEDED);

        assertThat(world.hypervisor.serverIds()).isEmpty();
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.DELETED);
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void operations_accepted_while_no_driver_runs_are_picked_up_by_the_next_drivers_first_sweep() throws InterruptedException {
        driver.stop();
        Operation accepted = acceptVm();

        OperationDriver next = new OperationDriver(world.db, world.runner, world.clock,
                new DriverSettings("next-node", 1, Duration.ofDays(1)));
        next.start();
        try {
            awaitThat("the next driver to drive the build", () -> world.db.operation(accepted.id()).orElseThrow().status()
                    == OperationStatus.RUNNING && world.db.stored(accepted.id()).orElseThrow().leaseOwner() == null);
        } finally {
            next.stop();
        }
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(CEILING_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the backend call go");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** The process ends in the middle of an attempt: nothing after this point is recorded. */
    private static final class ProcessDied extends Error {
    }
}
