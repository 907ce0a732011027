package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.DRIVER_NODE;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.in.VpsAnswer.Outcome;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.PowerState;

/** The database fails while the outcome of a backend call is written: the server is kept, the write retried. */
class RecordingFailureTest {
    // Each refused transaction takes this long on the test clock, like a connect time-out.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    private Operation acceptVmThatBootsAtOnce() {
        world.hypervisor.setGuestsBootAtOnce(true);
        world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
        Operation accepted = world.latestOperation(vpsId);
        assertThat(world.claim(accepted.id(), DRIVER_NODE)).isTrue();
        return accepted;
    }

    @Test
    void a_single_refused_write_after_a_build_neither_destroys_the_server_nor_fails_the_operation() {
        Operation accepted = acceptVmThatBootsAtOnce();
        world.hypervisor.afterNext(Call.START, started -> world.db.refuseNext(1));

        Operation recorded = world.runner.attempt(accepted.id(), DRIVER_NODE);

        assertThat(recorded.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.hypervisor.calls(Call.DESTROY)).isZero();
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
    }

    @Test
    void a_build_whose_outcome_is_refused_a_few_times_is_recorded_when_the_database_answers_again() {
        Operation accepted = acceptVmThatBootsAtOnce();
        world.hypervisor.afterNext(Call.START, started -> world.db.refuseNext(3));

        Operation recorded = world.runner.attempt(accepted.id(), DRIVER_NODE);

        assertThat(recorded.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.db.operation(accepted.id()).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
        assertThat(world.hypervisor.calls(Call.DESTROY)).isZero();
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void a_build_whose_outcome_cannot_be_written_is_kept_and_finished_by_the_next_attempt() {
        Operation accepted = acceptVmThatBootsAtOnce();
        world.db.onRefusal(() -> world.clock.advance(CONNECT_TIMEOUT));
        world.hypervisor.afterNext(Call.START, started -> world.db.setDown(true));

        assertThatThrownBy(() -> world.runner.attempt(accepted.id(), DRIVER_NODE))
                .isInstanceOf(RepositoryUnavailableException.class);

        assertThat(world.hypervisor.calls(Call.DESTROY)).as("the built server is not rolled back").isZero();
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
        world.db.setDown(false);
        Operation stored = world.db.operation(accepted.id()).orElseThrow();
        assertThat(stored.status()).as("not failed for good").isEqualTo(OperationStatus.RUNNING);
        assertThat(stored.attempts()).isZero();

        world.clock.advance(World.LEASE.plusSeconds(1));
        assertThat(world.driveDue()).as("taken again once its lease ran out").isEqualTo(1);

        assertThat(world.db.operation(accepted.id()).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.RUNNING);
        assertThat(world.hypervisor.serversCreated()).as("the next attempt adopted the server").isEqualTo(1);
        assertThat(world.hypervisor.calls(Call.DESTROY)).isZero();
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void a_container_built_in_its_request_survives_a_database_that_goes_away_before_the_answer() {
        world.db.onRefusal(() -> world.clock.advance(CONNECT_TIMEOUT));
        world.containers.afterNext(Call.START, started -> world.db.setDown(true));

        assertThatThrownBy(() -> world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC)))
                .as("the controller is told to come back later").isInstanceOf(RepositoryUnavailableException.class);

        assertThat(world.containers.serverIds()).containsExactly(vpsId);
        world.db.setDown(false);
        world.clock.advance(World.LEASE.plusSeconds(1));
        assertThat(world.driveDue()).isEqualTo(1);

        assertThat(world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC)).outcome())
                .as("the controller's repeat is answered as done").isEqualTo(Outcome.DONE);
        assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.containers.serversCreated()).isEqualTo(1);
        assertThat(world.containers.calls(Call.DESTROY)).isZero();
    }

    @Test
    void a_failure_that_cannot_be_written_rolls_nothing_back() {
        Operation accepted = acceptVmThatBootsAtOnce();
        world.db.onRefusal(() -> world.clock.advance(CONNECT_TIMEOUT));
        world.hypervisor.failNext(Call.START, 1, false);
        world.hypervisor.afterNext(Call.CREATE, created -> world.db.setDown(true));

        assertThatThrownBy(() -> world.runner.attempt(accepted.id(), DRIVER_NODE))
                .isInstanceOf(RepositoryUnavailableException.class);

        assertThat(world.hypervisor.calls(Call.DESTROY)).isZero();
        world.db.setDown(false);
        assertThat(world.db.operation(accepted.id()).orElseThrow().status()).isEqualTo(OperationStatus.RUNNING);
    }
}
