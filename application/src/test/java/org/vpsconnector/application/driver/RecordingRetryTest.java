package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.testing.CapturedLog;
import org.vpsconnector.application.testing.InMemoryTransactions;
import org.vpsconnector.application.testing.TestClock;

/** A write of what a backend did is retried while the database is briefly away, and the operator is told. */
class RecordingRetryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final InMemoryTransactions db = new InMemoryTransactions();
    private final CapturedLog log = CapturedLog.of(RecordingRetry.class);

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void refused_writes_are_tried_again_after_growing_pauses_until_patience_runs_out() {
        RecordingRetry retry = new RecordingRetry(db, clock, Duration.ofSeconds(1));
        // Each refusal takes 300 ms of the clock, like a connect time-out.
        db.onRefusal(() -> clock.advance(Duration.ofMillis(300)));
        db.setDown(true);

        assertThatThrownBy(() -> retry.write("the outcome of operation 7", repositories -> "written"))
                .isInstanceOf(RepositoryUnavailableException.class);

        assertThat(log.said()).containsExactly(
                "WARNING could not record the outcome of operation 7, trying again in 100 ms: "
                        + "the database is unavailable: connection refused",
                "WARNING could not record the outcome of operation 7, trying again in 200 ms: "
                        + "the database is unavailable: connection refused",
                "WARNING could not record the outcome of operation 7 after 3 tries; left for the next attempt: "
                        + "the database is unavailable: connection refused");
    }

    @Test
    void a_write_refused_a_few_times_gets_through_once_the_database_answers() {
        RecordingRetry retry = new RecordingRetry(db, clock, Duration.ofSeconds(10));
        db.refuseNext(2);

        String read = retry.read("the lease of operation 7", repositories -> "read");

        assertThat(read).isEqualTo("read");
        assertThat(log.saidAt(System.Logger.Level.WARNING)).hasSize(2);
    }

    @Test
    void an_interrupted_write_gives_up_at_once_and_keeps_the_interrupt() {
        RecordingRetry retry = new RecordingRetry(db, clock, Duration.ofSeconds(10));
        db.refuseNext(1);
        int commitsBefore = db.commits();
        boolean stillInterrupted;
        try {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> retry.write("the outcome of operation 7", repositories -> "written"))
                    .isInstanceOf(RepositoryUnavailableException.class);
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertThat(stillInterrupted).isTrue();
        assertThat(db.commits()).as("not tried again").isEqualTo(commitsBefore);
    }
}
