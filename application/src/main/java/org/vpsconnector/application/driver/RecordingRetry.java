package org.vpsconnector.application.driver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Transactions;

/**
 * Writes what an attempt did on a backend. That work is done and must not be undone because the
 * database did not answer: the write is retried, with growing pauses, for a while. If the
 * database stays away the operation is left as it is stored; its lease runs out and the next
 * attempt adopts what the backend already has.
 */
final class RecordingRetry {
    private static final System.Logger LOG = System.getLogger(RecordingRetry.class.getName());
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
    // Beyond this a sync request would wait too long for its 503, and a background attempt is
    // better left to the next one.
    private static final Duration MOST_PATIENCE = Duration.ofSeconds(10);

    private final Transactions transactions;
    private final Clock clock;
    private final Duration patience;

    RecordingRetry(Transactions transactions, Clock clock, Duration patience) {
        this.transactions = transactions;
        this.clock = clock;
        this.patience = patience;
    }

    /** Retries within half the lease, so that a write that gets through is still the lease holder's. */
    static RecordingRetry withinLease(Transactions transactions, Clock clock, Duration leaseDuration) {
        Duration half = leaseDuration.dividedBy(2);
        return new RecordingRetry(transactions, clock, half.compareTo(MOST_PATIENCE) < 0 ? half : MOST_PATIENCE);
    }

    /**
     * Runs {@code work} in a transaction, again after a pause each time the database is
     * unavailable; throws the last {@link RepositoryUnavailableException} once patience runs out.
     * The work must read before it writes: a commit cut off by a broken connection may have been
     * written after all.
     */
    <T> T write(String what, Transactions.Work<T> work) {
        return retried(what, () -> transactions.inTransaction(work));
    }

    /** As {@link #write}, for work that only reads. */
    <T> T read(String what, Transactions.Work<T> work) {
        return retried(what, () -> transactions.read(work));
    }

    private <T> T retried(String what, java.util.function.Supplier<T> run) {
        Instant giveUpAt = clock.instant().plus(patience);
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                return run.get();
            } catch (RepositoryUnavailableException unavailable) {
                if (!clock.instant().plus(pause).isBefore(giveUpAt)) {
                    LOG.log(System.Logger.Level.WARNING, "could not record " + what + " after " + attempt
                            + " tries; left for the next attempt: " + unavailable.getMessage());
                    throw unavailable;
                }
                LOG.log(System.Logger.Level.WARNING, "could not record " + what + ", trying again in "
                        + pause.toMillis() + " ms: " + unavailable.getMessage());
                if (!sleep(pause)) {
                    throw unavailable;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? pause.multipliedBy(2) : LONGEST_PAUSE;
            }
        }
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
