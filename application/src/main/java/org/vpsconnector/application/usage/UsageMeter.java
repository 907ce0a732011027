package org.vpsconnector.application.usage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.vpsconnector.application.TaskFailures;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.ConcurrentWriteException;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.domain.MeteredUsage;
import org.vpsconnector.domain.UsageReading;
import org.vpsconnector.domain.Vps;

/**
 * Measures the usage of every VPS that may have a server, in the background, and stores the
 * latest figures, so that retrieve serves them without waiting on a backend. Each pass reads a few
 * servers at a time through the bounded backends; a server that cannot be read keeps its last
 * figures until the next pass. Several replicas may run a meter: each claims a VPS before reading
 * its server and stores the reading only while it still holds the claim, so readings of one server
 * are stored in the order they were taken and a restart between two of them is never counted twice.
 */
public final class UsageMeter {
    private static final System.Logger LOG = System.getLogger(UsageMeter.class.getName());
    private static final int PAGE = 500;

    /** What one pass did. */
    public record Pass(int measured, int unreadable, int removed) {
    }

    private final Transactions transactions;
    private final Fleet fleet;
    private final Clock clock;
    private final UsageSettings settings;
    private final String meterId;
    private volatile Instant lastPassAt;
    private ScheduledExecutorService timer;
    private ExecutorService readers;

    /** {@code meterId} names this meter in the claims it takes, unique among the replicas. */
    public UsageMeter(Transactions transactions, Fleet fleet, Clock clock, UsageSettings settings, String meterId) {
        this.meterId = meterId;
        this.transactions = transactions;
        this.fleet = fleet;
        this.clock = clock;
        this.settings = settings;
    }

    public synchronized void start() {
        readers = Executors.newFixedThreadPool(settings.concurrentReads(), named("usage-reader"));
        timer = Executors.newSingleThreadScheduledExecutor(named("usage-meter"));
        timer.scheduleWithFixedDelay(this::measureSafely, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() throws InterruptedException {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        readers.shutdownNow();
        readers.awaitTermination(10, TimeUnit.SECONDS);
        timer = null;
        readers = null;
    }

    /** When the last pass ended, null before the first. */
    public Instant lastPassAt() {
        return lastPassAt;
    }

    /** Measures every VPS that may have a server once, and forgets the figures of deleted VPSes. */
    public Pass measureAll() {
        ExecutorService pool = readers != null ? readers : Executors.newFixedThreadPool(settings.concurrentReads(), named("usage-reader"));
        try {
            Tally tally = new Tally();
            ReadPace pace = ReadPace.of(settings.maxReadsPerSecond());
            // Page by page: a pass over a hundred thousand VPSes holds one page of them and their reads at a time.
            UUID after = null;
            List<Vps> page;
            do {
                UUID from = after;
                page = transactions.read(repositories -> repositories.vpses().listNotDeletedAfter(from, PAGE));
                measurePage(page, pool, pace, tally);
                after = page.isEmpty() ? null : page.get(page.size() - 1).id();
            } while (page.size() == PAGE);
            if (tally.unreadable > 0) {
                LOG.log(System.Logger.Level.WARNING, tally.unreadable + " VPS(es) keep their last usage figures: "
                        + "they could not be measured (" + tally.firstProblem + ")");
            }
            int removed = transactions.inTransaction(repositories -> repositories.usage().removeOfDeletedVpses());
            lastPassAt = clock.instant();
            return new Pass(tally.measured, tally.unreadable, removed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring usage", interrupted);
        } finally {
            if (pool != readers) {
                pool.shutdownNow();
            }
        }
    }

    private void measurePage(List<Vps> page, ExecutorService pool, ReadPace pace, Tally tally) throws InterruptedException {
        List<Future<Boolean>> reads = new ArrayList<>();
        for (Vps vps : page) {
            pace.awaitTurn();
            reads.add(pool.submit(() -> measure(vps)));
        }
        for (Future<Boolean> read : reads) {
            try {
                if (read.get()) {
                    tally.measured++;
                }
            } catch (ExecutionException failed) {
                RuntimeException cause = TaskFailures.unwrapped(failed, "measuring a VPS failed");
                if (cause instanceof RepositoryUnavailableException unavailable) {
                    throw unavailable;
                }
                tally.unreadable++;
                tally.firstProblem = tally.firstProblem != null ? tally.firstProblem : cause.getMessage();
            }
        }
    }

    /** What a pass counted so far. */
    private static final class Tally {
        int measured;
        int unreadable;
        String firstProblem;
    }

    /**
     * Reads the VPS's server under a claim and stores the reading; false when there is no server
     * to read, the VPS is deleted, or another meter is reading it now.
     */
    private boolean measure(Vps vps) {
        Instant claimedAt = clock.instant();
        Claim claim;
        try {
            claim = transactions.inTransaction(repositories -> repositories.usage()
                    .claim(vps.id(), meterId, claimedAt, claimedAt.plus(settings.claimDuration()))
                    ? new Claim(repositories.usage().find(vps.id())) : null);
        } catch (ConcurrentWriteException anotherMeterFirst) {
            return false;
        }
        if (claim == null) {
            return false;
        }
        Optional<UsageReading> reading;
        try {
            reading = fleet.backendOf(vps).measure(vps.id());
        } catch (RuntimeException unreadable) {
            release(vps);
            throw unreadable;
        }
        if (reading.isEmpty()) {
            release(vps);
            return false;
        }
        Instant readAt = clock.instant();
        MeteredUsage next = claim.lastFigures().map(last -> last.next(reading.get(), readAt))
                .orElseGet(() -> MeteredUsage.first(vps.id(), reading.get(), readAt));
        // Refused when the claim expired while the server was read (another meter may have read it since) or the VPS was deleted.
        if (transactions.inTransaction(repositories -> repositories.usage().saveIfClaimedBy(next, meterId, readAt))) {
            return true;
        }
        release(vps);
        return false;
    }

    /** A claim taken, with the figures stored before it: while it is held no other meter replaces them. */
    private record Claim(Optional<MeteredUsage> lastFigures) {
    }

    private void release(Vps vps) {
        transactions.inTransaction(repositories -> {
            repositories.usage().release(vps.id(), meterId);
            return null;
        });
    }

    private void measureSafely() {
        try {
            measureAll();
        } catch (RepositoryUnavailableException | BackendException unavailable) {
            LOG.log(System.Logger.Level.WARNING, "measuring usage failed, tried again in "
                    + settings.interval().toMillis() + " ms: " + unavailable.getMessage());
        } catch (RuntimeException failure) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopped in the middle of a pass: the next start measures again
            }
            LOG.log(System.Logger.Level.ERROR, "measuring usage failed", failure);
        }
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
