package org.vpsconnector.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.vpsconnector.application.port.out.Transactions;

/**
 * Forgets the history of finished operations once it is older than {@code keep}: an operation
 * that ended before then and is not the latest of its VPS is deleted with its transitions. The
 * latest operation of every VPS stays with its transitions, so a late poll or repeat still gets
 * its answer; unfinished operations are never touched. Works in batches of {@code batchSize}
 * operations, each in a short transaction of its own, so no pass holds many locks for long.
 * Nothing prunable ever becomes unprunable: an operation that is not the latest of its VPS
 * stays so, and only the latest may be retried.
 */
public final class OperationHistoryRetention {
    private final Transactions transactions;
    private final Clock clock;
    private final Duration keep;
    private final int batchSize;

    public OperationHistoryRetention(Transactions transactions, Clock clock, Duration keep, int batchSize) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("the history must be kept for a positive time, got " + keep);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one operation, got " + batchSize);
        }
        this.keep = keep;
        this.batchSize = batchSize;
    }

    /** What one pass deleted, in how many batches (transactions), and the time before which it looked. */
    public record Pruned(int operations, int transitions, int batches, Instant finishedBefore) {
    }

    /** One pass: batches until none is left that ended before {@code keep} ago. */
    public Pruned prune() {
        Instant finishedBefore = clock.instant().minus(keep);
        int operations = 0;
        int transitions = 0;
        int batches = 0;
        while (true) {
            Batch batch = transactions.inTransaction(repositories -> {
                List<UUID> prunable = repositories.operations().findPrunable(finishedBefore, batchSize);
                if (prunable.isEmpty()) {
                    return new Batch(0, 0, 0);
                }
                int deletedTransitions = repositories.transitions().deleteOf(prunable);
                int deletedOperations = repositories.operations().deletePrunable(prunable, finishedBefore);
                return new Batch(prunable.size(), deletedOperations, deletedTransitions);
            });
            if (batch.found() == 0) {
                break;
            }
            batches++;
            operations += batch.operations();
            transitions += batch.transitions();
            // A short batch was the last; one that deleted nothing would be found again, forever.
            if (batch.found() < batchSize || batch.operations() == 0) {
                break;
            }
        }
        return new Pruned(operations, transitions, batches, finishedBefore);
    }

    private record Batch(int found, int operations, int transitions) {
    }
}
