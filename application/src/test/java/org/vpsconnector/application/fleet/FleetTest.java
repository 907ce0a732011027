package org.vpsconnector.application.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.ASYNC;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.ServiceUnavailableException;
import org.vpsconnector.application.port.in.ConfigureVpsCommand;
import org.vpsconnector.application.port.in.ReconcileMode;
import org.vpsconnector.application.port.in.ReconcileReport;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.service.Reconciler;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/** Two Docker engines and two hypervisor hosts: placement, a host down, drains and reconcile per host. */
class FleetTest {
    /** 8 GB and 4 CPUs, CPUs sold twice over. */
    private static final HostCapacity ENGINE = new HostCapacity(8, 4, 1.0, 2.0);

    private final ControllableBackend engineB = ControllableBackend.containers();
    private final ControllableBackend kvmB = ControllableBackend.hypervisor();
    private World world = fleetWorld(ENGINE, ENGINE, false);

    private World fleetWorld(HostCapacity a, HostCapacity b, boolean spread) {
        return new World(World.settings(true, World.BACKOFF), World.CALL_TIMEOUT, (containers, hypervisor) -> new Fleet(List.of(
                new Host("engine-a", Technology.CONTAINER, containers, a),
                new Host("engine-b", Technology.CONTAINER, engineB, b),
                new Host("kvm-a", Technology.VIRTUAL_MACHINE, hypervisor, HostCapacity.UNLIMITED),
                new Host("kvm-b", Technology.VIRTUAL_MACHINE, kvmB, HostCapacity.UNLIMITED))), spread);
    }

    @Test
    void newVpsesGoToTheFreestHostAndEachLivesOnExactlyOne() {
        UUID instanceId = world.installInstance();
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (UUID id : ids) {
            assertThat(world.requests.provision(provision(instanceId, id, SYNC, container(2, 2, null))).outcome())
                    .isEqualTo(VpsAnswer.Outcome.DONE);
        }

        assertThat(ids).extracting(id -> world.storedVps(id).host())
                .containsExactly("engine-a", "engine-b", "engine-a", "engine-b");
        assertThat(world.containers.serverIds()).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        assertThat(engineB.serverIds()).containsExactlyInAnyOrder(ids.get(1), ids.get(3));
        UUID placing = world.latestOperation(ids.get(1)).id();
        assertThat(world.db.transitions()).filteredOn(transition -> transition.operationId().equals(placing))
                .first().extracting(transition -> transition.info()).asString().contains("placed on container host engine-b");
    }

    @Test
    void everyLaterOperationGoesToTheVpsesHost() {
        UUID instanceId = world.installInstance();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        world.requests.provision(provision(instanceId, first, SYNC, container(2, 2, null)));
        world.requests.provision(provision(instanceId, second, SYNC, container(2, 2, null)));

        world.requests.stop(command(instanceId, second, SYNC));
        world.requests.unprovision(command(instanceId, second, SYNC));

        assertThat(engineB.calls(Call.STOP, second)).isEqualTo(1);
        assertThat(engineB.calls(Call.DESTROY, second)).isEqualTo(1);
        assertThat(world.containers.calls(Call.STOP, second) + world.containers.calls(Call.DESTROY, second)).isZero();
        assertThat(engineB.serverIds()).isEmpty();
        assertThat(world.containers.serverIds()).containsExactly(first);
    }

    @Test
    void aFullHostIsSkippedAndWhenEveryHostIsFullTheOrderIsTurnedAwayWithEachHostsReason() {
        world = fleetWorld(new HostCapacity(4, 4, 1.0, 1.0), new HostCapacity(2, 4, 1.0, 1.0), false);
        UUID instanceId = world.installInstance();
        UUID big = UUID.randomUUID();
        UUID small = UUID.randomUUID();
        world.requests.provision(provision(instanceId, big, SYNC, container(4, 1, null)));
        world.requests.provision(provision(instanceId, small, SYNC, container(2, 1, null)));
        UUID refused = UUID.randomUUID();

        assertThatThrownBy(() -> world.requests.provision(provision(instanceId, refused, SYNC, container(1, 1, null))))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("engine-a has no room (4 of 4 GB, 1 of 4 CPUs sold)")
                .hasMessageContaining("engine-b has no room (2 of 2 GB");
        assertThat(world.storedVps(big).host()).isEqualTo("engine-a");
        assertThat(world.storedVps(small).host()).isEqualTo("engine-b");
        assertThat(world.db.vps(refused)).isEmpty();
    }

