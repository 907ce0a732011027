package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.REQUEST_NODE;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.Placement;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.port.in.VpsAnswer.Outcome;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.OperationObserver;
import org.vpsconnector.application.service.VpsRequests;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.ControllableBackend.Hang;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;

/** Attempts made within the controller's request: retried while the budget allows, handed to the driver otherwise. */
class RunWithinTest {
    private static final Duration LONG_BUDGET = Duration.ofMinutes(1);

    private final World world = new World(World.settings(true, World.BACKOFF, LONG_BUDGET, World.BUILD_TIMEOUT));
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    /** Requests whose runner tells {@code afterFirstAttempt} of the first attempt it made. */
    private VpsRequests requests(int maxInRequestAttempts, Consumer<Operation> afterFirstAttempt) {
        AtomicReference<Consumer<Operation>> once = new AtomicReference<>(afterFirstAttempt);
        OperationRunner runner = OperationRunner.create(world.db, world.hosts, world.clock, world.settings, World.LEASE,
                maxInRequestAttempts, world.controllerUpdates, LogContext.NONE, new OperationObserver() {
                    @Override
                    public void attempted(String technology, String host, Operation operation, Duration took) {
                        Consumer<Operation> hook = once.getAndSet(null);
                        if (hook != null) {
                            hook.accept(operation);
                        }
                    }

                    @Override
                    public void finished(String technology, String host, Operation finished) {
                    }
                });
        return new VpsRequests(world.db, runner, new Placement(world.hosts, false), world.clock, world.settings, REQUEST_NODE);
    }

    @Test
    void a_retry_whose_time_has_come_when_the_attempt_ends_is_made_at_once() {
        world.containers.failNext(Call.CREATE, 1, true);
        // The failed attempt took longer than the backoff it asks for.
        VpsRequests requests = requests(64, attempted -> world.clock.advance(World.BACKOFF.initialDelay().plusSeconds(1)));

        VpsAnswer answer = requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));

        assertThat(answer.outcome()).isEqualTo(Outcome.DONE);
        assertThat(world.containers.calls(Call.CREATE)).isEqualTo(2);
        assertThat(world.latestOperation(vpsId).attempts()).isEqualTo(1);
    }

    @Test
    void a_request_whose_operation_another_attempt_took_over_between_retries_leaves_it_to_that_attempt() {
        world.containers.failNext(Call.CREATE, 1, true);
        // Another attempt of this node claims the operation before the request's retry is due.
        VpsRequests requests = requests(64, attempted -> {
            world.clock.advance(World.BACKOFF.initialDelay().plusSeconds(1));
            assertThat(world.claim(attempted.id(), REQUEST_NODE)).isTrue();
        });

        VpsAnswer answer = requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));

        assertThat(answer.outcome()).isEqualTo(Outcome.ACCEPTED);
        Operation recorded = world.latestOperation(vpsId);
        assertThat(answer.info()).as("answered with what the failed attempt recorded").contains("retrying after");
        assertThat(recorded.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(recorded.attempts()).isEqualTo(1);
        assertThat(world.containers.calls(Call.CREATE)).as("the request did not retry").isEqualTo(1);
        assertThat(world.db.stored(recorded.id()).orElseThrow().leaseOwner()).isEqualTo(REQUEST_NODE);
    }

    @Test
    void a_request_refused_a_thread_hands_its_operation_to_the_driver_at_once() {
        World busy = new World(World.settings(true, World.BACKOFF, Duration.ZERO, World.BUILD_TIMEOUT));
        UUID instance = busy.installInstance();
        OperationRunner runner = OperationRunner.create(busy.db, busy.hosts, busy.clock, busy.settings, World.LEASE, 1,
                busy.controllerUpdates, LogContext.NONE);
        VpsRequests requests = new VpsRequests(busy.db, runner, new Placement(busy.hosts, false), busy.clock,
                busy.settings, REQUEST_NODE);
        UUID hung = UUID.randomUUID();
        Hang hang = busy.containers.hang(Call.CREATE);
        try {
            assertThat(requests.provision(provision(instance, hung, SYNC, CONTAINER_SPEC)).outcome()).isEqualTo(Outcome.ACCEPTED);
            await("the first build to hang in create").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> hang.blocked() == 1);
            busy.containers.stopHanging(Call.CREATE);

            VpsAnswer refused = requests.provision(provision(instance, vpsId, SYNC, CONTAINER_SPEC));

            assertThat(refused.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(busy.containers.calls(Call.CREATE, vpsId)).as("not started within the request").isZero();
            assertThat(busy.db.stored(busy.latestOperation(vpsId).id()).orElseThrow().leaseOwner()).isNull();
            assertThat(busy.driveDue()).as("the driver takes it without waiting for a lease to run out").isEqualTo(1);
            assertThat(busy.latestOperation(vpsId).status()).isEqualTo(OperationStatus.SUCCEEDED);
        } finally {
            hang.release();
        }
        await("the hung build to finish").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> busy.latestOperation(hung).isFinished());
    }
}
