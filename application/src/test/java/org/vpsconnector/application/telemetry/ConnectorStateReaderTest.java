package org.vpsconnector.application.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.fleet.HostCapacity;
import org.vpsconnector.application.fleet.HostConditions;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.OperationCount;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.telemetry.ConnectorState.HostState;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.InMemoryTransactions;
import org.vpsconnector.application.testing.TestClock;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

class ConnectorStateReaderTest {
    private static final Duration MAX_AGE = Duration.ofSeconds(15);

    private final TestClock clock = new TestClock(World.T0);
    private final InMemoryTransactions db = new InMemoryTransactions();
    private final ControllableBackend engineB = ControllableBackend.containers();
    private final Fleet fleet = new Fleet(List.of(
            new Host("engine-a", Technology.CONTAINER, ControllableBackend.containers(), new HostCapacity(8, 4, 1.5, 2.0)),
            new Host("engine-b", Technology.CONTAINER, engineB, HostCapacity.UNLIMITED),
            new Host("kvm", Technology.VIRTUAL_MACHINE, ControllableBackend.hypervisor(), new HostCapacity(0, 6, 1.0, 1.0))));
    private final HostConditions conditions = new HostConditions(fleet, clock);
    private final ConnectorStateReader reader = new ConnectorStateReader(db, conditions, clock, MAX_AGE);

    private Vps store(boolean vm, int memoryGb, int cpus, String host) {
        VpsSpec spec = new VpsSpec("vps", "", new Hardware(memoryGb, 10, cpus, vm), World.UBUNTU, null, null);
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), spec, Lifecycle.READY, PowerState.RUNNING, World.T0, World.T0,
                null, null, host);
        db.inTransaction(repositories -> {
            repositories.vpses().insert(vps);
            return null;
        });
        return vps;
    }

    private Operation operation(OperationKind kind) {
        Operation accepted = Operation.accept(UUID.randomUUID(), store(false, 1, 1, "engine-a").id(), kind, World.CONTAINER_SPEC, "tx",
                clock.instant());
        db.inTransaction(repositories -> {
            repositories.operations().insert(accepted);
            return null;
        });
        return accepted;
    }

    @Test
    void an_idle_connector_holds_and_owes_nothing_and_every_host_counts_as_up_until_checked() {
        ConnectorState state = reader.read();

        assertThat(state.readAt()).isEqualTo(World.T0);
        assertThat(state.operations()).isEmpty();
        assertThat(state.operationsDue()).isZero();
        assertThat(state.operationsLeased()).isZero();
        assertThat(state.updatesPending()).isZero();
        assertThat(state.connectorDrained()).isFalse();
        assertThat(state.hosts()).extracting(HostState::technology, HostState::name, HostState::up, HostState::drained)
                .containsExactly(
                        tuple("container", "engine-a", true, false),
                        tuple("container", "engine-b", true, false),
                        tuple("hypervisor", "kvm", true, false));
    }

    @Test
    void counts_the_operations_by_kind_and_status_the_drivers_backlog_and_the_updates_owed() {
        Operation due = operation(OperationKind.PROVISION);
        Operation leased = operation(OperationKind.PROVISION);
        Operation done = operation(OperationKind.STOP);
        db.inTransaction(repositories -> {
            repositories.operations().update(done.succeed(clock.instant()));
            repositories.operations().claim(leased.id(), "driver-b", clock.instant(), clock.instant().plusSeconds(60));
            repositories.controllerUpdates().add(ControllerUpdate.of(UUID.randomUUID(), UUID.randomUUID(), "tx-1", "{}", clock.instant()));
            repositories.controllerUpdates().add(ControllerUpdate.of(UUID.randomUUID(), UUID.randomUUID(), "tx-2", "{}", clock.instant()));
            return null;
        });

        ConnectorState state = reader.read();

        assertThat(state.operations()).containsExactlyInAnyOrder(
                new OperationCount(OperationKind.PROVISION, OperationStatus.ACCEPTED, 2),
                new OperationCount(OperationKind.STOP, OperationStatus.SUCCEEDED, 1));
        assertThat(state.operationsDue()).as("the one of %s", due.id()).isEqualTo(1);
        assertThat(state.operationsLeased()).isEqualTo(1);
        assertThat(state.updatesPending()).isEqualTo(2);
    }

    @Test
    void each_host_shows_its_drain_its_last_check_and_what_it_was_sold_against_its_capacity() {
        store(false, 2, 1, "engine-a");
        store(false, 3, 2, null);
        store(false, 4, 4, "engine-b");
        store(true, 5, 3, "kvm");
        db.inTransaction(repositories -> {
            repositories.drains().drain(new Drain("container:engine-b", "new disks", World.T0));
            return null;
        });
        engineB.failNext(Call.PING, 1, true);
        conditions.checkAll();

        ConnectorState state = reader.read();

        assertThat(state.connectorDrained()).isFalse();
        assertThat(state.hosts()).containsExactly(
                new HostState("container", "engine-a", true, false, 2, 5, 3, 8, 4, 12, 8),
                new HostState("container", "engine-b", false, true, 1, 4, 4, 0, 0, 0, 0),
                new HostState("hypervisor", "kvm", true, false, 1, 5, 3, 0, 6, 0, 6));
    }

    @Test
    void a_drained_connector_says_so() {
        db.inTransaction(repositories -> {
            repositories.drains().drain(new Drain(Drain.CONNECTOR, "maintenance", World.T0));
            return null;
        });

        assertThat(reader.read().connectorDrained()).isTrue();
        assertThat(reader.read().hosts()).extracting(HostState::drained).containsOnly(false);
    }

    @Test
    void the_same_reading_is_served_until_it_is_max_age_old() {
        ConnectorState first = reader.read();
        store(false, 1, 1, "engine-a");

        clock.advance(MAX_AGE.minusMillis(1));
        assertThat(reader.read()).isSameAs(first);

        clock.advance(Duration.ofMillis(1));
        ConnectorState second = reader.read();
        assertThat(second.readAt()).isEqualTo(World.T0.plus(MAX_AGE));
        assertThat(second.hosts().get(0).vpses()).isEqualTo(1);
    }

    @Test
    void while_the_database_is_away_reading_fails_and_succeeds_once_it_is_back() {
        db.setDown(true);
        assertThatThrownBy(reader::read).isInstanceOf(RepositoryUnavailableException.class);

        db.setDown(false);
        assertThat(reader.read().readAt()).isEqualTo(World.T0);
    }
}
