package org.vpsconnector.application.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.HostConditions.Condition;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.application.testing.CapturedLog;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.TestClock;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

class HostConditionsTest {
    private final TestClock clock = new TestClock(World.T0);
    private final ControllableBackend engineA = ControllableBackend.containers();
    private final ControllableBackend engineB = ControllableBackend.containers();
    private final ControllableBackend kvm = ControllableBackend.hypervisor();
    private final Host hostA = new Host("engine-a", Technology.CONTAINER, engineA, HostCapacity.UNLIMITED);
    private final Host hostB = new Host("engine-b", Technology.CONTAINER, engineB, HostCapacity.UNLIMITED);
    private final Host hostKvm = new Host("kvm", Technology.VIRTUAL_MACHINE, kvm, HostCapacity.UNLIMITED);
    private final Fleet fleet = new Fleet(List.of(hostA, hostB, hostKvm));
    private final HostConditions conditions = new HostConditions(fleet, clock);

    private static Vps containerOn(String host) {
        return new Vps(UUID.randomUUID(), UUID.randomUUID(), World.CONTAINER_SPEC, Lifecycle.READY, PowerState.RUNNING,
                World.T0, World.T0, null, null, host);
    }

    @Test
    void a_host_not_checked_yet_counts_as_up() {
        assertThat(conditions.of(hostB)).isEmpty();
        assertThat(conditions.isDown(hostB)).isFalse();
        assertThat(conditions.holdUp(containerOn("engine-b"))).isEmpty();
        assertThat(conditions.all()).containsExactly(
                Map.entry(hostA, Optional.empty()), Map.entry(hostB, Optional.empty()), Map.entry(hostKvm, Optional.empty()));
    }

    @Test
    void a_host_down_is_down_since_its_first_failed_check_and_logged_once() {
        engineB.failNext(Call.PING, 2, true);
        try (CapturedLog log = CapturedLog.of(HostConditions.class)) {
            conditions.checkAll();
            clock.advance(Duration.ofMinutes(1));
            Condition second = conditions.check(hostB);

            assertThat(second).isEqualTo(new Condition(false, World.T0, World.T0.plusSeconds(60),
                    "PING failed: the daemon is not answering"));
            assertThat(log.at(Level.WARNING)).containsExactly("container host engine-b is down: no new VPS goes there"
                    + " and its VPSes' operations wait for it: PING failed: the daemon is not answering");
            assertThat(log.at(Level.INFO)).isEmpty();
        }
        assertThat(conditions.of(hostB)).contains(new Condition(false, World.T0, World.T0.plusSeconds(60),
                "PING failed: the daemon is not answering"));
        assertThat(conditions.isDown(hostB)).isTrue();
        assertThat(conditions.isDown(hostA)).isFalse();
        assertThat(conditions.of(hostA)).contains(new Condition(true, World.T0, World.T0, null));
    }

    @Test
    void a_host_that_answers_again_is_up_from_that_check_and_says_since_when_it_was_down() {
        engineB.failNext(Call.PING, 1, true);
        conditions.checkAll();
        clock.advance(Duration.ofMinutes(2));

        try (CapturedLog log = CapturedLog.of(HostConditions.class)) {
            Condition back = conditions.check(hostB);
            clock.advance(Duration.ofMinutes(1));
            Condition still = conditions.check(hostB);

            assertThat(back).isEqualTo(new Condition(true, World.T0.plusSeconds(120), World.T0.plusSeconds(120), null));
            assertThat(still).isEqualTo(new Condition(true, World.T0.plusSeconds(120), World.T0.plusSeconds(180), null));
            assertThat(log.at(Level.INFO)).containsExactly("container host engine-b answers again, after being down since " + World.T0);
            assertThat(log.at(Level.WARNING)).isEmpty();
        }
        assertThat(conditions.isDown(hostB)).isFalse();
    }

    @Test
    void an_operation_of_a_vps_on_a_host_that_is_down_or_no_longer_named_waits_and_says_why() {
        engineB.failNext(Call.PING, 1, true);
        conditions.checkAll();

        assertThat(conditions.holdUp(containerOn("engine-b"))).contains("Waiting for container host engine-b, down since "
                + World.T0 + ": PING failed: the daemon is not answering");
        assertThat(conditions.holdUp(containerOn("engine-a"))).isEmpty();
        assertThat(conditions.holdUp(containerOn(null))).as("on the first host, which is up").isEmpty();
        Vps lost = containerOn("engine-z");
        assertThat(conditions.holdUp(lost)).contains("VPS " + lost.id()
                + " lives on container host engine-z, which the configuration does not name");
    }

    @Test
    void a_failure_without_a_message_is_named_by_its_kind() {
        ContainerBackend mute = (ContainerBackend) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContainerBackend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("ping")) {
                        throw new IllegalStateException();
                    }
                    try {
                        return method.invoke(engineA, args);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                });
        Host muteHost = new Host("engine-m", Technology.CONTAINER, mute, HostCapacity.UNLIMITED);
        HostConditions checking = new HostConditions(new Fleet(List.of(muteHost, hostKvm)), clock);

        assertThat(checking.check(muteHost).problem()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void only_the_watched_technologies_are_checked_on_schedule_and_steer_operations() {
        HostConditions containersOnly = new HostConditions(fleet, clock, EnumSet.of(Technology.CONTAINER));
        kvm.failNext(Call.PING, 1, true);

        containersOnly.checkAll();

        assertThat(containersOnly.watches(hostA)).isTrue();
        assertThat(containersOnly.watches(hostKvm)).isFalse();
        assertThat(kvm.calls(Call.PING)).isZero();
        assertThat(engineA.calls(Call.PING)).isEqualTo(1);

        try (CapturedLog log = CapturedLog.of(HostConditions.class)) {
            Condition unwatched = containersOnly.check(hostKvm);
            assertThat(unwatched).isEqualTo(new Condition(false, World.T0, World.T0, "PING failed: the daemon is not answering"));
            assertThat(log.lines()).as("a single backend's check is for the health check alone").isEmpty();
        }
        assertThat(containersOnly.of(hostKvm)).isEmpty();
        assertThat(containersOnly.isDown(hostKvm)).isFalse();
    }

    @Test
    void watching_nothing_watches_no_host() {
        HostConditions none = new HostConditions(fleet, clock, EnumSet.noneOf(Technology.class));

        none.checkAll();

        assertThat(none.watches(hostA)).isFalse();
        assertThat(engineA.calls(Call.PING) + engineB.calls(Call.PING) + kvm.calls(Call.PING)).isZero();
        assertThat(none.fleet()).isSameAs(fleet);
    }
}
