package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.application.testing.World.DRIVER_NODE;
import static org.vpsconnector.application.testing.World.LEASE;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;

/**
 * An attempt whose operation is no longer its own (cancelled, taken over, or its lease ran out)
 * records nothing, undoes nothing on the backend, and answers with the operation as stored.
 */
class LostWorkTest {
    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    private Operation acceptVm() {
        return world.acceptVm(instanceId, vpsId);
    }

    private Operation claimAndAttempt(Operation operation) {
        assertThat(world.claim(operation.id(), DRIVER_NODE)).isTrue();
        return world.runner.attempt(operation.id(), DRIVER_NODE);
    }

    /** While the backend call is under way, the lease runs out and another driver takes the operation over. */
    private void takenOverDuringTheCall(Operation operation) {
        world.clock.advance(LEASE.plusSeconds(1));
        assertThat(world.claim(operation.id(), "driver-b")).isTrue();
    }

    @Test
    void a_build_cancelled_after_the_driver_claimed_it_is_not_started() {
        Operation build = acceptVm();
        assertThat(world.claim(build.id(), DRIVER_NODE)).isTrue();
        world.requests.unprovision(command(instanceId, vpsId, SYNC));

        Operation seen = world.runner.attempt(build.id(), DRIVER_NODE);

        assertThat(seen.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(world.hypervisor.invocations()).isEmpty();
        assertThat(world.db.stored(build.id()).orElseThrow().leaseOwner()).as("the lease is given up").isNull();
    }

    @Test
    void a_permanent_failure_of_a_build_taken_over_meanwhile_is_neither_recorded_nor_rolled_back() {
        Operation accepted = acceptVm();
        world.hypervisor.afterNext(Call.CREATE, created -> {
            takenOverDuringTheCall(accepted);
            throw BackendException.permanentFailure("CREATE refused: no room", null);
        });

        Operation seen = claimAndAttempt(accepted);

        assertThat(seen).isEqualTo(world.db.operation(accepted.id()).orElseThrow());
        assertThat(seen.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(seen.lastError()).isNull();
        assertThat(world.hypervisor.calls(Call.DESTROY)).as("the new holder's server is left alone").isZero();
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
        assertThat(world.db.stored(accepted.id()).orElseThrow().leaseOwner()).isEqualTo("driver-b");
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.PROVISIONING);
    }

    @Test
    void a_transient_failure_of_a_build_taken_over_meanwhile_costs_it_no_attempt() {
        Operation accepted = acceptVm();
        world.hypervisor.afterNext(Call.CREATE, created -> {
            takenOverDuringTheCall(accepted);
            throw BackendException.transientFailure("CREATE failed: the daemon is not answering", null);
        });

        Operation seen = claimAndAttempt(accepted);

        assertThat(seen).isEqualTo(world.db.operation(accepted.id()).orElseThrow());
        assertThat(seen.attempts()).isZero();
        assertThat(seen.lastError()).isNull();
        assertThat(world.db.stored(accepted.id()).orElseThrow().leaseOwner()).isEqualTo("driver-b");
    }

    @Test
    void a_build_whose_lease_ran_out_before_its_outcome_was_written_is_left_to_the_next_attempt() {
        world.hypervisor.setGuestsBootAtOnce(true);
        Operation accepted = acceptVm();
        // The look that finds the guest booted is the attempt's last call; the lease runs out as it ends.
        world.hypervisor.afterNext(Call.INSPECT, id -> { });
        world.hypervisor.afterNext(Call.INSPECT, id -> world.clock.advance(LEASE.plusSeconds(1)));

        Operation seen = claimAndAttempt(accepted);

        assertThat(seen.status()).as("the outcome is not written").isEqualTo(OperationStatus.RUNNING);
        assertThat(world.db.operation(accepted.id()).orElseThrow()).isEqualTo(seen);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.PROVISIONING);
        assertThat(world.db.stored(accepted.id()).orElseThrow().leaseOwner()).as("given up at once").isNull();

        assertThat(world.driveDue()).isEqualTo(1);

        assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.hypervisor.serversCreated()).as("the next attempt adopted the server").isEqualTo(1);
        world.assertEveryStatusChangeIsLogged();
    }
}
