package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.fleet.HostCapacity;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.OperationObserver;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.RequestPhase;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

/** The observer hears of every attempt, and once of every operation that ends, whoever ends it. */
class OperationObservationTest {
    private final World world = new World();
    private final UUID instanceId = world.installInstance();

    @Test
    void anOperationEndedWithinItsRequestIsToldOnceWithItsHost() {
        UUID vpsId = UUID.randomUUID();

        world.requests.provision(provision(instanceId, vpsId, RequestPhase.SYNC, CONTAINER_SPEC));
        world.requests.provision(provision(instanceId, vpsId, RequestPhase.ASYNC, CONTAINER_SPEC));

        assertThat(world.observer.told()).as("a repeat ends nothing")
                .containsExactlyInAnyOrder("attempted container:containers PROVISION",
                        "finished container:containers PROVISION SUCCEEDED");
        Operation finished = world.observer.finished().get(0);
        assertThat(finished.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(finished.createdAt()).isNotNull();
        assertThat(finished.updatedAt()).isAfterOrEqualTo(finished.createdAt());
    }

    @Test
    void aFailureThatGivesUpIsToldAsFailedAndRetriedAttemptsAsAttemptsOnly() {
        UUID vpsId = UUID.randomUUID();
        world.containers.failNext(Call.CREATE, 1, false);

        world.requests.provision(provision(instanceId, vpsId, RequestPhase.SYNC, CONTAINER_SPEC));

        assertThat(world.observer.told())
                .containsExactlyInAnyOrder("attempted container:containers PROVISION",
                        "finished container:containers PROVISION FAILED");
    }

    @Test
    void aBuildCancelledByAnUnprovisionIsToldAsCancelled() {
        UUID vpsId = UUID.randomUUID();
        world.requests.provision(provision(instanceId, vpsId, RequestPhase.SYNC, VM_SPEC));
        world.driveDue();
        assertThat(world.observer.told()).containsExactly("attempted hypervisor:hypervisor PROVISION");

        world.requests.unprovision(command(instanceId, vpsId, RequestPhase.SYNC));

        assertThat(world.observer.told()).containsExactly("attempted hypervisor:hypervisor PROVISION",
                "finished hypervisor:hypervisor PROVISION CANCELLED");
        world.driveDue();
        assertThat(world.observer.told()).containsExactlyInAnyOrder("attempted hypervisor:hypervisor PROVISION",
                "finished hypervisor:hypervisor PROVISION CANCELLED", "attempted hypervisor:hypervisor UNPROVISION",
                "finished hypervisor:hypervisor UNPROVISION SUCCEEDED");
    }

    @Test
    void eachAttemptIsToldWithTheHostItsVpsLivesOnAndTheFirstHostForAVpsStoredWithoutOne() {
        World fleet = new World(World.settings(true, World.BACKOFF), World.CALL_TIMEOUT,
                (containers, hypervisor) -> new Fleet(List.of(
                        new Host("engine-a", Technology.CONTAINER, containers, HostCapacity.UNLIMITED),
                        new Host("kvm-a", Technology.VIRTUAL_MACHINE, hypervisor, HostCapacity.UNLIMITED),
                        new Host("kvm-b", Technology.VIRTUAL_MACHINE, ControllableBackend.hypervisor(), HostCapacity.UNLIMITED))),
                false);
        UUID instance = fleet.installInstance();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        fleet.requests.provision(provision(instance, first, RequestPhase.SYNC, VM_SPEC));
        fleet.requests.provision(provision(instance, second, RequestPhase.SYNC, VM_SPEC));
        UUID onB = fleet.storedVps(first).host().equals("kvm-b") ? first : second;
        UUID onA = onB.equals(first) ? second : first;
        assertThat(fleet.storedVps(onA).host()).isEqualTo("kvm-a");

        fleet.driveDue();
        assertThat(fleet.observer.told()).containsExactlyInAnyOrder("attempted hypervisor:kvm-a PROVISION",
                "attempted hypervisor:kvm-b PROVISION");

        Vps unnamed = fleet.storedVps(onA).placedOn(null);
        fleet.db.inTransaction(repositories -> {
            repositories.vpses().update(unnamed);
            return null;
        });
        fleet.hypervisor.bootGuest(onA);
        fleet.clock.advance(World.GUEST_CHECK);
        fleet.driveDue();

        assertThat(fleet.observer.told()).contains("finished hypervisor:kvm-a PROVISION SUCCEEDED");
    }

    @Test
    void anAttemptIsToldToHaveTakenNoLongerThanItsCallerWaitedForIt() {
        List<Duration> took = new ArrayList<>();
        OperationRunner runner = OperationRunner.create(world.db, world.hosts, world.clock, world.settings, World.LEASE,
                world.controllerUpdates, LogContext.NONE, new OperationObserver() {
                    @Override
                    public void attempted(String technology, String host, Operation operation, Duration duration) {
                        took.add(duration);
                    }

                    @Override
                    public void finished(String technology, String host, Operation finished) {
                    }
                });
        UUID vpsId = UUID.randomUUID();
        world.requests.provision(provision(instanceId, vpsId, RequestPhase.SYNC, VM_SPEC));
        Operation accepted = world.latestOperation(vpsId);
        assertThat(world.claim(accepted.id(), World.DRIVER_NODE)).isTrue();

        long before = System.nanoTime();
        runner.attempt(accepted.id(), World.DRIVER_NODE);
        Duration waited = Duration.ofNanos(System.nanoTime() - before);

        assertThat(took).hasSize(1);
        assertThat(took.get(0)).isBetween(Duration.ZERO, waited);
    }
}
