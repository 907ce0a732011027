package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.ASYNC;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.driver.ProvisioningSettings;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.port.in.VpsAnswer.Outcome;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.RetryTimeoutPolicy;

/**
 * Once a VM has booted for as long as the quick boots lately took, the controller's poll looks at the
 * guest itself: a guest that became ready since the driver's last check is seen at that poll, not at the
 * first poll after the next check, and the controller is asked back after the minimum.
 */
class PollLooksAtTheGuestTest {
    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final long MINIMUM = 5;

    private static World world(boolean adaptive) {
        ProvisioningSettings usual = World.settings(true, World.BACKOFF);
        return new World(new ProvisioningSettings(usual.startOnCreate(), usual.syncBudget(), usual.buildTimeout(),
                usual.guestCheckInterval(), usual.backoff(),
                new RetryTimeoutPolicy(Duration.ofSeconds(MINIMUM), Duration.ofSeconds(300), 0.0, adaptive),
                usual.hardwareLimits()));
    }

    /** Three VM provisions that each took {@link #BOOT}, then a fourth accepted and checked once, its guest booting. */
    private static UUID bootingAfterThreeBoots(World world, UUID instance) {
        for (int i = 0; i < 3; i++) {
            UUID earlier = UUID.randomUUID();
            world.requests.provision(provision(instance, earlier, SYNC, VM_SPEC));
            world.driveDue();
            world.clock.advance(BOOT);
            world.hypervisor.bootGuest(earlier);
            world.driveDue();
            assertThat(poll(world, instance, earlier).outcome()).isEqualTo(Outcome.DONE);
        }
        UUID vps = UUID.randomUUID();
        assertThat(world.requests.provision(provision(instance, vps, SYNC, VM_SPEC)).outcome()).isEqualTo(Outcome.ACCEPTED);
        world.driveDue();
        return vps;
    }

    /** The driver checks the VM when the quick boots ended, its guest still booting; the guest is ready {@code later}. */
    private static void guestReadyAfterTheCheckAtTheEarlyEnd(World world, UUID vps, Duration later) {
        world.clock.advance(BOOT);
        world.driveDue();
        world.clock.advance(later);
        world.hypervisor.bootGuest(vps);
    }

    private static VpsAnswer poll(World world, UUID instance, UUID vps) {
        return world.requests.provision(provision(instance, vps, ASYNC, VM_SPEC));
    }

    @Test
    void past_the_early_end_a_guest_ready_since_the_last_check_is_seen_at_the_poll() {
        World world = world(true);
        UUID instance = world.installInstance();
        UUID vps = bootingAfterThreeBoots(world, instance);
        guestReadyAfterTheCheckAtTheEarlyEnd(world, vps, Duration.ofSeconds(6));

        VpsAnswer seen = poll(world, instance, vps);

        assertThat(seen.outcome()).isEqualTo(Outcome.DONE);
        assertThat(seen.vps().state()).isEqualTo(PowerState.RUNNING);
        assertThat(world.storedVps(vps).state()).isEqualTo(PowerState.RUNNING);
        // The poll's answer told the controller: no resource update is owed for it.
        assertThat(world.db.controllerUpdates()).noneMatch(update -> update.resourceId().equals(vps));
    }

    @Test
    void past_the_early_end_a_poll_of_a_guest_still_booting_is_asked_back_after_the_minimum() {
        World world = world(true);
        UUID instance = world.installInstance();
        UUID vps = bootingAfterThreeBoots(world, instance);
        world.clock.advance(BOOT.plusSeconds(6));
        long inspectsBefore = world.hypervisor.calls(ControllableBackend.Call.INSPECT, vps);

        VpsAnswer booting = poll(world, instance, vps);

        assertThat(booting.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(booting.retryTimeoutSeconds()).isEqualTo(MINIMUM);
        assertThat(world.hypervisor.calls(ControllableBackend.Call.INSPECT, vps)).isGreaterThan(inspectsBefore);
    }

    @Test
    void before_the_early_end_a_poll_answers_what_the_last_check_found() {
        World world = world(true);
        UUID instance = world.installInstance();
        UUID vps = bootingAfterThreeBoots(world, instance);
        world.clock.advance(Duration.ofSeconds(30));
        world.hypervisor.bootGuest(vps);
        long inspectsBefore = world.hypervisor.calls(ControllableBackend.Call.INSPECT, vps);

        VpsAnswer early = poll(world, instance, vps);

        assertThat(early.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(early.retryTimeoutSeconds()).isEqualTo(30);
        assertThat(world.hypervisor.calls(ControllableBackend.Call.INSPECT, vps)).isEqualTo(inspectsBefore);
    }

    @Test
    void a_poll_moments_after_a_check_answers_what_it_found_and_the_next_poll_looks() {
        World world = world(true);
        UUID instance = world.installInstance();
        UUID vps = bootingAfterThreeBoots(world, instance);
        guestReadyAfterTheCheckAtTheEarlyEnd(world, vps, Duration.ofSeconds(1));

        VpsAnswer soon = poll(world, instance, vps);
        world.clock.advance(Duration.ofSeconds(soon.retryTimeoutSeconds()));
        VpsAnswer next = poll(world, instance, vps);

        assertThat(soon.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(soon.retryTimeoutSeconds()).isEqualTo(MINIMUM);
        assertThat(next.outcome()).isEqualTo(Outcome.DONE);
    }

    @Test
    void without_adaptive_advice_polls_answer_what_the_checks_found() {
        World world = world(false);
        UUID instance = world.installInstance();
        UUID vps = bootingAfterThreeBoots(world, instance);
        guestReadyAfterTheCheckAtTheEarlyEnd(world, vps, Duration.ofSeconds(6));

        VpsAnswer polled = poll(world, instance, vps);

        assertThat(polled.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(polled.retryTimeoutSeconds()).isEqualTo(World.GUEST_CHECK.minusSeconds(6).toSeconds());
    }

    @Test
    void a_poll_during_the_drivers_check_waits_for_it_and_answers_what_it_found() throws Exception {
        World world = world(true);
        UUID instance = world.installInstance();
        UUID vps = bootingAfterThreeBoots(world, instance);
        world.clock.advance(BOOT.plusSeconds(World.GUEST_CHECK.toSeconds()));
        UUID operation = world.latestOperation(vps).id();
        ControllableBackend.Hang hang = world.hypervisor.hang(ControllableBackend.Call.INSPECT);
        assertThat(world.claim(operation, World.DRIVER_NODE)).isTrue();
        CompletableFuture<Void> check = CompletableFuture.runAsync(() -> world.runner.attempt(operation, World.DRIVER_NODE));
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> hang.blocked() == 1);
        world.hypervisor.stopHanging(ControllableBackend.Call.INSPECT);
        world.hypervisor.bootGuest(vps);

        CompletableFuture<VpsAnswer> polled = CompletableFuture.supplyAsync(() -> poll(world, instance, vps));
        Thread.sleep(300);
        assertThat(polled).as("the poll waits for the check under way").isNotDone();
        hang.release();

        assertThat(polled.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.DONE);
        check.get(10, TimeUnit.SECONDS);
    }
}
