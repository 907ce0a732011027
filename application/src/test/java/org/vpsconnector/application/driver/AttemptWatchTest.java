package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.testing.TestClock;

/** What the health check reads of the attempts under way (the oldest, and whether work stopped moving), and waits for one to end. */
class AttemptWatchTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final AttemptWatch watch = new AttemptWatch(clock);

    @Test
    void the_longest_running_attempt_is_the_one_started_first_until_it_ends() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        AttemptWatch.Ticket firstTicket = watch.started(first);
        clock.advance(Duration.ofSeconds(5));
        AttemptWatch.Ticket secondTicket = watch.started(second);
        clock.advance(Duration.ofSeconds(15));

        assertThat(watch.longestRunning()).contains(new AttemptWatch.Running(first, T0));
        assertThat(watch.longestRunning().orElseThrow().runningFor(clock.instant())).isEqualTo(Duration.ofSeconds(20));

        firstTicket.close();

        assertThat(watch.longestRunning()).contains(new AttemptWatch.Running(second, T0.plusSeconds(5)));
        secondTicket.close();
        assertThat(watch.longestRunning()).isEmpty();
    }

    @Test
    void an_operation_is_under_way_only_while_an_attempt_at_it_is() {
        UUID attempted = UUID.randomUUID();
        UUID other = UUID.randomUUID();

        try (AttemptWatch.Ticket ticket = watch.started(attempted)) {
            assertThat(watch.isUnderWay(attempted)).isTrue();
            assertThat(watch.isUnderWay(other)).isFalse();
        }

        assertThat(watch.isUnderWay(attempted)).isFalse();
    }

    @Test
    void a_wait_for_an_attempt_ends_when_the_attempt_ends() throws Exception {
        UUID attempted = UUID.randomUUID();
        AttemptWatch.Ticket ticket = watch.started(attempted);

        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> watch.awaitEnd(attempted, Duration.ofMinutes(10)));
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        ticket.close();

        waiting.get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_wait_for_an_attempt_that_goes_on_ends_at_its_timeout() throws Exception {
        UUID attempted = UUID.randomUUID();

        try (AttemptWatch.Ticket ticket = watch.started(attempted)) {
            CompletableFuture.runAsync(() -> watch.awaitEnd(attempted, Duration.ofMillis(50))).get(10, TimeUnit.SECONDS);

            assertThat(watch.isUnderWay(attempted)).isTrue();
        }
        // Nothing under way: no wait at all.
        watch.awaitEnd(attempted, Duration.ofMinutes(10));
    }

    @Test
    void transient_failures_are_a_stall_from_the_first_until_an_attempt_makes_progress() {
        watch.failedTransiently("create failed");
        clock.advance(Duration.ofSeconds(30));
        watch.failedTransiently("inspect failed");

        assertThat(watch.stall()).contains(new AttemptWatch.Stall(T0, T0.plusSeconds(30), "inspect failed"));

        watch.progressed();

        assertThat(watch.stall()).isEmpty();
    }
}
