package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.application.testing.World.DRIVER_NODE;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.OperationObserver;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.ReadCommittedView;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;

class LeaseFencingTest {
    private final World world = new World();
    private final UUID vpsId = UUID.randomUUID();
    private final List<String> statements = new ArrayList<>();
    private final OperationRunner observedRunner = OperationRunner.create(new ReadCommittedView(world.db, statements::add),
            world.hosts, world.clock, world.settings, World.LEASE, world.controllerUpdates, LogContext.NONE,
            OperationObserver.NONE);

    @Test
    void a_guest_check_looks_at_the_server_without_reading_the_lease_before_each_look() {
        UUID operationId = vmBooting();
        long looksBefore = world.hypervisor.calls(Call.INSPECT);

        Operation checked = observedRunner.attempt(operationId, DRIVER_NODE);

        assertThat(checked.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(world.hypervisor.calls(Call.INSPECT) - looksBefore).as("a look before and after the calls that change nothing").isEqualTo(2);
        // Read with the operation as the attempt resumes it and as it records what it saw; never before a
        // look, which changes nothing on the server.
        assertThat(statements).as(String.join(", ", statements)).filteredOn("OperationRepository.leaseOf"::equals).isEmpty();
        assertThat(statements).as(String.join(", ", statements)).filteredOn("OperationRepository.findLeased"::equals).hasSize(2);
        // An operation begun already is not written to begin again: one write, with its outcome.
        assertThat(statements).as(String.join(", ", statements)).filteredOn(statement -> statement.contains(".update"))
                .containsExactly("OperationRepository.updateReleasing");
    }

    @Test
    void a_lease_taken_over_between_the_looks_lets_the_attempt_look_but_record_nothing() {
        UUID operationId = vmBooting();
        String infoBefore = world.db.operation(operationId).orElseThrow().info();
        world.hypervisor.afterNext(Call.INSPECT, looked -> {
            world.clock.advance(World.LEASE.plusSeconds(1));
            assertThat(world.claim(operationId, "driver-b")).isTrue();
        });

        observedRunner.attempt(operationId, DRIVER_NODE);

        assertThat(world.db.stored(operationId).orElseThrow().leaseOwner()).isEqualTo("driver-b");
        assertThat(world.db.operation(operationId).orElseThrow().info()).isEqualTo(infoBefore);
        assertThat(world.hypervisor.calls(Call.START)).as("started once, by the first attempt").isEqualTo(1);
    }

    /** A VM created and started, its guest still booting, its next guest check due and claimed by this driver. */
    private UUID vmBooting() {
        UUID instanceId = world.installInstance();
        world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
        world.driveDue();
        world.clock.advance(World.GUEST_CHECK);
        UUID operationId = world.latestOperation(vpsId).id();
        assertThat(world.claim(operationId, DRIVER_NODE)).isTrue();
        return operationId;
    }
}
