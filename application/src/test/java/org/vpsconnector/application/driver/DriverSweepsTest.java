package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.testing.CapturedLog;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;

/**
 * The driver's sweeps as the operator and the health check see them. Waits are for conditions,
 * with a generous ceiling, never for time.
 */
class DriverSweepsTest {
    private static final String NODE = "sweeping-node";
    private static final long CEILING_SECONDS = 30;
    private static final Duration NEVER_AGAIN = Duration.ofDays(1);

    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();
    private final WatchedTransactions watched = new WatchedTransactions(world.db);
    private final CapturedLog log = CapturedLog.of(OperationDriver.class);
    private OperationDriver driver;

    @AfterEach
    void stopDriver() throws InterruptedException {
        if (driver != null) {
            driver.stop();
        }
        log.close();
    }

    /** A driver whose sweeps after the first are the test's, and its own every {@code sweepInterval}. */
    private void startDriver(int workers, Duration sweepInterval) {
        startDriverToldWhenWorkFallsDue(workers, sweepInterval);
        world.runner.whenDue(at -> { });
    }

    private void startDriverToldWhenWorkFallsDue(int workers, Duration sweepInterval) {
        driver = new OperationDriver(watched, world.runner, world.clock, new DriverSettings(NODE, workers, sweepInterval));
        driver.start();
        awaitThat("the driver's first sweep", () -> driver.lastSweepAt() != null);
    }

    private static void awaitThat(String what, BooleanSupplier condition) {
        await(what).atMost(Duration.ofSeconds(CEILING_SECONDS)).pollInterval(Duration.ofMillis(5))
                .until(condition::getAsBoolean);
    }

    private Operation acceptVm() {
        return world.acceptVm(instanceId, vpsId);
    }

    private void awaitAttemptRecorded(UUID operationId) {
        awaitThat("the attempt at " + operationId + " to be recorded",
                () -> world.db.stored(operationId).orElseThrow().leaseOwner() == null);
    }

    @Test
    void stopping_a_driver_that_never_started_does_nothing() throws InterruptedException {
        OperationDriver idle = new OperationDriver(watched, world.runner, world.clock, new DriverSettings(NODE, 1, NEVER_AGAIN));

        idle.stop();

        assertThat(idle.lastSweepAt()).isNull();
        assertThat(watched.tried()).isZero();
    }

    @Test
    void the_drivers_threads_do_not_keep_the_process_from_exiting() {
        startDriver(1, NEVER_AGAIN);

        assertThat(watched.threads()).isNotEmpty().allMatch(Thread::isDaemon);
    }

