package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.in.CancelOperationCommand;
import org.vpsconnector.application.port.in.OperationCancellation;
import org.vpsconnector.application.port.in.OperationQuery;
import org.vpsconnector.application.testing.CapturedLog;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;

/** What a cancel leaves behind when the host of its VPS cannot be cleaned up, and listing operations by host. */
class CancelCleanupTest {
    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    /** A container stop that failed once and waits for its next attempt. */
    private Operation stopWaitingForRetry() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.containers.failNext(Call.STOP, 1, true);
        world.requests.stop(command(instanceId, vpsId, SYNC));
        Operation stop = world.latestOperation(vpsId);
        assertThat(stop.isFinished()).isFalse();
        return stop;
    }

    private void placeOn(UUID id, String host) {
        world.db.inTransaction(repositories -> {
            repositories.vpses().update(repositories.vpses().find(id).orElseThrow().placedOn(host));
            return null;
        });
    }

    @Test
    void a_cancel_is_logged_and_what_it_left_on_a_host_the_configuration_no_longer_names_is_logged_too() {
        Operation stop = stopWaitingForRetry();
        placeOn(vpsId, "engine-z");

        OperationCancellation cancellation;
        try (CapturedLog log = CapturedLog.of(OperationAdministration.class)) {
            cancellation = world.administration.cancel(new CancelOperationCommand(stop.id(), "wrong host"));

            String leftover = "the server of VPS " + vpsId + ", if any: VPS " + vpsId
                    + " lives on container host engine-z, which the configuration does not name";
            assertThat(cancellation.leftover()).isEqualTo(leftover);
            assertThat(log.at(Level.INFO)).containsExactly("operation " + stop.id() + " (STOP of VPS " + vpsId
                    + ") cancelled by an operator: wrong host");
            assertThat(log.at(Level.WARNING)).containsExactly("cancel of operation " + stop.id() + " left " + leftover);
        }
        assertThat(cancellation.cleanup()).isEqualTo("nothing was cleaned up");
        assertThat(cancellation.operation().status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.ERROR);
    }

    @Test
    void a_cancel_whose_cleanup_leaves_nothing_logs_no_warning() {
        Operation stop = stopWaitingForRetry();

        try (CapturedLog log = CapturedLog.of(OperationAdministration.class)) {
            OperationCancellation cancellation = world.administration.cancel(new CancelOperationCommand(stop.id(), null));

            assertThat(cancellation.leftover()).isNull();
            assertThat(log.at(Level.WARNING)).isEmpty();
        }
    }

    @Test
    void a_cancelled_stop_whose_server_cannot_be_looked_at_keeps_the_server_and_its_state_unknown() {
        Operation stop = stopWaitingForRetry();
        world.containers.failNext(Call.INSPECT, 1, true);

        OperationCancellation cancellation = world.administration.cancel(new CancelOperationCommand(stop.id(), null));

        assertThat(cancellation.cleanup()).isEqualTo("the server on container host containers is kept; its state is unknown"
                + " (INSPECT failed: the daemon is not answering)");
        assertThat(cancellation.leftover()).isNull();
        assertThat(cancellation.vps().state()).isEqualTo(PowerState.ERROR);
        assertThat(world.containers.serverIds()).containsExactly(vpsId);
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.ERROR);
    }

    @Test
    void a_cancel_interrupted_while_it_waits_out_another_replicas_lease_stays_recorded_and_keeps_the_interrupt() throws Exception {
        Operation stop = stopWaitingForRetry();
        Instant now = world.clock.instant();
        boolean claimed = world.db.inTransaction(repositories ->
                repositories.operations().claim(stop.id(), "replica-b", now, now.plusSeconds(60)));
        assertThat(claimed).isTrue();
        long inspectsBefore = world.containers.calls(Call.INSPECT, vpsId);
        AtomicBoolean interruptKept = new AtomicBoolean();
        AtomicReference<Thread> canceller = new AtomicReference<>();
        ExecutorService operator = Executors.newSingleThreadExecutor();
        try {
            Future<OperationCancellation> cancelling = operator.submit(() -> {
                canceller.set(Thread.currentThread());
                OperationCancellation cancellation = world.administration.cancel(new CancelOperationCommand(stop.id(), null));
                interruptKept.set(Thread.currentThread().isInterrupted());
                return cancellation;
            });
            await("the cancel waiting").atMost(Duration.ofSeconds(30)).until(() -> canceller.get() != null
                    && canceller.get().getState() == Thread.State.TIMED_WAITING);

            operator.shutdownNow();

            OperationCancellation cancellation = cancelling.get();
            assertThat(cancellation.cleanup()).isEqualTo("nothing was cleaned up");
            assertThat(cancellation.leftover()).isEqualTo("the cleanup stopped: interrupted while waiting for the attempt at"
                    + " operation " + stop.id() + "; reconcile looks at the server later");
            assertThat(interruptKept).isTrue();
            assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.CANCELLED);
            assertThat(world.containers.calls(Call.INSPECT, vpsId)).as("the server was not looked at").isEqualTo(inspectsBefore);
        } finally {
            operator.shutdownNow();
        }
    }

    @Test
    void a_cancel_whose_own_lease_ran_out_while_it_waited_cleans_nothing_up_and_leaves_the_server_to_reconcile()
            throws Exception {
        Operation stop = stopWaitingForRetry();
        Instant now = world.clock.instant();
        // Another replica's attempt holds the lease for one more second, which the cancel waits out.
        boolean claimed = world.db.inTransaction(repositories ->
                repositories.operations().claim(stop.id(), "replica-b", now, now.plusSeconds(1)));
        assertThat(claimed).isTrue();
        long inspectsBefore = world.containers.calls(Call.INSPECT, vpsId);
        AtomicReference<Thread> canceller = new AtomicReference<>();
        ExecutorService operator = Executors.newSingleThreadExecutor();
        try {
            Future<OperationCancellation> cancelling = operator.submit(() -> {
                canceller.set(Thread.currentThread());
                return world.administration.cancel(new CancelOperationCommand(stop.id(), null));
            });
            await("the cancel waiting").atMost(Duration.ofSeconds(30)).until(() -> canceller.get() != null
                    && canceller.get().getState() == Thread.State.TIMED_WAITING);

            world.clock.advance(World.LEASE.plusMinutes(1));

            OperationCancellation cancellation = cancelling.get();
            assertThat(cancellation.cleanup()).isEqualTo("nothing was cleaned up");
            assertThat(cancellation.leftover()).isEqualTo("the server of VPS " + vpsId
                    + ", if any: the cancel's lease ran out first; reconcile looks at it later");
            assertThat(world.containers.calls(Call.INSPECT, vpsId)).isEqualTo(inspectsBefore);
            assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.CANCELLED);
        } finally {
            operator.shutdownNow();
        }
    }

    @Test
    void operations_listed_by_the_first_host_of_a_technology_include_those_of_vpses_stored_before_hosts_were_named() {
        UUID container = UUID.randomUUID();
        UUID vm = UUID.randomUUID();
        world.requests.provision(provision(instanceId, container, SYNC, CONTAINER_SPEC));
        world.requests.provision(provision(instanceId, vm, SYNC, VM_SPEC));
        placeOn(container, null);
        placeOn(vm, null);

        assertThat(world.administration.list(new OperationQuery(null, null, null, "containers", 10)))
                .extracting(Operation::vpsId).containsExactly(container);
        assertThat(world.administration.list(new OperationQuery(null, null, null, "hypervisor", 10)))
                .extracting(Operation::vpsId).containsExactly(vm);
        assertThat(world.administration.list(new OperationQuery(null, null, null, "engine-z", 10))).isEmpty();
        Vps stored = world.storedVps(container);
        assertThat(world.administration.show(world.latestOperation(container).id()).host())
                .as("shown on the first host of its technology").isEqualTo("containers");
        assertThat(stored.host()).isNull();
    }
}
