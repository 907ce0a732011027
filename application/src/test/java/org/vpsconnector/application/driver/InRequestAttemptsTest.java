package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.LogContext;

/** The threads that do the work of controllers' requests. */
class InRequestAttemptsTest {
    private static final Duration BUDGET = Duration.ofSeconds(30);

    @Test
    void work_done_within_a_request_does_not_keep_the_process_from_exiting() {
        InRequestAttempts attempts = new InRequestAttempts(1, LogContext.NONE);

        assertThat(attempts.within(BUDGET, () -> Thread.currentThread().isDaemon(), WaitingRequest.waiting()))
                .contains(true);
    }

    @Test
    void a_request_interrupted_while_it_waits_is_answered_at_once_and_stays_interrupted() {
        InRequestAttempts attempts = new InRequestAttempts(1, LogContext.NONE);
        WaitingRequest waiting = WaitingRequest.waiting();
        CountDownLatch release = new CountDownLatch(1);
        Optional<String> answer;
        boolean stillInterrupted;
        try {
            Thread.currentThread().interrupt();
            answer = attempts.within(BUDGET, () -> {
                release.await();
                return "done";
            }, waiting);
        } finally {
            stillInterrupted = Thread.interrupted();
            release.countDown();
        }

        assertThat(answer).isEmpty();
        assertThat(stillInterrupted).as("the interrupt is kept for the request's thread").isTrue();
        assertThat(waiting.answersOutcome()).as("the outcome is owed as an update").isFalse();
    }

    @Test
    void work_beyond_the_bound_is_refused_without_being_started() throws Exception {
        InRequestAttempts attempts = new InRequestAttempts(1, LogContext.NONE);
        CountDownLatch release = new CountDownLatch(1);
        try {
            assertThat(attempts.within(Duration.ZERO, () -> release.await(BUDGET.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), WaitingRequest.waiting())).isEmpty();

            assertThatThrownBy(() -> attempts.within(BUDGET, () -> "second", WaitingRequest.waiting()))
                    .isInstanceOf(RejectedExecutionException.class);
        } finally {
            release.countDown();
        }
    }
}
