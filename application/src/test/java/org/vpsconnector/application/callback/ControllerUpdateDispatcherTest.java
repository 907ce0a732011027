package org.vpsconnector.application.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.ControllerCallException;
import org.vpsconnector.application.port.out.ControllerClient;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.testing.CapturedLog;
import org.vpsconnector.application.testing.TwoFailingTransactions;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.Backoff;

class ControllerUpdateDispatcherTest {
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(20), 4);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration KEEP = Duration.ofHours(1);

    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final RecordingController controller = new RecordingController();
    private final List<String> logMarks = new ArrayList<>();
    private final LogContext logContext = (transactionId, instance) -> {
        logMarks.add(transactionId + "@" + instance);
        return () -> { };
    };
    private final ControllerUpdateDispatcher dispatcher = dispatcher("node-a");

    private ControllerUpdateDispatcher dispatcher(String node) {
        return new ControllerUpdateDispatcher(world.db, controller, world.clock,
                new DispatchSettings(Duration.ofSeconds(1), BACKOFF, LEASE, 10, 2, KEEP, node), logContext);
    }

    /** Sent updates, as the controller received them; refuses while {@link #down}, and holds the updates of {@link #hanging}. */
    private static final class RecordingController implements ControllerClient {
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile boolean down;
        volatile boolean unreadableCertificate;
        volatile UUID hanging;
        final CountDownLatch hangs = new CountDownLatch(1);
        volatile boolean interruptedWhileHanging;
        final CountDownLatch released = new CountDownLatch(1);
        /** Runs after the controller took an update, before it answers. */
        volatile Runnable onReceive = () -> { };

        @Override
        public void updateResource(ApplicationInstance instance, UUID resourceId, String transactionId,
                                   String representation) {
            if (down) {
                throw new ControllerCallException("connection refused", null);
            }
            if (unreadableCertificate) {
                throw new IllegalArgumentException("unable to decode base64 string");
            }
            if (resourceId.equals(hanging)) {
                hangs.countDown();
                try {
                    released.await();
                } catch (InterruptedException interrupted) {
                    interruptedWhileHanging = true;
                    Thread.currentThread().interrupt();
                }
            }
            received.add(instance.controllerUri() + " " + resourceId + " " + transactionId + " " + representation);
            onReceive.run();
        }
    }

    private ControllerUpdate owe(UUID resourceId, String transactionId, String representation) {
        ControllerUpdate update = ControllerUpdate.of(resourceId, instanceId, transactionId, representation, world.clock.instant());
        world.db.inTransaction(repositories -> {
            repositories.controllerUpdates().add(update);
            return null;
        });
        return update;
    }

    private ControllerUpdate stored(ControllerUpdate update) {
        return world.db.inTransaction(repositories -> repositories.controllerUpdates().find(update.id())).orElseThrow();
    }

    @Test
    void sends_a_pending_update_to_the_instances_controller_marks_it_delivered_and_marks_its_log_lines() {
        UUID vps = UUID.randomUUID();
        ControllerUpdate update = owe(vps, "tx-1", "{\"state\":\"Running\"}");

        try (CapturedLog log = CapturedLog.of(ControllerUpdateDispatcher.class)) {
            assertThat(dispatcher.dispatchDue()).isEqualTo(1);
            assertThat(log.at(Level.INFO)).containsExactly("updated resource " + vps + " at the controller");
        }

        assertThat(controller.received).containsExactly("https://controller.example/ " + vps + " tx-1 {\"state\":\"Running\"}");
        assertThat(stored(update).status()).isEqualTo(ControllerUpdate.Status.DELIVERED);
        assertThat(stored(update).finishedAt()).isEqualTo(World.T0);
        assertThat(logMarks).containsExactly("tx-1@" + instanceId);
        assertThat(dispatcher.dispatchDue()).as("delivered once").isZero();
    }

    @Test
    void sends_the_updates_of_one_resource_in_order_one_at_a_time() {
        UUID vps = UUID.randomUUID();
        owe(vps, "tx-1", "first");
        owe(vps, "tx-2", "second");
        owe(vps, "tx-3", "third");

        List<ControllerUpdate> due = world.db.inTransaction(repositories -> repositories.controllerUpdates().findDue(World.T0, 10));
        assertThat(due).as("only the oldest of a resource is due").extracting(ControllerUpdate::representation).containsExactly("first");
        dispatcher.dispatchDue();
        dispatcher.dispatchDue();
        dispatcher.dispatchDue();

        assertThat(controller.received).extracting(line -> line.substring(line.lastIndexOf(' ') + 1))
                .containsExactly("first", "second", "third");
    }

    @Test
    void a_controller_that_is_down_gets_the_update_with_backoff_once_it_is_back_and_later_updates_wait_behind_it() {
        UUID vps = UUID.randomUUID();
        ControllerUpdate first = owe(vps, "tx-1", "first");
        owe(vps, "tx-2", "second");
        controller.down = true;

        try (CapturedLog log = CapturedLog.of(ControllerUpdateDispatcher.class)) {
            assertThat(dispatcher.dispatchDue()).as("none delivered").isZero();
            assertThat(log.at(Level.WARNING)).containsExactly("update of resource " + vps
                    + " failed (attempt 1): connection refused; tried again at " + World.T0.plusSeconds(5));
        }

        ControllerUpdate failed = stored(first);
        assertThat(failed.status()).isEqualTo(ControllerUpdate.Status.PENDING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("connection refused");
        assertThat(failed.nextAttemptAt()).isEqualTo(World.T0.plusSeconds(5));
        assertThat(dispatcher.dispatchDue()).as("not due before its backoff").isZero();

        world.clock.advance(Duration.ofSeconds(5));
        dispatcher.dispatchDue();
        assertThat(stored(first).nextAttemptAt()).as("the delay doubles").isEqualTo(World.T0.plusSeconds(15));

        controller.down = false;
        world.clock.advance(Duration.ofSeconds(10));
        dispatcher.dispatchDue();
        dispatcher.dispatchDue();

        assertThat(controller.received).extracting(line -> line.substring(line.lastIndexOf(' ') + 1))
                .containsExactly("first", "second");
        long pending = world.db.inTransaction(repositories -> repositories.controllerUpdates().backlog().pending());
        assertThat(pending).isZero();
    }

    @Test
    void an_update_that_cannot_be_sent_at_all_is_retried_with_backoff_under_its_marks() {
        UUID vps = UUID.randomUUID();
        ControllerUpdate update = owe(vps, "tx-9", "state");
        controller.unreadableCertificate = true;

        try (CapturedLog log = CapturedLog.of(ControllerUpdateDispatcher.class)) {
            assertThat(dispatcher.dispatchDue()).isZero();
            assertThat(log.lines()).singleElement().satisfies(line -> {
                assertThat(line.level()).isEqualTo(Level.ERROR);
                assertThat(line.message()).isEqualTo("update of resource " + vps + " could not be sent (attempt 1)");
                assertThat(line.thrown()).hasMessage("unable to decode base64 string");
            });
        }

        ControllerUpdate failed = stored(update);
        assertThat(failed.status()).isEqualTo(ControllerUpdate.Status.PENDING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("unable to decode base64 string");
        assertThat(failed.nextAttemptAt()).isEqualTo(World.T0.plusSeconds(5));
        assertThat(logMarks).containsExactly("tx-9@" + instanceId);
    }

    @Test
    void an_update_refused_through_every_retry_is_abandoned_and_the_next_one_goes_ahead() {
        UUID vps = UUID.randomUUID();
        ControllerUpdate first = owe(vps, "tx-1", "first");
        owe(vps, "tx-2", "second");
        controller.down = true;
        try (CapturedLog log = CapturedLog.of(ControllerUpdateDispatcher.class)) {
            for (int attempt = 0; attempt < BACKOFF.maxAttempts(); attempt++) {
                dispatcher.dispatchDue();
                world.clock.advance(BACKOFF.maxDelay());
            }
            assertThat(log.at(Level.WARNING)).last().isEqualTo("update of resource " + vps + " failed (attempt 4): "
                    + "connection refused; given up, the next update of the resource goes ahead");
        }
        assertThat(stored(first).status()).isEqualTo(ControllerUpdate.Status.ABANDONED);

        controller.down = false;
        dispatcher.dispatchDue();

        assertThat(controller.received).extracting(line -> line.substring(line.lastIndexOf(' ') + 1)).containsExactly("second");
    }

    @Test
    void an_update_the_controller_does_not_answer_holds_up_no_other_resource() throws Exception {
        UUID slow = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        owe(slow, "tx-1", "slow");
        owe(other, "tx-2", "other");
        controller.hanging = slow;
        ExecutorService pass = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> delivered = pass.submit(dispatcher::dispatchDue);

            await("the other resource's update").atMost(Duration.ofSeconds(30))
                    .until(() -> controller.received.size() == 1);
            assertThat(controller.received.get(0)).endsWith("other");
            controller.released.countDown();
            assertThat(delivered.get()).isEqualTo(2);
        } finally {
            controller.released.countDown();
            pass.shutdownNow();
        }
    }

    @Test
    void an_update_leased_by_another_replica_is_left_to_it() {
        ControllerUpdate update = owe(UUID.randomUUID(), "tx-1", "first");
        world.db.inTransaction(repositories -> repositories.controllerUpdates()
                .claim(update.id(), "node-b", World.T0, World.T0.plus(LEASE)));

        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(controller.received).isEmpty();

        world.clock.advance(LEASE.plusSeconds(1));
        assertThat(dispatcher.dispatchDue()).as("taken over once the lease of a dead replica ran out").isEqualTo(1);
    }

    @Test
    void the_update_of_a_removed_instance_is_abandoned() {
        UUID vps = UUID.randomUUID();
        ControllerUpdate update = owe(vps, "tx-1", "first");
        world.instances.remove(instanceId);

        try (CapturedLog log = CapturedLog.of(ControllerUpdateDispatcher.class)) {
            assertThat(dispatcher.dispatchDue()).as("not delivered").isZero();
            assertThat(log.at(Level.WARNING)).containsExactly("update of resource " + vps
                    + " is given up: its application instance " + instanceId + " is no longer installed");
        }

        assertThat(controller.received).isEmpty();
        assertThat(stored(update).status()).isEqualTo(ControllerUpdate.Status.ABANDONED);
    }

    @Test
    void finished_updates_are_kept_for_a_while_then_pruned() {
        ControllerUpdate update = owe(UUID.randomUUID(), "tx-1", "first");
        dispatcher.dispatchDue();

        world.clock.advance(KEEP.minusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(world.db.controllerUpdates()).extracting(ControllerUpdate::id).containsExactly(update.id());

        // Pruning is a chore done now and then (every tenth of the keeping time), not on every pass.
        world.clock.advance(KEEP.dividedBy(10).minusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(world.db.controllerUpdates()).as("pruned a tenth of the keeping time after the last pruning, not before")
                .hasSize(1);
        world.clock.advance(Duration.ofSeconds(1));
        try (CapturedLog log = CapturedLog.of(ControllerUpdateDispatcher.class)) {
            dispatcher.dispatchDue();
            assertThat(log.at(Level.DEBUG)).containsExactly("pruned 1 finished controller updates");
        }
        assertThat(world.db.controllerUpdates()).isEmpty();
    }

    @Test
    void lists_pending_updates_and_the_backlog_for_the_operator() {
        UUID vps = UUID.randomUUID();
        owe(vps, "tx-1", "first");
        world.clock.advance(Duration.ofSeconds(3));
        owe(vps, "tx-2", "second");
        PendingControllerUpdates pending = new PendingControllerUpdates(world.db);

        assertThat(pending.list(10)).extracting(ControllerUpdate::transactionId).containsExactly("tx-1", "tx-2");
        assertThat(pending.backlog().pending()).isEqualTo(2);
        assertThat(pending.backlog().oldestCreatedAt()).contains(World.T0);
    }

    @Test
    void an_update_whose_lease_ran_out_while_it_was_sent_is_left_to_the_replica_that_took_it_over_and_sent_again() {
        UUID vps = UUID.randomUUID();
        ControllerUpdate update = owe(vps, "tx-1", "first");
        controller.onReceive = () -> {
            // The controller took its time: the lease ran out and another replica claimed the update.
            controller.onReceive = () -> { };
            world.clock.advance(LEASE.plusSeconds(1));
            Instant now = world.clock.instant();
            world.db.inTransaction(repositories -> repositories.controllerUpdates().claim(update.id(), "node-b", now, now.plus(LEASE)));
        };

        try (CapturedLog log = CapturedLog.of(ControllerUpdateDispatcher.class)) {
            dispatcher.dispatchDue();
            assertThat(log.at(Level.WARNING)).containsExactly("the outcome of update " + update.id()
                    + " was not recorded: its lease was lost, the update is sent again");
        }

        assertThat(stored(update).status()).isEqualTo(ControllerUpdate.Status.PENDING);
        world.clock.advance(LEASE.plusSeconds(1));
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(controller.received).hasSize(2);
    }

    @Test
    void an_update_another_replica_claims_first_is_not_sent_by_this_one() {
        ControllerUpdate update = owe(UUID.randomUUID(), "tx-1", "first");
        Transactions racing = new Transactions() {
            private boolean raced;

            @Override
            public <T> T inTransaction(Work<T> work) {
                T result = world.db.inTransaction(work);
                // The first transaction of a pass looks for the due updates; node-b claims this one right after.
                if (!raced) {
                    raced = true;
                    world.db.inTransaction(repositories -> repositories.controllerUpdates()
                            .claim(update.id(), "node-b", World.T0, World.T0.plus(LEASE)));
                }
                return result;
            }

            @Override
            public void ping() {
                world.db.ping();
            }
        };
        ControllerUpdateDispatcher losing = new ControllerUpdateDispatcher(racing, controller, world.clock,
                new DispatchSettings(Duration.ofSeconds(1), BACKOFF, LEASE, 10, 2, KEEP, "node-a"), logContext);

        assertThat(losing.dispatchDue()).isZero();
        assertThat(controller.received).isEmpty();
        assertThat(stored(update).attempts()).isZero();
    }

    @Test
    void an_update_the_controller_accepted_but_the_database_did_not_record_is_sent_again_once_its_lease_ran_out() {
        dispatcher.dispatchDue();
        UUID vps = UUID.randomUUID();
        ControllerUpdate update = owe(vps, "tx-1", "first");
        controller.onReceive = () -> {
            controller.onReceive = () -> { };
            world.db.setDown(true);
        };

        try (CapturedLog log = CapturedLog.of(ControllerUpdateDispatcher.class)) {
            assertThat(dispatcher.dispatchDue()).as("not known to be delivered").isZero();
            assertThat(log.lines()).singleElement().satisfies(line -> {
                assertThat(line.level()).isEqualTo(Level.ERROR);
                assertThat(line.message()).isEqualTo("sending a controller update failed");
                assertThat(line.thrown()).isInstanceOf(RepositoryUnavailableException.class);
            });
        }
        world.db.setDown(false);

        assertThat(stored(update).status()).isEqualTo(ControllerUpdate.Status.PENDING);
        assertThat(dispatcher.dispatchDue()).as("leased until the lease runs out").isZero();
        world.clock.advance(LEASE.plusSeconds(1));
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(controller.received).hasSize(2).allSatisfy(line -> assertThat(line).endsWith(vps + " tx-1 first"));
        assertThat(stored(update).status()).isEqualTo(ControllerUpdate.Status.DELIVERED);
    }

    @Test
    void a_pass_interrupted_while_waiting_for_the_controller_counts_nothing_delivered_and_keeps_the_interrupt() throws Exception {
        UUID slow = UUID.randomUUID();
        owe(slow, "tx-1", "slow");
        controller.hanging = slow;
        AtomicBoolean interruptKept = new AtomicBoolean();
        ExecutorService pass = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> delivered = pass.submit(() -> {
                int count = dispatcher.dispatchDue();
                interruptKept.set(Thread.currentThread().isInterrupted());
                return count;
            });
            assertThat(controller.hangs.await(30, TimeUnit.SECONDS)).isTrue();

            pass.shutdownNow();

            assertThat(delivered.get()).isZero();
            assertThat(interruptKept).isTrue();
        } finally {
            controller.released.countDown();
            pass.shutdownNow();
        }
    }

    @Test
    void started_it_sends_in_the_background_until_it_is_stopped() throws Exception {
        assertThat(dispatcher.lastPassAt()).as("before the first look").isNull();
        dispatcher.stop();
        UUID vps = UUID.randomUUID();
        ControllerUpdate update = owe(vps, "tx-1", "first");

        dispatcher.start();
        try {
            await("the update sent in the background").atMost(Duration.ofSeconds(30))
                    .until(() -> stored(update).status() == ControllerUpdate.Status.DELIVERED);
            await("the pass recorded").atMost(Duration.ofSeconds(30)).until(() -> dispatcher.lastPassAt() != null);
        } finally {
            dispatcher.stop();
        }

        assertThat(dispatcher.lastPassAt()).isEqualTo(World.T0);
        assertThat(controller.received).containsExactly("https://controller.example/ " + vps + " tx-1 first");
        dispatcher.stop();
    }

    @Test
    void started_again_after_a_stop_it_sends_what_was_owed_meanwhile() throws Exception {
        dispatcher.start();
        dispatcher.stop();
        UUID vps = UUID.randomUUID();
        ControllerUpdate update = owe(vps, "tx-2", "owed while stopped");

        dispatcher.start();
        try {
            await("the update sent after the restart").atMost(Duration.ofSeconds(30))
                    .until(() -> stored(update).status() == ControllerUpdate.Status.DELIVERED);
        } finally {
            dispatcher.stop();
        }

        assertThat(controller.received).containsExactly("https://controller.example/ " + vps + " tx-2 owed while stopped");
    }

    @Test
    void a_stop_that_waited_a_lease_long_for_a_hanging_send_interrupts_it() throws Exception {
        UUID slow = UUID.randomUUID();
        owe(slow, "tx-1", "slow");
        controller.hanging = slow;
        ControllerUpdateDispatcher impatient = new ControllerUpdateDispatcher(world.db, controller, world.clock,
                new DispatchSettings(Duration.ofSeconds(1), BACKOFF, Duration.ofMillis(200), 10, 2, KEEP, "node-a"), logContext);
        impatient.start();
        try {
            assertThat(controller.hangs.await(30, TimeUnit.SECONDS)).isTrue();

            impatient.stop();

            await("the hanging send interrupted").atMost(Duration.ofSeconds(30)).until(() -> controller.interruptedWhileHanging);
        } finally {
            controller.released.countDown();
        }
    }

    @Test
    void a_background_pass_that_fails_is_logged_and_the_next_one_goes_on() throws Exception {
        ControllerUpdate update = owe(UUID.randomUUID(), "tx-1", "first");
        Transactions failing = new TwoFailingTransactions(world.db);
        ControllerUpdateDispatcher background = new ControllerUpdateDispatcher(failing, controller, world.clock,
                new DispatchSettings(Duration.ofMillis(10), BACKOFF, LEASE, 10, 2, KEEP, "node-a"), logContext);

        try (CapturedLog log = CapturedLog.of(ControllerUpdateDispatcher.class)) {
            background.start();
            try {
                await("the update sent by a later pass").atMost(Duration.ofSeconds(30))
                        .until(() -> stored(update).status() == ControllerUpdate.Status.DELIVERED);
            } finally {
                background.stop();
            }
            assertThat(log.at(Level.WARNING)).startsWith("controller updates are left for later: the database is not answering");
            assertThat(log.lines()).filteredOn(line -> line.level() == Level.ERROR).singleElement().satisfies(line -> {
                assertThat(line.message()).isEqualTo("sending controller updates failed");
                assertThat(line.thrown()).hasMessage("a bug");
            });
        }
    }
}
