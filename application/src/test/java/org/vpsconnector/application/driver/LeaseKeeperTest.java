package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.DRIVER_NODE;
import static org.vpsconnector.application.testing.World.LEASE;
import static org.vpsconnector.application.testing.World.T0;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.ServerBackend;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.UsageReading;

/** Every backend call of an attempt is made only while its lease runs, and a change to the server only while the attempt holds it. */
class LeaseKeeperTest {
    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();
    private final LeaseKeeper keeper = new LeaseKeeper(world.db, world.clock, LEASE);
    private UUID operationId;

    /** A VM whose server runs while its guest boots, its provision claimed by the driver at T0. */
    private Lease claimedBuild() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
        world.hypervisor.create(new ServerSpec(vpsId, instanceId, "db-1", VM_SPEC.hardware(), VM_SPEC.platform()));
        world.hypervisor.start(vpsId);
        operationId = world.latestOperation(vpsId).id();
        assertThat(world.claim(operationId, DRIVER_NODE)).isTrue();
        return world.db.inTransaction(repositories -> repositories.operations().leaseOf(operationId)).orElseThrow();
    }

    private Instant storedLeaseUntil() {
        return world.db.stored(operationId).orElseThrow().leaseUntil();
    }

    /** Another attempt took the operation over while this one's lease had not run out. */
    private void takenOverByAnotherDriver() {
        world.db.inTransaction(repositories -> {
            repositories.operations().release(operationId, DRIVER_NODE);
            return repositories.operations().claim(operationId, "driver-b", world.clock.instant(),
                    world.clock.instant().plus(LEASE));
        });
    }

    @Test
    void a_call_with_half_the_lease_or_more_left_goes_through_without_extending_it() {
        ServerBackend fenced = keeper.fence(world.hypervisor, claimedBuild());
        world.clock.advance(Duration.ofSeconds(10));

        assertThat(fenced.inspect(vpsId)).isPresent();

        assertThat(storedLeaseUntil()).isEqualTo(T0.plus(LEASE));
    }

    @Test
    void a_call_with_less_than_half_the_lease_left_first_extends_it_by_a_whole_lease() {
        ServerBackend fenced = keeper.fence(world.hypervisor, claimedBuild());
        world.clock.advance(Duration.ofSeconds(40));

        fenced.inspect(vpsId);

        assertThat(storedLeaseUntil()).isEqualTo(T0.plusSeconds(40).plus(LEASE));
    }

    @Test
    void an_extended_lease_is_not_extended_again_while_half_of_it_is_left() {
        ServerBackend fenced = keeper.fence(world.hypervisor, claimedBuild());
        world.clock.advance(Duration.ofSeconds(40));
        fenced.inspect(vpsId);
        world.clock.advance(Duration.ofSeconds(20));

        fenced.inspect(vpsId);

        assertThat(storedLeaseUntil()).as("extended once, at the first call").isEqualTo(T0.plusSeconds(40).plus(LEASE));
    }

    @Test
    void a_lease_that_ran_out_is_not_extended_and_the_call_is_not_made() {
        ServerBackend fenced = keeper.fence(world.hypervisor, claimedBuild());
        long callsBefore = world.hypervisor.invocations().size();
        world.clock.advance(LEASE.plusSeconds(1));

        assertThatThrownBy(() -> fenced.start(vpsId)).isInstanceOf(LeaseLostException.class);

        assertThat(world.hypervisor.invocations()).hasSize((int) callsBefore);
        assertThat(storedLeaseUntil()).isEqualTo(T0.plus(LEASE));
    }

    @Test
    void the_lease_as_the_database_holds_it_decides_not_what_the_attempt_believes_of_it() {
        Lease stored = claimedBuild();
        // The attempt believes its claim runs for an hour; the database says it ran out at T0 + LEASE.
        Lease believed = new Lease(stored.operationId(), stored.owner(), stored.epoch(), T0.plus(Duration.ofHours(1)));
        ServerBackend fenced = keeper.fence(world.hypervisor, believed);
        long callsBefore = world.hypervisor.invocations().size();
        world.clock.advance(LEASE.plusSeconds(1));

        assertThatThrownBy(() -> fenced.start(vpsId)).isInstanceOf(LeaseLostException.class);

        assertThat(world.hypervisor.invocations()).hasSize((int) callsBefore);
    }

    static Stream<Arguments> changingCalls() {
        return Stream.of(
                Arguments.of(Call.CREATE, (Consumer<Fenced>) f -> f.backend.create(new ServerSpec(f.vpsId, f.instanceId,
                        "db-1", VM_SPEC.hardware(), VM_SPEC.platform()))),
                Arguments.of(Call.START, (Consumer<Fenced>) f -> f.backend.start(f.vpsId)),
                Arguments.of(Call.STOP, (Consumer<Fenced>) f -> f.backend.stop(f.vpsId)),
                Arguments.of(Call.RECONFIGURE, (Consumer<Fenced>) f -> f.backend.reconfigure(f.vpsId,
                        World.vmSpec(8, 40, 2).hardware(), null)),
                Arguments.of(Call.DESTROY, (Consumer<Fenced>) f -> f.backend.destroy(f.vpsId)));
    }

    static Stream<Arguments> lookingCalls() {
        return Stream.of(
                Arguments.of(Call.INSPECT, (Consumer<Fenced>) f -> f.backend.inspect(f.vpsId)),
                Arguments.of(Call.MEASURE, (Consumer<Fenced>) f -> f.backend.measure(f.vpsId)),
                Arguments.of(Call.LIST, (Consumer<Fenced>) f -> f.backend.list()),
                Arguments.of(Call.PING, (Consumer<Fenced>) f -> f.backend.ping()));
    }

    record Fenced(ServerBackend backend, UUID vpsId, UUID instanceId) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changingCalls")
    void a_takeover_stops_every_call_that_changes_the_server_before_it_is_made(Call call, Consumer<Fenced> making) {
        Fenced fenced = new Fenced(keeper.fence(world.hypervisor, claimedBuild()), vpsId, instanceId);
        takenOverByAnotherDriver();
        long before = world.hypervisor.calls(call);

        assertThatThrownBy(() -> making.accept(fenced)).isInstanceOf(LeaseLostException.class);

        assertThat(world.hypervisor.calls(call)).as("calls of " + call).isEqualTo(before);
        assertThat(world.db.stored(operationId).orElseThrow().leaseOwner()).isEqualTo("driver-b");
    }

    /** What a look finds is recorded only under the lease, which the attempt no longer holds: it is read for nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lookingCalls")
    void a_look_at_the_server_is_made_without_reading_the_lease_while_half_of_it_is_left(Call call, Consumer<Fenced> making) {
        Fenced fenced = new Fenced(keeper.fence(world.hypervisor, claimedBuild()), vpsId, instanceId);
        takenOverByAnotherDriver();
        long before = world.hypervisor.calls(call);

        making.accept(fenced);

        assertThat(world.hypervisor.calls(call)).as("calls of " + call).isEqualTo(before + 1);
        assertThat(world.db.stored(operationId).orElseThrow().leaseOwner()).isEqualTo("driver-b");
    }

    @Test
    void a_look_after_the_lease_ran_out_is_not_made() {
        ServerBackend fenced = keeper.fence(world.hypervisor, claimedBuild());
        long callsBefore = world.hypervisor.invocations().size();
        world.clock.advance(LEASE.plusSeconds(1));

        assertThatThrownBy(() -> fenced.inspect(vpsId)).isInstanceOf(LeaseLostException.class);

        assertThat(world.hypervisor.invocations()).hasSize((int) callsBefore);
    }

    @Test
    void calls_made_under_a_held_lease_answer_as_the_backend_does() {
        ServerBackend fenced = keeper.fence(world.hypervisor, claimedBuild());
        UsageReading usage = new UsageReading(5_000, 1 << 20, 2 << 20, 300, 400, "run-1");
        world.hypervisor.setUsage(vpsId, usage);

        assertThat(fenced.measure(vpsId)).contains(usage);
        assertThat(fenced.list()).extracting(status -> status.vpsId()).containsExactly(vpsId);
        fenced.ping();
        assertThat(world.hypervisor.calls(Call.PING)).isEqualTo(1);
    }

    @Test
    void what_the_backend_is_and_offers_is_told_without_the_lease() {
        ServerBackend fenced = keeper.fence(world.hypervisor, claimedBuild());
        takenOverByAnotherDriver();

        assertThat(fenced.technology()).isEqualTo(Technology.VIRTUAL_MACHINE);
        assertThat(fenced.operatingSystems()).isNotEmpty().isEqualTo(world.hypervisor.operatingSystems());
    }
}
