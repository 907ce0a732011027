package org.vpsconnector.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** How many calls are under way, what a caller that stops waiting gets, and what a closed backend answers. */
class BoundedCallsUnderWayTest {
    private record Ended(String call, Duration took, BackendCallObserver.Outcome outcome) {
    }

    @Test
    void the_timeout_and_the_most_calls_at_once_are_positive() {
        try (BoundedCalls calls = new BoundedCalls("test", Duration.ofSeconds(7), 3)) {
            assertThat(calls.timeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(calls.maxCalls()).isEqualTo(3);
        }
        assertThatThrownBy(() -> new BoundedCalls("test", Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the call timeout must be positive, got PT0S");
        assertThatThrownBy(() -> new BoundedCalls("test", Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one call must be allowed, got 0");
    }

    @Test
    void a_call_counts_as_under_way_until_it_ends() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (BoundedCalls calls = new BoundedCalls("test", Duration.ofSeconds(30), 2)) {
            assertThat(calls.callsUnderWay()).isZero();
            Future<String> call = caller.submit(() -> calls.call("inspect", () -> {
                entered.countDown();
                answer.await();
                return "answered";
            }));
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(calls.callsUnderWay()).isEqualTo(1);

            answer.countDown();
            assertThat(call.get()).isEqualTo("answered");
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.callsUnderWay() == 0);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void the_observer_is_told_how_long_the_caller_waited_and_how_the_call_ended() {
        List<Ended> ended = new CopyOnWriteArrayList<>();
        try (BoundedCalls calls = new BoundedCalls("test", Duration.ofSeconds(30), 2, LogContext.NONE,
                (call, took, outcome) -> ended.add(new Ended(call, took, outcome)))) {
            long before = System.nanoTime();
            calls.run("start", "start the server", () -> { });
            Duration around = Duration.ofNanos(System.nanoTime() - before);

            assertThat(ended).singleElement().satisfies(end -> {
                assertThat(end.call()).isEqualTo("start");
                assertThat(end.outcome()).isEqualTo(BackendCallObserver.Outcome.SUCCEEDED);
                assertThat(end.took()).isGreaterThanOrEqualTo(Duration.ZERO).isLessThanOrEqualTo(around);
            });
        }
    }

    @Test
    void a_caller_interrupted_while_waiting_gets_a_transient_failure_keeps_the_interrupt_and_the_call_is_abandoned()
            throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        AtomicBoolean interruptKept = new AtomicBoolean();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (BoundedCalls calls = new BoundedCalls("test", Duration.ofSeconds(30), 1)) {
            Future<Throwable> failure = caller.submit(() -> {
                try {
                    calls.run("stop", () -> {
                        entered.countDown();
                        awaitIgnoringInterrupts(answer);
                    });
                    return null;
                } catch (BackendException failed) {
                    interruptKept.set(Thread.currentThread().isInterrupted());
                    return failed;
                }
            });
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

            caller.shutdownNow();

            assertThat(failure.get()).isInstanceOfSatisfying(BackendException.class,
                            failed -> assertThat(failed.isTransient()).isTrue())
                    .hasMessage("interrupted while waiting for the test backend to stop");
            assertThat(interruptKept).isTrue();
            assertThat(calls.abandonedCalls()).isEqualTo(1);
            assertThat(calls.callsUnderWay()).as("the abandoned call still blocks in the backend").isEqualTo(1);

            answer.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.callsUnderWay() == 0 && calls.abandonedCalls() == 0);
        } finally {
            answer.countDown();
            caller.shutdownNow();
        }
    }

    @Test
    void a_closed_backend_refuses_every_call_and_holds_no_call_under_way() {
        List<Ended> ended = new CopyOnWriteArrayList<>();
        BoundedCalls calls = new BoundedCalls("test", Duration.ofSeconds(30), 1, LogContext.NONE,
                (call, took, outcome) -> ended.add(new Ended(call, took, outcome)));
        calls.close();

        assertThatThrownBy(() -> calls.run("create", "create the server", () -> { }))
                .isInstanceOfSatisfying(BackendException.class, failed -> assertThat(failed.isTransient()).isTrue())
                .hasMessage("the test backend is closed; cannot create the server");
        assertThatThrownBy(() -> calls.run("create", "create the server", () -> { }))
                .as("the refused call gave its permit back").hasMessageContaining("is closed");
        assertThat(calls.callsUnderWay()).isZero();
        assertThat(ended).extracting(Ended::outcome)
                .containsExactly(BackendCallObserver.Outcome.REFUSED, BackendCallObserver.Outcome.REFUSED);
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException ignored) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
