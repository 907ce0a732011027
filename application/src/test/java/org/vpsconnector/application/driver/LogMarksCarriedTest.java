package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.BoundedCalls;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.testing.ThreadMarks;

/** Work the application hands to threads of its own keeps the log marks of whoever handed it over. */
class LogMarksCarriedTest {
    private final ThreadMarks marks = new ThreadMarks();
    private final UUID instance = UUID.randomUUID();

    @Test
    void aBoundedBackendCallRunsWithTheMarksOfItsCaller() {
        try (BoundedCalls calls = new BoundedCalls("test", Duration.ofSeconds(30), 1, marks)) {
            String seen;
            try (LogContext.Scope request = marks.open("txn-1", instance)) {
                seen = calls.call("look", marks::here);
            }
            String seenWithoutMarks = calls.call("look again", marks::here);

            assertThat(seen).isEqualTo("txn-1 " + instance);
            assertThat(seenWithoutMarks).as("the call thread does not keep the marks of an earlier call").isNull();
        }
    }

    @Test
    void workDoneWithinARequestRunsWithTheRequestsMarks() {
        InRequestAttempts attempts = new InRequestAttempts(2, marks);
        String seen;
        try (LogContext.Scope request = marks.open("txn-2", instance)) {
            seen = attempts.within(Duration.ofSeconds(30), marks::here, WaitingRequest.waiting()).orElseThrow();
        }

        assertThat(seen).isEqualTo("txn-2 " + instance);
        assertThat(attempts.within(Duration.ofSeconds(30), () -> String.valueOf(marks.here()), WaitingRequest.waiting())).contains("null");
    }

    @Test
    void aContextThatCannotTellItsMarksCarriesNone() throws Exception {
        assertThat(LogContext.NONE.carry(() -> "done").call()).isEqualTo("done");
    }
}
