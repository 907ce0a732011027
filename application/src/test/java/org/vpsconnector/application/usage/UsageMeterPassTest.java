package org.vpsconnector.application.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.ConcurrentWriteException;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.testing.CapturedLog;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.TwoFailingTransactions;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.UsageReading;

/** What one measuring pass does when servers, other meters or the database get in its way. */
class UsageMeterPassTest {
    /** As fast as the reads go: these tests are about what a pass does, not its pace. */
    private static final int UNPACED = Integer.MAX_VALUE;
    private static final UsageSettings SETTINGS = new UsageSettings(Duration.ofMinutes(1), 2, Duration.ofSeconds(40), UNPACED);
    private static final UsageReading READING = new UsageReading(500, 10, 10, 300, 400, "run-1");

    private final World world = new World();
    private final UsageMeter meter = new UsageMeter(world.db, world.fleet, world.clock, SETTINGS, "meter-a");
    private final UsageMeter otherReplica = new UsageMeter(world.db, world.fleet, world.clock, SETTINGS, "meter-b");
    private final UUID instanceId = world.installInstance();

    @AfterEach
    void stopTheMeters() throws InterruptedException {
        meter.stop();
        otherReplica.stop();
    }

    private UUID runningContainer() {
        UUID vpsId = UUID.randomUUID();
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.containers.setUsage(vpsId, READING);
        return vpsId;
    }

    private boolean claimableBy(UUID vpsId, String meterId) {
        Instant now = world.clock.instant();
        return world.db.inTransaction(repositories -> repositories.usage().claim(vpsId, meterId, now, now.plusSeconds(1)));
    }

    @Test
    void a_server_another_meter_is_reading_is_not_read_again() {
        UUID vpsId = runningContainer();
        Instant now = world.clock.instant();
        world.db.inTransaction(repositories -> repositories.usage().claim(vpsId, "meter-b", now, now.plusSeconds(40)));

        UsageMeter.Pass pass = meter.measureAll();

        assertThat(pass.measured()).isZero();
        assertThat(pass.unreadable()).isZero();
        assertThat(world.containers.calls(Call.MEASURE, vpsId)).isZero();
    }

    @Test
    void a_claim_another_meter_wrote_at_the_same_moment_leaves_the_server_to_it() {
        UUID vpsId = runningContainer();
        AtomicInteger transactions = new AtomicInteger();
        Transactions racing = new Transactions() {
            @Override
            public <T> T inTransaction(Work<T> work) {
                // The pass lists the VPSes first; its claim of the one VPS collides with another meter's.
                if (transactions.incrementAndGet() == 2) {
                    throw new ConcurrentWriteException("duplicate key: usage of VPS " + vpsId, null);
                }
                return world.db.inTransaction(work);
            }

            @Override
            public void ping() {
                world.db.ping();
            }
        };

        UsageMeter.Pass pass = new UsageMeter(racing, world.fleet, world.clock, SETTINGS, "meter-c").measureAll();

        assertThat(pass.measured()).isZero();
        assertThat(pass.unreadable()).isZero();
        assertThat(world.containers.calls(Call.MEASURE, vpsId)).isZero();
    }

    @Test
    void a_server_that_could_not_be_read_is_left_to_the_next_meter_at_once_and_the_trouble_is_logged() {
        UUID vpsId = runningContainer();
        world.containers.failNext(Call.MEASURE, 1, true);

        try (CapturedLog log = CapturedLog.of(UsageMeter.class)) {
            assertThat(meter.measureAll().unreadable()).isEqualTo(1);
            assertThat(log.at(Level.WARNING)).containsExactly("1 VPS(es) keep their last usage figures: they could not be"
                    + " measured (MEASURE failed: the daemon is not answering)");
        }

        assertThat(otherReplica.measureAll().measured()).as("no claim is left behind").isEqualTo(1);
        assertThat(world.db.usage(vpsId)).isPresent();
    }

    @Test
    void a_pass_that_read_every_server_logs_nothing() {
        runningContainer();

        try (CapturedLog log = CapturedLog.of(UsageMeter.class)) {
            assertThat(meter.measureAll().measured()).isEqualTo(1);
            assertThat(log.lines()).isEmpty();
        }
    }

    @Test
    void a_vps_unprovisioned_while_its_server_was_read_keeps_no_figures() throws Exception {
        UUID vpsId = runningContainer();

        UsageMeter.Pass pass = whileTheServerIsRead(() -> world.db.inTransaction(repositories -> {
            var vps = repositories.vpses().find(vpsId).orElseThrow();
            Instant now = world.clock.instant();
            repositories.vpses().update(vps.accept(OperationKind.UNPROVISION, null, now)
                    .completed(OperationKind.UNPROVISION, null, PowerState.DELETING, now));
            return null;
        }));

        assertThat(pass.measured()).isZero();
        assertThat(world.db.usage(vpsId)).isEmpty();
    }

