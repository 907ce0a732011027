package org.vpsconnector.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bounded calls tell their observer each named call's outcome, and count the calls under way. */
class BackendCallObservationTest {
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final BackendCallObserver observer = (call, took, outcome) -> {
        assertThat(took.isNegative()).isFalse();
        told.add(call + " " + outcome);
    };

    @Test
    void eachNamedCallIsToldWithHowItEnded() throws Exception {
        try (BoundedCalls calls = new BoundedCalls("test", Duration.ofMinutes(1), 1, LogContext.NONE, observer)) {
            assertThat(calls.call("inspect", "inspect a server", () -> "answer")).isEqualTo("answer");
            assertThatThrownBy(() -> calls.run("create", "create a server", () -> {
                throw BackendException.permanentFailure("no such image", null);
            })).isInstanceOf(BackendException.class).hasMessageContaining("no such image");

            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> blocking = CompletableFuture.runAsync(() -> calls.run("stop", "stop a server", () -> {
                entered.countDown();
                awaitQuietly(release);
            }));
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(calls.callsUnderWay()).isEqualTo(1);
            assertThatThrownBy(() -> calls.run("start", "start a server", () -> { }))
                    .isInstanceOf(BackendException.class).hasMessageContaining("calls under way");
            release.countDown();
            blocking.get(30, TimeUnit.SECONDS);

            calls.call("unnamed work", () -> null);
        }

        assertThat(told).containsExactly("inspect SUCCEEDED", "create FAILED", "start REFUSED", "stop SUCCEEDED");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
