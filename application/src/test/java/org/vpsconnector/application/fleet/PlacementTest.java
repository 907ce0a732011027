package org.vpsconnector.application.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.ServiceUnavailableException;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.VpsRepository;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.InMemoryTransactions;
import org.vpsconnector.application.testing.TestClock;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Technology;

class PlacementTest {
    private final TestClock clock = new TestClock(World.T0);
    private final InMemoryTransactions db = new InMemoryTransactions();
    private final ControllableBackend engineA = ControllableBackend.containers();
    private final ControllableBackend engineB = ControllableBackend.containers();
    private final ControllableBackend kvm = ControllableBackend.hypervisor();
    /** The technologies whose placements were made to follow each other. */
    private final List<Technology> placementLocks = new ArrayList<>();

    private Host place(Fleet fleet, boolean vm) {
        Placement placement = new Placement(new HostConditions(fleet, clock), false);
        return db.inTransaction(repositories -> placement.place(lockRecording(repositories), vm ? World.VM_SPEC : World.CONTAINER_SPEC));
    }

    private Repositories lockRecording(Repositories repositories) {
        VpsRepository vpses = (VpsRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {VpsRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("lockPlacement")) {
                        placementLocks.add((Technology) args[0]);
                    }
                    try {
                        return method.invoke(repositories.vpses(), args);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                });
        return new Repositories(vpses, repositories.operations(), repositories.transitions(), repositories.instances(),
                repositories.contexts(), repositories.controllerUpdates(), repositories.usage(), repositories.drains());
    }

    private void drain(String scope) {
        db.inTransaction(repositories -> {
            repositories.drains().drain(new Drain(scope, "maintenance", Instant.EPOCH));
            return null;
        });
    }

    private Fleet single() {
        return Fleet.of(engineA, kvm);
    }

    private Fleet twoEngines(HostCapacity capacity) {
        return new Fleet(List.of(new Host("engine-a", Technology.CONTAINER, engineA, capacity),
                new Host("engine-b", Technology.CONTAINER, engineB, capacity),
                new Host("kvm", Technology.VIRTUAL_MACHINE, kvm, HostCapacity.UNLIMITED)));
    }

    @Test
    void the_one_unlimited_host_takes_every_vps_without_placements_waiting_for_each_other() {
        assertThat(place(single(), false).name()).isEqualTo(Fleet.CONTAINER_HOST);
        assertThat(place(single(), true).name()).isEqualTo(Fleet.HYPERVISOR_HOST);
        assertThat(placementLocks).isEmpty();
    }

    @Test
    void placements_on_hosts_with_limits_or_among_several_hosts_follow_each_other() {
        place(new Fleet(List.of(new Host("engine-a", Technology.CONTAINER, engineA, new HostCapacity(8, 4, 1.0, 1.0)),
                new Host("kvm", Technology.VIRTUAL_MACHINE, kvm, HostCapacity.UNLIMITED))), false);
        place(twoEngines(HostCapacity.UNLIMITED), false);

        assertThat(placementLocks).containsExactly(Technology.CONTAINER, Technology.CONTAINER);
    }

    @Test
    void the_one_host_drained_or_down_turns_the_vps_away_with_the_reason() {
        drain("container:" + Fleet.CONTAINER_HOST);
        assertThatThrownBy(() -> place(single(), false)).isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("no container host can take a VPS of 2 GB and 2 CPUs now: containers is drained");

        Fleet fleet = single();
        HostConditions conditions = new HostConditions(fleet, clock);
        kvm.failNext(Call.PING, 1, true);
        conditions.checkAll();
        Placement placement = new Placement(conditions, false);
        assertThatThrownBy(() -> db.inTransaction(repositories -> placement.place(repositories, World.VM_SPEC)))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("no hypervisor host can take a VPS of 4 GB and 2 CPUs now: hypervisor is down");
    }

    @Test
    void a_host_that_is_down_is_passed_over_for_one_that_is_up() {
        Fleet fleet = twoEngines(HostCapacity.UNLIMITED);
        HostConditions conditions = new HostConditions(fleet, clock);
        engineA.failNext(Call.PING, 1, true);
        conditions.checkAll();
        Placement placement = new Placement(conditions, false);

        Host chosen = db.inTransaction(repositories -> placement.place(repositories, World.CONTAINER_SPEC));

        assertThat(chosen.name()).isEqualTo("engine-b");
    }
}
