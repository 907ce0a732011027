package org.vpsconnector.application.usage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.vpsconnector.application.TaskFailures;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.service.Backends;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.MeteredUsage;
import org.vpsconnector.domain.UsageReading;
import org.vpsconnector.domain.Vps;

/**
 * Measures the usage of every VPS that may have a server, in the background, and stores the
 * latest figures, so that retrieve serves them without waiting on a backend. Each pass reads a few
 * servers at a time through the bounded backends; a server that cannot be read keeps its last
 * figures until the next pass. Several replicas may measure the same VPS: the figures are written
 * under a row lock and a reading older than the stored one is dropped, so counters never count twice.
 */
public final class UsageMeter {
    private static final System.Logger LOG = System.getLogger(UsageMeter.class.getName());

    /** What one pass did. */
    public record Pass(int measured, int unreadable, int removed) {
    }

    private final Transactions transactions;
    private final Backends backends;
    private final Clock clock;
    private final UsageSettings settings;
    private volatile Instant lastPassAt;
    private ScheduledExecutorService timer;
    private ExecutorService readers;

    public UsageMeter(Transactions transactions, Backends backends, Clock clock, UsageSettings settings) {
        this.transactions = transactions;
        this.backends = backends;
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
        List<Vps> vpses = transactions.inTransaction(repositories -> repositories.vpses().listNotDeleted());
        ExecutorService pool = readers != null ? readers : Executors.newFixedThreadPool(settings.concurrentReads(), named("usage-reader"));
        try {
            List<Future<Boolean>> reads = new ArrayList<>();
            for (Vps vps : vpses) {
                reads.add(pool.submit(() -> measure(vps)));
            }
            int measured = 0;
            int unreadable = 0;
            String firstProblem = null;
            for (Future<Boolean> read : reads) {
                try {
                    if (read.get()) {
                        measured++;
                    }
                } catch (ExecutionException failed) {
                    RuntimeException cause = TaskFailures.unwrapped(failed, "measuring a VPS failed");
                    if (cause instanceof RepositoryUnavailableException unavailable) {
                        throw unavailable;
                    }
                    unreadable++;
                    firstProblem = firstProblem != null ? firstProblem : cause.getMessage();
                }
            }
            if (unreadable > 0) {
                LOG.log(System.Logger.Level.WARNING, unreadable + " VPS(es) keep their last usage figures: "
                        + "they could not be measured (" + firstProblem + ")");
            }
            int removed = transactions.inTransaction(repositories -> repositories.usage().removeOfDeletedVpses());
            lastPassAt = clock.instant();
            return new Pass(measured, unreadable, removed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring usage", interrupted);
        } finally {
            if (pool != readers) {
                pool.shutdownNow();
            }
        }
    }

    /** Stores a new reading of the VPS's server; false when there is no server to read. */
    private boolean measure(Vps vps) {
        Optional<UsageReading> reading = backends.forTechnology(vps.technology()).measure(vps.id());
        if (reading.isEmpty()) {
            return false;
        }
        Instant readAt = clock.instant();
        // Two meters storing the first figures of a VPS at once: the second runs again and updates.
        return transactions.inTransactionRetryingConcurrentWrite(repositories -> record(repositories, vps, reading.get(), readAt));
    }

    private static boolean record(Repositories repositories, Vps vps, UsageReading reading, Instant readAt) {
        boolean deleted = repositories.vpses().find(vps.id()).map(found -> found.lifecycle() == Lifecycle.DELETED).orElse(true);
        if (deleted) {
            return false;
        }
        Optional<MeteredUsage> stored = repositories.usage().lock(vps.id());
        if (stored.isEmpty()) {
            repositories.usage().insert(MeteredUsage.first(vps.id(), reading, readAt));
        } else {
            MeteredUsage next = stored.get().next(reading, readAt);
            if (!next.equals(stored.get())) {
                repositories.usage().update(next);
            }
        }
        return true;
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
