package org.vpsconnector.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BoundedCallsTest {

    @Test
    void a_call_past_its_timeout_fails_transiently_and_while_too_many_are_stuck_new_calls_are_refused_at_once() {
        CountDownLatch answer = new CountDownLatch(1);
        try (BoundedCalls calls = new BoundedCalls("test", Duration.ofMillis(200), 1)) {
            assertThatThrownBy(() -> calls.run("wait for a daemon that never answers", () -> awaitIgnoringInterrupts(answer)))
                    .isInstanceOfSatisfying(BackendException.class, failure -> assertThat(failure.isTransient()).isTrue())
                    .hasMessageContaining("did not answer within 200 ms while trying to wait for a daemon that never answers");
            assertThat(calls.abandonedCalls()).isEqualTo(1);

            assertThatThrownBy(() -> calls.call("inspect", () -> "answered"))
                    .isInstanceOfSatisfying(BackendException.class, failure -> assertThat(failure.isTransient()).isTrue())
                    .hasMessageContaining("refusing to inspect");

            answer.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (calls.abandonedCalls() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(calls.abandonedCalls()).isZero();
            assertThat(calls.call("inspect", () -> "answered")).isEqualTo("answered");
        }
    }

    @Test
    void a_failure_of_the_call_reaches_the_caller_as_it_was() {
        try (BoundedCalls calls = new BoundedCalls("test", Duration.ofSeconds(30), 2)) {
            BackendException refused = BackendException.permanentFailure("no such image", null);
            assertThatThrownBy(() -> calls.run("create", () -> {
                throw refused;
            })).isSameAs(refused);
            assertThat(calls.abandonedCalls()).isZero();
        }
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // A native call does not notice interrupts either.
            }
        }
    }
}
