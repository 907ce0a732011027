package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.DRIVER_NODE;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.in.ConfigureVpsCommand;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.testing.CapturedLog;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Operation;

/** The lines an operator follows in the log: what became of each attempt, named by operation, kind and VPS. */
class OperationRunnerLogTest {
    private static final System.Logger.Level DEBUG = System.Logger.Level.DEBUG;
    private static final System.Logger.Level INFO = System.Logger.Level.INFO;
    private static final System.Logger.Level WARNING = System.Logger.Level.WARNING;
    private static final System.Logger.Level ERROR = System.Logger.Level.ERROR;

    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();
    private final CapturedLog log = CapturedLog.of(OperationRunner.class);

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    private Operation acceptVm() {
        return world.acceptVm(instanceId, vpsId);
    }

    private Operation drive(Operation operation) {
        assertThat(world.claim(operation.id(), DRIVER_NODE)).isTrue();
        return world.runner.attempt(operation.id(), DRIVER_NODE);
    }

    private String named(Operation operation) {
        return "operation " + operation.id() + " (" + operation.kind() + " of VPS " + vpsId + ")";
    }

    @Test
    void a_success_is_said_at_info_naming_the_operation_its_kind_and_its_vps() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        Operation done = world.latestOperation(vpsId);

        assertThat(log.saidAt(INFO)).containsExactly("INFO " + named(done) + " succeeded");
    }

    @Test
    void each_attempt_and_what_the_operation_waits_for_are_debug_lines() {
        Operation accepted = acceptVm();

        drive(accepted);

        assertThat(log.saidAt(DEBUG)).containsExactly(
                "DEBUG attempt at " + named(accepted),
                "DEBUG " + named(accepted) + ": Waiting for the guest operating system to boot");
        assertThat(log.saidAt(INFO)).as("nothing ended").isEmpty();
    }

    @Test
    void a_failure_that_ends_the_operation_is_a_warning_with_its_error() {
        world.hypervisor.failNext(Call.START, 1, false);
        Operation accepted = acceptVm();

        drive(accepted);

        assertThat(log.saidAt(WARNING)).containsExactly("WARNING " + named(accepted) + " failed: START refused: no such image");
        assertThat(log.saidAt(INFO)).isEmpty();
    }

    @Test
    void a_failure_that_is_retried_says_which_attempt_failed_and_when_the_next_is() {
        world.hypervisor.failNext(Call.CREATE, 1, true);
        Operation accepted = acceptVm();

        drive(accepted);

        assertThat(log.saidAt(INFO)).containsExactly("INFO " + named(accepted) + ": attempt 1 failed, tried again at "
                + World.T0.plusSeconds(10) + ": CREATE failed: the daemon is not answering");
        assertThat(log.saidAt(WARNING)).isEmpty();
    }

    @Test
    void an_attempt_overtaken_before_it_recorded_its_failure_says_nothing_of_a_failure_or_a_retry() {
        Operation accepted = acceptVm();
        world.hypervisor.afterNext(Call.CREATE, created -> {
            world.clock.advance(World.LEASE.plusSeconds(1));
            assertThat(world.claim(accepted.id(), "driver-b")).isTrue();
            throw BackendException.transientFailure("CREATE failed: the daemon is not answering", null);
        });

        drive(accepted);

        assertThat(log.saidAt(INFO)).as("the attempt that holds the operation now tells its story").isEmpty();
        assertThat(log.saidAt(WARNING)).isEmpty();
    }

    @Test
    void an_attempt_overtaken_by_one_that_finished_the_operation_does_not_say_it_succeeded_again() {
        world.hypervisor.setGuestsBootAtOnce(true);
        Operation accepted = acceptVm();
        // While the first attempt makes its last look, its lease runs out and another driver finishes the build.
        world.hypervisor.afterNext(Call.INSPECT, id -> { });
        world.hypervisor.afterNext(Call.INSPECT, id -> {
            world.clock.advance(World.LEASE.plusSeconds(1));
            assertThat(world.claim(accepted.id(), "driver-b")).isTrue();
            assertThat(world.runner.attempt(accepted.id(), "driver-b").status()).isEqualTo(OperationStatus.SUCCEEDED);
        });

        drive(accepted);

        assertThat(log.saidAt(INFO)).containsExactly("INFO " + named(accepted) + " succeeded");
    }

    @Test
    void a_rollback_that_fails_is_a_warning_that_reconcile_removes_the_server_later() {
        world.hypervisor.failNext(Call.START, 1, false).failNext(Call.DESTROY, 1, true);
        Operation accepted = acceptVm();

        drive(accepted);

        assertThat(log.saidAt(WARNING)).contains("WARNING rollback of VPS " + vpsId + " failed; reconcile removes it later");
    }

    @Test
    void an_unexpected_exception_is_an_error_naming_the_operation() {
        world.hypervisor.afterNext(Call.CREATE, id -> {
            throw new IllegalStateException("bug in an adapter");
        });
        Operation accepted = acceptVm();

        drive(accepted);

        assertThat(log.saidAt(ERROR)).containsExactly("ERROR operation " + accepted.id() + " failed unexpectedly");
    }

    @Test
    void an_attempt_overtaken_by_another_driver_says_it_stopped() {
        Operation accepted = acceptVm();
        world.hypervisor.afterNext(Call.CREATE, created -> {
            world.clock.advance(World.LEASE.plusSeconds(1));
            assertThat(world.claim(accepted.id(), "driver-b")).isTrue();
        });

        drive(accepted);

        assertThat(log.saidAt(WARNING)).containsExactly("WARNING attempt at operation " + accepted.id()
                + " stopped: it no longer holds the operation's lease");
    }

    @Test
    void an_attempt_whose_outcome_cannot_be_written_says_it_is_left_for_later() {
        Operation accepted = acceptVm();
        world.hypervisor.setGuestsBootAtOnce(true);
        // Each refused transaction takes this long on the test clock: patience runs out after two.
        world.db.onRefusal(() -> world.clock.advance(Duration.ofSeconds(5)));
        world.hypervisor.afterNext(Call.START, started -> world.db.setDown(true));

        assertThatThrownBy(() -> drive(accepted)).isInstanceOf(RepositoryUnavailableException.class);

        assertThat(log.saidAt(WARNING)).containsExactly("WARNING attempt at operation " + accepted.id()
                + " is left for later: the database is unavailable: connection refused");
    }

    @Test
    void an_attempt_that_cannot_read_its_operation_says_it_is_left_for_later() {
        Operation accepted = acceptVm();
        assertThat(world.claim(accepted.id(), DRIVER_NODE)).isTrue();
        world.db.setDown(true);

        assertThatThrownBy(() -> world.runner.attempt(accepted.id(), DRIVER_NODE))
                .isInstanceOf(RepositoryUnavailableException.class);

        assertThat(log.saidAt(WARNING)).containsExactly("WARNING attempt at operation " + accepted.id()
                + " is left for later: the database is unavailable: connection refused");
        assertThat(world.hypervisor.invocations()).isEmpty();
    }

    @Test
    void a_failure_that_escapes_the_attempt_is_an_error_before_it_is_thrown_on() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        // The configure's reconfigure fails unexpectedly, and so does the look at the server that
        // would tell the VPS's power state for its failure.
        world.containers.afterNext(Call.INSPECT, id -> { });
        world.containers.afterNext(Call.RECONFIGURE, id -> {
            throw new IllegalStateException("bug in an adapter");
        });
        world.containers.afterNext(Call.INSPECT, id -> {
            throw new IllegalStateException("another bug");
        });

        assertThatThrownBy(() -> world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC,
                World.containerSpec(4, 40, 4)))).isInstanceOf(IllegalStateException.class).hasMessage("another bug");

        Operation configure = world.latestOperation(vpsId);
        assertThat(log.saidAt(ERROR)).containsExactly(
                "ERROR operation " + configure.id() + " failed unexpectedly",
                "ERROR attempt at operation " + configure.id() + " failed");
        assertThat(world.db.stored(configure.id()).orElseThrow().leaseOwner())
                .as("left leased: the lease runs out and the configure is attempted again").isEqualTo(World.REQUEST_NODE);
    }
}