    @Test
    void a_vps_whose_server_is_gone_keeps_no_figures_and_is_left_free() {
        UUID vpsId = runningContainer();
        world.containers.destroy(vpsId);

        UsageMeter.Pass pass = meter.measureAll();

        assertThat(pass.measured()).isZero();
        assertThat(pass.unreadable()).isZero();
        assertThat(world.db.usage(vpsId)).isEmpty();
        assertThat(claimableBy(vpsId, "meter-b")).as("the claim was given up").isTrue();
    }

    @Test
    void a_database_lost_during_a_pass_fails_the_pass_rather_than_counting_servers_unreadable() {
        runningContainer();

        assertThatThrownBy(() -> whileTheServerIsRead(() -> world.db.setDown(true)))
                .hasCauseInstanceOf(RepositoryUnavailableException.class);
    }

    /** Measures all, doing {@code meanwhile} while the server is being read. */
    private UsageMeter.Pass whileTheServerIsRead(Runnable meanwhile) throws Exception {
        ControllableBackend.Hang hang = world.containers.hang(Call.MEASURE);
        CompletableFuture<UsageMeter.Pass> pass = CompletableFuture.supplyAsync(meter::measureAll);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> hang.blocked() == 1);
            world.containers.stopHanging(Call.MEASURE);
            meanwhile.run();
        } finally {
            hang.release();
        }
        return pass.get();
    }

    @Test
    void a_pass_interrupted_while_servers_are_read_fails_and_keeps_the_interrupt() throws Exception {
        runningContainer();
        ControllableBackend.Hang hang = world.containers.hang(Call.MEASURE);
        AtomicBoolean interruptKept = new AtomicBoolean();
        ExecutorService pass = Executors.newSingleThreadExecutor();
        try {
            Future<Throwable> failure = pass.submit(() -> {
                try {
                    meter.measureAll();
                    return null;
                } catch (IllegalStateException failed) {
                    interruptKept.set(Thread.currentThread().isInterrupted());
                    return failed;
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> hang.blocked() == 1);

            pass.shutdownNow();

            assertThat(failure.get()).hasMessage("interrupted while measuring usage");
            assertThat(interruptKept).isTrue();
        } finally {
            hang.release();
            pass.shutdownNow();
        }
    }

    @Test
    void a_pass_asked_for_while_the_meter_runs_leaves_its_readers_running() {
        UUID vpsId = runningContainer();
        meter.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> meter.lastPassAt() != null);
        world.clock.advance(SETTINGS.claimDuration());

        assertThatCode(meter::measureAll).doesNotThrowAnyException();
        assertThatCode(meter::measureAll).doesNotThrowAnyException();
        assertThat(world.containers.calls(Call.MEASURE, vpsId)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_background_pass_that_fails_is_logged_and_the_next_one_measures() throws InterruptedException {
        UUID vpsId = runningContainer();
        Transactions failing = new TwoFailingTransactions(world.db);
        UsageMeter background = new UsageMeter(failing, world.fleet, world.clock,
                new UsageSettings(Duration.ofMillis(10), 1, Duration.ofSeconds(40), UNPACED), "meter-c");

        try (CapturedLog log = CapturedLog.of(UsageMeter.class)) {
            background.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> world.db.usage(vpsId).isPresent());
            } finally {
                background.stop();
            }
            assertThat(log.at(Level.WARNING)).first()
                    .isEqualTo("measuring usage failed, tried again in 10 ms: the database is not answering");
            assertThat(log.lines()).filteredOn(line -> line.level() == Level.ERROR).singleElement().satisfies(line -> {
                assertThat(line.message()).isEqualTo("measuring usage failed");
                assertThat(line.thrown()).hasMessage("a bug");
            });
        }
    }

    @Test
    void the_meter_measures_at_a_positive_interval_reading_at_least_one_server_at_a_time() {
        assertThatThrownBy(() -> new UsageSettings(Duration.ZERO, 1, Duration.ofSeconds(1), UNPACED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the usage interval must be positive, got PT0S");
        assertThatThrownBy(() -> new UsageSettings(Duration.ofSeconds(-1), 1, Duration.ofSeconds(1), UNPACED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UsageSettings(Duration.ofSeconds(1), 0, Duration.ofSeconds(1), UNPACED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the meter needs to read at least one server at a time");
        assertThat(new UsageSettings(Duration.ofMillis(1), 1, Duration.ofSeconds(1), UNPACED).concurrentReads()).isEqualTo(1);
        assertThatThrownBy(() -> new UsageSettings(Duration.ofSeconds(1), 1, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the meter needs to read at least one server a second, got 0");
    }

    @Test
    void a_pass_starts_its_reads_no_faster_than_its_pace_allows_and_still_measures_every_server() {
        List<UUID> vpses = List.of(runningContainer(), runningContainer(), runningContainer(), runningContainer(),
                runningContainer(), runningContainer());
        UsageMeter paced = new UsageMeter(world.db, world.fleet, world.clock,
                new UsageSettings(Duration.ofMinutes(1), 2, Duration.ofSeconds(40), 20), "meter-paced");

        long started = System.nanoTime();
        UsageMeter.Pass pass = paced.measureAll();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(pass.measured()).isEqualTo(vpses.size());
        assertThat(tookMillis).as("six reads at 20 a second start over at least five spacings of 50 ms")
                .isGreaterThanOrEqualTo(250);
    }
}
