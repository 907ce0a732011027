package org.vpsconnector.application.driver;

import org.vpsconnector.application.port.out.LogContext;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Exactly one of the waiting request and the recorded outcome tells the controller. */
class WaitingRequestTest {

    @Test
    void an_outcome_recorded_while_the_request_waits_is_answered_by_it() {
        WaitingRequest waiting = WaitingRequest.waiting();

        assertThat(waiting.answersOutcome()).isTrue();
        assertThat(waiting.answersOutcome()).as("a retried recording asks again").isTrue();
        assertThat(waiting.stopWaiting()).as("the request must wait for that outcome").isFalse();
    }

    @Test
    void an_outcome_recorded_after_the_request_stopped_waiting_is_owed_as_an_update() {
        WaitingRequest waiting = WaitingRequest.waiting();

        assertThat(waiting.stopWaiting()).isTrue();
        assertThat(waiting.answersOutcome()).isFalse();
    }

    @Test
    void no_request_waits_for_a_driver_attempt() {
        assertThat(WaitingRequest.none().answersOutcome()).isFalse();
    }

    @Test
    void a_request_whose_outcome_is_being_recorded_at_its_budget_waits_for_it_instead_of_answering_202() throws Exception {
        InRequestAttempts attempts = new InRequestAttempts(1, LogContext.NONE);
        WaitingRequest waiting = WaitingRequest.waiting();
        CountDownLatch recorded = new CountDownLatch(1);
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            // The commit of the outcome ends well after the budget.
            later.schedule(recorded::countDown, 500, TimeUnit.MILLISECONDS);

            Optional<String> answer = attempts.within(Duration.ofMillis(50), () -> {
                waiting.answersOutcome();
                recorded.await();
                return "succeeded";
            }, waiting);

            assertThat(answer).contains("succeeded");
        } finally {
            later.shutdownNow();
        }
    }
}
