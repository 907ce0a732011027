package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.fleet.HostCapacity;
import org.vpsconnector.application.fleet.HostConditions;
import org.vpsconnector.application.port.in.HostOverview;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.InMemoryTransactions;
import org.vpsconnector.application.testing.TestClock;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

class FleetOverviewTest {
    private final TestClock clock = new TestClock(World.T0);
    private final InMemoryTransactions db = new InMemoryTransactions();
    private final ControllableBackend engineA = ControllableBackend.containers();
    private final ControllableBackend engineB = ControllableBackend.containers();
    private final ControllableBackend kvmA = ControllableBackend.hypervisor();
    private final ControllableBackend kvmB = ControllableBackend.hypervisor();
    /** engine-a: 8 GB and 4 CPUs sold twice over; engine-b: memory only; kvm-a: CPUs only; kvm-b: no limit. */
    private final Fleet fleet = new Fleet(List.of(
            new Host("engine-a", Technology.CONTAINER, engineA, new HostCapacity(8, 4, 1.0, 2.0)),
            new Host("engine-b", Technology.CONTAINER, engineB, new HostCapacity(16, 0, 1.5, 1.0)),
            new Host("kvm-a", Technology.VIRTUAL_MACHINE, kvmA, new HostCapacity(0, 10, 1.0, 3.0)),
            new Host("kvm-b", Technology.VIRTUAL_MACHINE, kvmB, HostCapacity.UNLIMITED)));
    private final HostConditions conditions = new HostConditions(fleet, clock);
    private final FleetOverview overview = new FleetOverview(db, conditions);

    private void store(boolean vm, int memoryGb, int cpus, String host, Lifecycle lifecycle) {
        VpsSpec spec = new VpsSpec("vps", "", new Hardware(memoryGb, 10, cpus, vm), World.UBUNTU, null, null);
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), spec, lifecycle, PowerState.RUNNING, World.T0, World.T0,
                null, null, host);
        db.inTransaction(repositories -> {
            repositories.vpses().insert(vps);
            return null;
        });
    }

    private HostOverview of(String name) {
        return overview.hosts().stream().filter(host -> host.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void each_host_shows_what_its_live_vpses_were_sold_against_what_may_be_sold() {
        store(false, 2, 1, "engine-a", Lifecycle.READY);
        store(false, 3, 2, null, Lifecycle.READY);
        store(false, 4, 1, "engine-b", Lifecycle.READY);
        store(false, 8, 8, "engine-b", Lifecycle.FAILED);
        store(true, 6, 3, "kvm-a", Lifecycle.READY);
        store(true, 5, 2, "kvm-b", Lifecycle.DELETED);

        List<HostOverview> hosts = overview.hosts();

        assertThat(hosts).extracting(HostOverview::name).containsExactly("engine-a", "engine-b", "kvm-a", "kvm-b");
        assertThat(hosts).extracting(HostOverview::kind).containsExactly("container", "container", "hypervisor", "hypervisor");
        assertThat(hosts.get(0)).as("a VPS stored before hosts were named counts on the first host")
                .extracting(HostOverview::vpses, HostOverview::memoryGbSold, HostOverview::memoryGbSellable,
                        HostOverview::cpusSold, HostOverview::cpusSellable)
                .containsExactly(2, 5L, 8L, 3L, 8L);
        assertThat(hosts.get(1)).extracting(HostOverview::vpses, HostOverview::memoryGbSold, HostOverview::memoryGbSellable,
                        HostOverview::cpusSold, HostOverview::cpusSellable)
                .containsExactly(1, 4L, 24L, 1L, null);
        assertThat(hosts.get(2)).extracting(HostOverview::vpses, HostOverview::memoryGbSold, HostOverview::memoryGbSellable,
                        HostOverview::cpusSold, HostOverview::cpusSellable)
                .containsExactly(1, 6L, null, 3L, 30L);
        assertThat(hosts.get(3)).extracting(HostOverview::vpses, HostOverview::memoryGbSold, HostOverview::memoryGbSellable,
                        HostOverview::cpusSold, HostOverview::cpusSellable)
                .containsExactly(0, 0L, null, 0L, null);
    }

    @Test
    void a_drained_host_shows_the_reason_of_its_drain() {
        db.inTransaction(repositories -> {
            repositories.drains().drain(new Drain("hypervisor:kvm-b", "new disks", World.T0));
            repositories.drains().drain(new Drain(Drain.CONNECTOR, "maintenance", World.T0));
            return null;
        });

        assertThat(overview.hosts()).extracting(HostOverview::drainedFor).containsExactly(null, null, null, "new disks");
    }

    @Test
    void a_watched_host_shows_its_last_check_and_is_not_pinged_for_the_overview() {
        assertThat(of("engine-b")).as("never checked").extracting(HostOverview::up, HostOverview::since,
                HostOverview::checkedAt, HostOverview::problem).containsOnlyNulls();
        assertThat(engineB.calls(Call.PING)).isZero();

        engineB.failNext(Call.PING, 2, true);
        conditions.checkAll();
        clock.advance(Duration.ofMinutes(1));
        conditions.checkAll();
        Instant firstCheck = World.T0;
        Instant lastCheck = World.T0.plusSeconds(60);

        HostOverview down = of("engine-b");
        assertThat(down.up()).isFalse();
        assertThat(down.since()).isEqualTo(firstCheck);
        assertThat(down.checkedAt()).isEqualTo(lastCheck);
        assertThat(down.problem()).isEqualTo("PING failed: the daemon is not answering");
        HostOverview up = of("engine-a");
        assertThat(up.up()).isTrue();
        assertThat(up.since()).isEqualTo(firstCheck);
        assertThat(up.checkedAt()).isEqualTo(lastCheck);
        assertThat(up.problem()).isNull();
        assertThat(engineB.calls(Call.PING)).as("only the checks pinged").isEqualTo(2);
    }

    @Test
    void a_single_backend_that_no_schedule_checks_is_pinged_for_the_overview() {
        FleetOverview containersWatched = new FleetOverview(db,
                new HostConditions(fleet, clock, EnumSet.of(Technology.CONTAINER)));
        kvmB.failNext(Call.PING, 1, false);
        clock.advance(Duration.ofMinutes(3));

        List<HostOverview> hosts = containersWatched.hosts();

        assertThat(kvmA.calls(Call.PING)).isEqualTo(1);
        assertThat(kvmB.calls(Call.PING)).isEqualTo(1);
        assertThat(engineA.calls(Call.PING)).isZero();
        assertThat(hosts.get(2)).extracting(HostOverview::up, HostOverview::since, HostOverview::checkedAt, HostOverview::problem)
                .containsExactly(true, clock.instant(), clock.instant(), null);
        assertThat(hosts.get(3)).extracting(HostOverview::up, HostOverview::since, HostOverview::checkedAt, HostOverview::problem)
                .containsExactly(false, clock.instant(), clock.instant(), "PING refused: no such image");
        assertThat(hosts.get(0).up()).isNull();
    }
}