    @Test
    void an_operation_a_request_accepts_is_driven_at_once_not_at_the_next_sweep() {
        startDriverToldWhenWorkFallsDue(1, NEVER_AGAIN);

        Operation accepted = acceptVm();

        awaitThat("the build to create its server", () -> world.hypervisor.serverIds().contains(vpsId));
        awaitAttemptRecorded(accepted.id());
        assertThat(world.db.operation(accepted.id()).orElseThrow().status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
    }

    @Test
    void a_booting_guest_is_checked_again_when_its_check_falls_due_not_at_the_next_sweep() throws InterruptedException {
        Duration guestCheck = Duration.ofMillis(200);
        ProvisioningSettings usual = World.settings(true, World.BACKOFF);
        World quick = new World(new ProvisioningSettings(usual.startOnCreate(), usual.syncBudget(), usual.buildTimeout(),
                guestCheck, usual.backoff(), usual.retryTimeout(), usual.hardwareLimits()));
        UUID instance = quick.installInstance();
        OperationDriver told = new OperationDriver(quick.db, quick.runner, quick.clock, new DriverSettings(NODE, 1, NEVER_AGAIN));
        told.start();
        try {
            Operation accepted = quick.acceptVm(instance, vpsId);
            awaitThat("the build to wait for its guest", () -> quick.db.stored(accepted.id()).orElseThrow().leaseOwner() == null
                    && quick.db.operation(accepted.id()).orElseThrow().status() == OperationStatus.RUNNING
                    && quick.hypervisor.serverIds().contains(vpsId));

            quick.hypervisor.bootGuest(vpsId);
            quick.clock.advance(guestCheck);

            awaitThat("the guest check that ends the build",
                    () -> quick.db.operation(accepted.id()).orElseThrow().status() == OperationStatus.SUCCEEDED);
        } finally {
            told.stop();
        }
    }

    @Test
    void a_sweep_that_loses_the_claim_to_another_node_starts_nothing_and_keeps_its_worker_free() {
        startDriver(1, NEVER_AGAIN);
        Operation accepted = acceptVm();
        // Between the sweep's look for due operations and its claim, another node claims the build.
        watched.afterNextCommit(() -> assertThat(world.claim(accepted.id(), "other-node")).isTrue());

        assertThat(driver.sweep()).isZero();
        assertThat(world.hypervisor.invocations()).isEmpty();

        world.db.inTransaction(repositories -> {
            repositories.operations().release(accepted.id(), "other-node");
            return null;
        });
        assertThat(driver.sweep()).as("the only worker is free for it").isEqualTo(1);
        awaitAttemptRecorded(accepted.id());
        assertThat(world.db.operation(accepted.id()).orElseThrow().status()).isEqualTo(OperationStatus.RUNNING);
    }

    @Test
    void the_attempt_under_way_longest_is_told_while_it_runs() throws InterruptedException {
        startDriver(1, NEVER_AGAIN);
        Operation accepted = acceptVm();
        CountDownLatch inCreate = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        world.hypervisor.afterNext(Call.CREATE, id -> {
            inCreate.countDown();
            try {
                letGo.await(CEILING_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(driver.sweep()).isEqualTo(1);
            assertThat(inCreate.await(CEILING_SECONDS, TimeUnit.SECONDS)).isTrue();

            assertThat(driver.longestRunningAttempt()).contains(new AttemptWatch.Running(accepted.id(), World.T0));
        } finally {
            letGo.countDown();
        }
        awaitAttemptRecorded(accepted.id());
        awaitThat("the attempt to leave the watch", () -> driver.longestRunningAttempt().isEmpty());
    }

    @Test
    void attempts_that_keep_failing_transiently_are_told_as_a_stall() {
        startDriver(1, NEVER_AGAIN);
        Operation accepted = acceptVm();
        world.hypervisor.failNext(Call.CREATE, 1, true);

        assertThat(driver.sweep()).isEqualTo(1);
        awaitAttemptRecorded(accepted.id());

        assertThat(driver.stall()).hasValueSatisfying(stall -> {
            assertThat(stall.since()).isEqualTo(World.T0);
            assertThat(stall.lastError()).isEqualTo("CREATE failed: the daemon is not answering");
        });
    }

    @Test
    void a_database_that_goes_away_is_said_once_and_its_return_once() {
        startDriver(1, Duration.ofMillis(10));
        int healthy = watched.committed();
        awaitThat("a few healthy sweeps", () -> watched.committed() >= healthy + 3);
        assertThat(log.said()).as("nothing to say while the database answers").isEmpty();

        world.db.setDown(true);
        int triedBefore = watched.tried();
        awaitThat("a few refused sweeps", () -> watched.tried() >= triedBefore + 3);
        world.db.setDown(false);
        int committedBefore = watched.committed();
        awaitThat("a few sweeps after the database is back", () -> watched.committed() >= committedBefore + 3);

        assertThat(log.said()).containsExactly(
                "WARNING looking for due operations failed, and is tried again every 10 ms: "
                        + "the database is unavailable: connection refused",
                "INFO the database answers again; due operations are driven on");
    }

    @Test
    void an_unexpected_failure_to_look_for_due_operations_is_an_error_and_the_sweeps_go_on() {
        startDriver(1, Duration.ofMillis(10));
        watched.failWith(new IllegalStateException("bug in a repository"));
        int triedBefore = watched.tried();
        awaitThat("a failed sweep", () -> watched.tried() > triedBefore);
        watched.failWith(null);
        int committedBefore = watched.committed();
        awaitThat("a sweep after the failure", () -> watched.committed() > committedBefore);

        assertThat(log.said()).isNotEmpty().allMatch(line -> line.equals("ERROR looking for due operations failed"));
    }
}
