package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.GUEST_CHECK;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.ASYNC;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.port.in.OperationHistory;
import org.vpsconnector.application.port.in.OperationQuery;
import org.vpsconnector.application.port.in.VpsAnswer.Outcome;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.PowerState;

class OperationAdministrationTest {
    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    /** A VM provision that failed for good: its guest never booted. */
    private Operation timedOutBuild() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
        world.driveDue();
        world.clock.advance(World.BUILD_TIMEOUT.plusSeconds(1));
        world.driveDue();
        Operation failed = world.latestOperation(vpsId);
        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(world.hypervisor.serverIds()).isEmpty();
        return failed;
    }

    @Test
    void list_recent_gives_the_newest_operations_first_up_to_the_limit() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        world.requests.provision(provision(instanceId, first, SYNC, CONTAINER_SPEC));
        world.clock.advance(Duration.ofSeconds(1));
        world.requests.provision(provision(instanceId, second, SYNC, CONTAINER_SPEC));
        world.clock.advance(Duration.ofSeconds(1));
        world.requests.stop(command(instanceId, first, SYNC));

        assertThat(world.administration.listRecent(10))
                .extracting(operation -> operation.vpsId() + "/" + operation.kind())
                .containsExactly(first + "/STOP", second + "/PROVISION", first + "/PROVISION");
        assertThat(world.administration.listRecent(2)).hasSize(2);
    }

    @Test
    void list_keeps_the_operations_of_a_status_kind_and_instance_newest_first() {
        UUID otherInstance = world.installInstance();
        UUID other = UUID.randomUUID();
        world.containers.failNext(Call.CREATE, 1, false);
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.clock.advance(Duration.ofSeconds(1));
        world.requests.provision(provision(otherInstance, other, SYNC, CONTAINER_SPEC));
        world.clock.advance(Duration.ofSeconds(1));
        world.requests.stop(command(otherInstance, other, SYNC));

        assertThat(world.administration.list(new OperationQuery(OperationStatus.FAILED, null, null, null, 10)))
                .extracting(Operation::vpsId).containsExactly(vpsId);
        assertThat(world.administration.list(new OperationQuery(null, OperationKind.PROVISION, null, null, 10)))
                .extracting(Operation::vpsId).containsExactly(other, vpsId);
        assertThat(world.administration.list(new OperationQuery(null, null, otherInstance, null, 10)))
                .extracting(Operation::kind).containsExactly(OperationKind.STOP, OperationKind.PROVISION);
        assertThat(world.administration.list(new OperationQuery(OperationStatus.SUCCEEDED, OperationKind.STOP, otherInstance,
                null, 10))).hasSize(1);
        assertThat(world.administration.list(new OperationQuery(OperationStatus.RUNNING, null, null, null, 10))).isEmpty();
    }

    @Test
    void a_query_with_a_limit_out_of_range_or_a_blank_host_is_refused() {
        assertThatThrownBy(() -> new OperationQuery(null, null, null, null, 0)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new OperationQuery(null, null, null, null, OperationQuery.MAX_LIMIT + 1))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> new OperationQuery(null, null, null, " ", 5)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void show_gives_the_operation_its_vps_and_host_and_every_transition_in_order() {
        Operation failed = timedOutBuild();

        OperationHistory history = world.administration.show(failed.id());

        assertThat(history.operation()).isEqualTo(failed);
        assertThat(history.vps()).isEqualTo(world.storedVps(vpsId));
        assertThat(history.host()).isEqualTo(Fleet.HYPERVISOR_HOST);
        assertThat(history.transitions()).extracting(transition -> transition.from() + "->" + transition.to())
                .containsExactly("null->ACCEPTED", "ACCEPTED->RUNNING", "RUNNING->FAILED");
        assertThat(history.transitions().get(0).info()).contains("placed on hypervisor host hypervisor");
        assertThatThrownBy(() -> world.administration.show(UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no operation");
    }

    @Test
    void retry_accepts_a_failed_operation_again_and_the_driver_completes_it() {
        Operation failed = timedOutBuild();
        world.clock.advance(Duration.ofHours(1));

        Operation retried = world.administration.retry(failed.id());

        assertThat(retried.id()).isEqualTo(failed.id());
        assertThat(retried.status()).isEqualTo(OperationStatus.ACCEPTED);
        assertThat(retried.attempts()).isZero();
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.PROVISIONING);
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.CREATING);
        assertThat(world.requests.provision(provision(instanceId, vpsId, ASYNC, VM_SPEC)).outcome())
                .as("the controller's poll sees the work under way again").isEqualTo(Outcome.ACCEPTED);

        world.driveDue();
        assertThat(world.latestOperation(vpsId).status())
                .as("a retried build gets the whole build timeout again").isEqualTo(OperationStatus.RUNNING);
        world.hypervisor.bootGuest(vpsId);
        world.clock.advance(GUEST_CHECK);
        world.driveDue();

        assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
        assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
        assertThat(world.db.transitions()).filteredOn(transition -> transition.operationId().equals(failed.id()))
                .extracting(transition -> transition.from() + "->" + transition.to())
                .contains("FAILED->ACCEPTED");
        world.assertEveryStatusChangeIsLogged();
    }

    @Test
    void retry_of_a_failed_stop_runs_it_again() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.containers.failNext(Call.STOP, 1, false);
        assertThat(world.requests.stop(command(instanceId, vpsId, SYNC)).outcome()).isEqualTo(Outcome.FAILED);
        Operation failed = world.latestOperation(vpsId);
        assertThat(failed.kind()).isEqualTo(OperationKind.STOP);

        world.administration.retry(failed.id());
        world.driveDue();

        assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.STOPPED);
    }

    @Test
    void only_a_failed_operation_can_be_retried() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        Operation succeeded = world.latestOperation(vpsId);

        assertThatThrownBy(() -> world.administration.retry(succeeded.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("SUCCEEDED");
        assertThat(world.latestOperation(vpsId)).isEqualTo(succeeded);
    }

    @Test
    void an_unknown_operation_is_not_found() {
        assertThatThrownBy(() -> world.administration.retry(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_failed_operation_overtaken_by_a_newer_one_cannot_be_retried() {
        world.containers.failNext(Call.CREATE, 1, false);
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        Operation failed = world.latestOperation(vpsId);
        world.clock.advance(Duration.ofSeconds(1));
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));

        assertThatThrownBy(() -> world.administration.retry(failed.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("newer operation");
        assertThat(world.db.operation(failed.id()).orElseThrow().status()).isEqualTo(OperationStatus.FAILED);
    }
}
