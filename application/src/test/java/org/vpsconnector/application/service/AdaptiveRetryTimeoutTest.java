package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.ASYNC;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.driver.ProvisioningSettings;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.port.in.VpsAnswer.Outcome;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.RetryTimeoutPolicy;

/** The APS-Retry-Timeout of a 202 follows how long the same work took lately, so that the controller polls once or twice, as it ends. */
class AdaptiveRetryTimeoutTest {
    private static final Duration BOOT = Duration.ofSeconds(60);

    private static World world(double jitter) {
        ProvisioningSettings usual = World.settings(true, World.BACKOFF);
        return new World(new ProvisioningSettings(usual.startOnCreate(), usual.syncBudget(), usual.buildTimeout(),
                usual.guestCheckInterval(), usual.backoff(),
                new RetryTimeoutPolicy(Duration.ofSeconds(5), Duration.ofSeconds(300), jitter, true), usual.hardwareLimits()));
    }

    /** A VM provision that takes {@link #BOOT} from its acceptance to its end, as the controller polls it. */
    private static void provisionTakingTheBoot(World world, UUID instance) {
        UUID vps = UUID.randomUUID();
        assertThat(world.requests.provision(provision(instance, vps, SYNC, VM_SPEC)).outcome()).isEqualTo(Outcome.ACCEPTED);
        world.driveDue();
        world.clock.advance(BOOT);
        world.hypervisor.bootGuest(vps);
        world.driveDue();
        assertThat(world.requests.provision(provision(instance, vps, ASYNC, VM_SPEC)).outcome()).isEqualTo(Outcome.DONE);
    }

    @Test
    void before_anything_is_known_the_controller_comes_back_for_the_next_check() {
        World world = world(0.0);
        UUID instance = world.installInstance();

        VpsAnswer accepted = world.requests.provision(provision(instance, UUID.randomUUID(), SYNC, VM_SPEC));

        assertThat(accepted.retryTimeoutSeconds()).isEqualTo(5);
    }

    @Test
    void once_provisions_have_taken_a_minute_the_next_one_is_polled_after_a_minute_then_for_what_is_left() {
        World world = world(0.0);
        UUID instance = world.installInstance();
        for (int i = 0; i < 3; i++) {
            provisionTakingTheBoot(world, instance);
        }
        UUID vps = UUID.randomUUID();

        VpsAnswer accepted = world.requests.provision(provision(instance, vps, SYNC, VM_SPEC));
        world.driveDue();
        world.clock.advance(Duration.ofSeconds(45));
        VpsAnswer early = world.requests.provision(provision(instance, vps, ASYNC, VM_SPEC));

        assertThat(accepted.retryTimeoutSeconds()).isEqualTo(BOOT.toSeconds());
        assertThat(early.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(early.retryTimeoutSeconds()).isEqualTo(15);
    }

    @Test
    void after_boots_of_40_60_and_80_seconds_the_next_is_polled_after_the_quick_one_then_after_the_minimum() {
        World world = world(0.0);
        UUID instance = world.installInstance();
        for (long seconds : new long[] {60, 80, 40}) {
            UUID vps = UUID.randomUUID();
            assertThat(world.requests.provision(provision(instance, vps, SYNC, VM_SPEC)).outcome()).isEqualTo(Outcome.ACCEPTED);
            world.driveDue();
            world.clock.advance(Duration.ofSeconds(seconds));
            world.hypervisor.bootGuest(vps);
            world.driveDue();
            assertThat(world.requests.provision(provision(instance, vps, ASYNC, VM_SPEC)).outcome()).isEqualTo(Outcome.DONE);
        }
        UUID vps = UUID.randomUUID();

        VpsAnswer accepted = world.requests.provision(provision(instance, vps, SYNC, VM_SPEC));
        world.driveDue();
        world.clock.advance(Duration.ofSeconds(40));
        world.driveDue();
        VpsAnswer stillBooting = world.requests.provision(provision(instance, vps, ASYNC, VM_SPEC));

        // A boot as quick as the quickest is seen when it ends, not when the median boot would end; past
        // that, each poll looks at the guest itself (PollLooksAtTheGuestTest), so it comes after the minimum.
        assertThat(accepted.retryTimeoutSeconds()).isEqualTo(40);
        assertThat(stillBooting.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(stillBooting.retryTimeoutSeconds()).isEqualTo(5);
    }

    @Test
    void jitter_spreads_the_polls_of_operations_accepted_together() {
        World world = world(0.2);
        UUID instance = world.installInstance();
        for (int i = 0; i < 3; i++) {
            provisionTakingTheBoot(world, instance);
        }

        Set<Long> advised = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            advised.add(world.requests.provision(provision(instance, UUID.randomUUID(), SYNC, VM_SPEC)).retryTimeoutSeconds());
        }

        assertThat(advised).allMatch(seconds -> seconds >= 48 && seconds <= 60).hasSizeGreaterThan(3);
    }
}