    @Test
    void aSubscriptionsVpsesAreSpreadWhenAsked() {
        HostCapacity large = new HostCapacity(64, 32, 1.0, 1.0);
        UUID subscription = UUID.randomUUID();
        world = fleetWorld(large, ENGINE, true);
        UUID instanceId = world.installInstance();
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        world.requests.provision(provision(instanceId, one, SYNC, container(2, 1, subscription)));
        world.requests.provision(provision(instanceId, two, SYNC, container(2, 1, subscription)));

        assertThat(List.of(world.storedVps(one).host(), world.storedVps(two).host())).containsExactly("engine-a", "engine-b");

        World packing = fleetWorld(large, ENGINE, false);
        UUID packingInstance = packing.installInstance();
        UUID three = UUID.randomUUID();
        UUID four = UUID.randomUUID();
        packing.requests.provision(provision(packingInstance, three, SYNC, container(2, 1, subscription)));
        packing.requests.provision(provision(packingInstance, four, SYNC, container(2, 1, subscription)));
        assertThat(List.of(packing.storedVps(three).host(), packing.storedVps(four).host()))
                .as("without spreading, the host with the most room takes both").containsExactly("engine-a", "engine-a");
    }

    @Test
    void aHostThatIsDownGetsNoNewVpsAndItsVpsesOperationsWaitForItUnspent() {
        UUID instanceId = world.installInstance();
        UUID onA = UUID.randomUUID();
        UUID onB = UUID.randomUUID();
        world.requests.provision(provision(instanceId, onA, SYNC, container(2, 2, null)));
        world.requests.provision(provision(instanceId, onB, SYNC, container(2, 2, null)));
        engineB.failNext(Call.PING, 1, true);
        world.hosts.checkAll();
        assertThat(world.hosts.isDown(world.fleet.named(Technology.CONTAINER, "engine-b").orElseThrow())).isTrue();

        UUID placedWhileDown = UUID.randomUUID();
        world.requests.provision(provision(instanceId, placedWhileDown, SYNC, container(1, 1, null)));
        VpsAnswer stopping = world.requests.stop(command(instanceId, onB, SYNC));
        world.driveDue();
        world.clock.advance(Duration.ofMinutes(5));
        world.driveDue();

        assertThat(world.storedVps(placedWhileDown).host()).isEqualTo("engine-a");
        assertThat(stopping.outcome()).isEqualTo(VpsAnswer.Outcome.ACCEPTED);
        var waiting = world.latestOperation(onB);
        assertThat(waiting.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(waiting.attempts()).isZero();
        assertThat(waiting.info()).contains("Waiting for container host engine-b, down since");
        assertThat(engineB.calls(Call.STOP, onB)).isZero();

        world.hosts.checkAll();
        world.clock.advance(Duration.ofMinutes(1));
        world.driveDue();
        assertThat(world.latestOperation(onB).status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(engineB.calls(Call.STOP, onB)).isEqualTo(1);
    }

    @Test
    void aConfigureThatRestartedItsServerStillSaysSoAfterWaitingForItsHost() {
        UUID instanceId = world.installInstance();
        UUID id = UUID.randomUUID();
        world.requests.provision(provision(instanceId, id, SYNC, vm()));
        ControllableBackend host = world.storedVps(id).host().equals("kvm-a") ? world.hypervisor : kvmB;
        world.driveDue();
        host.bootGuest(id);
        world.clock.advance(Duration.ofMinutes(1));
        world.driveDue();
        assertThat(world.latestOperation(id).status()).isEqualTo(OperationStatus.SUCCEEDED);
        host.setRestartsOnReconfigure(true);
        world.requests.configure(new ConfigureVpsCommand(instanceId, id, SYNC,
                new VpsSpec("db", "", new Hardware(4, 10, 2, true), World.UBUNTU, null, null)));
        world.driveDue();
        assertThat(world.latestOperation(id).info()).startsWith("Configuration: the server was restarted");

        host.failNext(Call.PING, 1, true);
        world.hosts.checkAll();
        world.clock.advance(Duration.ofMinutes(1));
        world.driveDue();
        assertThat(world.latestOperation(id).info()).startsWith("Configuration: the server was restarted")
                .contains("Waiting for hypervisor host");
        world.hosts.checkAll();
        host.bootGuest(id);
        world.clock.advance(Duration.ofMinutes(1));
        world.driveDue();

        assertThat(world.latestOperation(id).status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(world.latestOperation(id).info()).isEqualTo("Configuration done: the server was restarted to apply the new hardware");
    }

    @Test
    void whileTheConnectorIsDrainedNewVpsesAreTurnedAwayAndWorkInFlightGoesOn() {
        UUID instanceId = world.installInstance();
        UUID building = UUID.randomUUID();
        world.requests.provision(provision(instanceId, building, SYNC, vm()));
        drain(Drain.CONNECTOR);

        UUID refused = UUID.randomUUID();
        assertThatThrownBy(() -> world.requests.provision(provision(instanceId, refused, SYNC, container(1, 1, null))))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("the connector takes no new VPS while it is drained: maintenance");
        assertThat(world.db.vps(refused)).isEmpty();
        assertThat(world.requests.provision(provision(instanceId, building, ASYNC, vm())).outcome())
                .as("a poll is answered").isEqualTo(VpsAnswer.Outcome.ACCEPTED);
        world.driveDue();
        (world.storedVps(building).host().equals("kvm-a") ? world.hypervisor : kvmB).bootGuest(building);
        world.clock.advance(Duration.ofMinutes(1));
        world.driveDue();
        assertThat(world.latestOperation(building).status()).isEqualTo(OperationStatus.SUCCEEDED);

        world.db.inTransaction(repositories -> repositories.drains().undrain(Drain.CONNECTOR));
        assertThat(world.requests.provision(provision(instanceId, refused, SYNC, container(1, 1, null))).outcome())
                .isEqualTo(VpsAnswer.Outcome.DONE);
    }

    @Test
    void aDrainedHostGetsNoNewVps() {
        drain(Host.scopeOf(Technology.CONTAINER, "engine-a"));
        UUID instanceId = world.installInstance();
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
        for (UUID id : ids) {
            world.requests.provision(provision(instanceId, id, SYNC, container(1, 1, null)));
        }

        assertThat(ids).extracting(id -> world.storedVps(id).host()).containsOnly("engine-b");
        drain(Host.scopeOf(Technology.CONTAINER, "engine-b"));
        assertThatThrownBy(() -> world.requests.provision(provision(instanceId, UUID.randomUUID(), SYNC, container(1, 1, null))))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("engine-a is drained").hasMessageContaining("engine-b is drained");
    }

    @Test
    void reconcileJudgesEachHostOnItsOwnAServerOnAnotherHostThanItsVpsesIsAnOrphanThere() {
        UUID instanceId = world.installInstance();
        UUID id = UUID.randomUUID();
        world.requests.provision(provision(instanceId, id, SYNC, container(2, 2, null)));
        Vps vps = world.storedVps(id);
        assertThat(vps.host()).isEqualTo("engine-a");
        engineB.create(new ServerSpec(id, instanceId, "leftover", vps.spec().hardware(), vps.spec().platform(), vps.spec().login()));
        Reconciler reconciler = new Reconciler(world.db, world.fleet, world.clock, world.controllerUpdates);

        ReconcileReport report = reconciler.reconcile(ReconcileMode.APPLY);

        assertThat(report.orphans()).singleElement().satisfies(orphan -> {
            assertThat(orphan.vpsId()).isEqualTo(id);
            assertThat(orphan.host()).isEqualTo("engine-b");
        });
        assertThat(report.missingServers()).isEmpty();
        assertThat(engineB.serverIds()).isEmpty();
        assertThat(world.containers.serverIds()).containsExactly(id);
    }

    @Test
    void aVpsOnAHostTheConfigurationNoLongerNamesWaitsAndSaysWhy() {
        UUID instanceId = world.installInstance();
        UUID id = UUID.randomUUID();
        world.requests.provision(provision(instanceId, id, SYNC, container(2, 2, null)));
        world.db.inTransaction(repositories -> {
            repositories.vpses().update(repositories.vpses().find(id).orElseThrow().placedOn("engine-z"));
            return null;
        });

        world.requests.stop(command(instanceId, id, SYNC));

        assertThat(world.latestOperation(id).info()).contains("engine-z, which the configuration does not name");
        assertThat(world.latestOperation(id).isFinished()).isFalse();
    }

    private void drain(String scope) {
        world.db.inTransaction(repositories -> {
            repositories.drains().drain(new Drain(scope, "maintenance", Instant.now()));
            return null;
        });
    }

    private static VpsSpec container(int memoryGb, int cpus, UUID subscriptionId) {
        return new VpsSpec("web", "", new Hardware(memoryGb, 10, cpus, false), World.UBUNTU, null, subscriptionId);
    }

    private static VpsSpec vm() {
        return new VpsSpec("db", "", new Hardware(2, 10, 1, true), World.UBUNTU, null, null);
    }
}
