package org.vpsconnector.application.driver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Transactions;

/**
 * Drives accepted operations in the background: it looks for due operations, takes their lease
 * and hands each to a worker for one attempt. Operations left half-done by a process that died
 * are taken over as soon as their lease expires.
 */
public final class OperationDriver {
    private static final System.Logger LOG = System.getLogger(OperationDriver.class.getName());
    /** Operations of this process that fall due within one slot share one extra sweep. */
    private static final Duration DUE_SLOT = Duration.ofMillis(20);
    /** Work due later than this is left to the regular sweeps: a sweep interval is small beside it. */
    private static final Duration DUE_HORIZON = Duration.ofMinutes(1);

    private final Transactions transactions;
    private final OperationRunner runner;
    private final Clock clock;
    private final DriverSettings settings;
    private final Semaphore freeWorkers;
    private volatile Instant lastSweepAt;
    private boolean databaseAway;
    private volatile boolean moreDue;
    private volatile ScheduledExecutorService sweeper;
    private ExecutorService workers;
    private final Set<Long> sweepSlots = ConcurrentHashMap.newKeySet();

    public OperationDriver(Transactions transactions, OperationRunner runner, Clock clock, DriverSettings settings) {
        this.transactions = transactions;
        this.runner = runner;
        this.clock = clock;
        this.settings = settings;
        this.freeWorkers = new Semaphore(settings.workers());
    }

    public synchronized void start() {
        workers = Executors.newFixedThreadPool(settings.workers(), named("operation-worker"));
        sweeper = Executors.newSingleThreadScheduledExecutor(named("operation-sweeper"));
        sweeper.scheduleWithFixedDelay(this::sweepSafely, 0, settings.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
        sweepSlots.clear();
        runner.whenDue(this::sweepWhenDue);
    }

    /** Stops taking work and lets attempts under way finish; unfinished operations stay due for the next start. */
    public synchronized void stop() throws InterruptedException {
        if (sweeper == null) {
            return;
        }
        runner.whenDue(at -> { });
        sweeper.shutdownNow();
        sweeper.awaitTermination(10, TimeUnit.SECONDS);
        workers.shutdown();
        if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
        sweeper = null;
        workers = null;
    }

    /** When due operations were last looked for: a driver that lags behind is unhealthy. */
    public Instant lastSweepAt() {
        return lastSweepAt;
    }

    /** The attempt of this process (the driver's or a request's) that has been under way longest, if any. */
    public Optional<AttemptWatch.Running> longestRunningAttempt() {
        return runner.attempts().longestRunning();
    }

    /** Transient failures of attempts since the last attempt that made progress, if the last one failed. */
    public Optional<AttemptWatch.Stall> stall() {
        return runner.attempts().stall();
    }

    /**
     * Claims as many due operations as there are free workers and starts them; returns how many. When it
     * may have left due work behind, the next sweep comes as soon as a worker is free, not a sweep
     * interval later: a thousand VMs booting at once need far more guest checks than one batch an interval.
     */
    int sweep() {
        Instant now = clock.instant();
        List<UUID> due = transactions.inTransaction(repositories ->
                repositories.operations().findDue(now, settings.workers()));
        int started = 0;
        for (UUID operationId : due) {
            if (!freeWorkers.tryAcquire()) {
                break;
            }
            boolean claimed = transactions.inTransaction(repositories -> repositories.operations()
                    .claim(operationId, settings.nodeId(), now, now.plus(runner.leaseDuration())));
            if (!claimed) {
                freeWorkers.release();
                continue;
            }
            workers.execute(() -> attempt(operationId));
            started++;
        }
        moreDue = due.size() == settings.workers() || started < due.size();
        lastSweepAt = now;
        return started;
    }

    private void attempt(UUID operationId) {
        try {
            runner.leftToTheDriver(runner.attempt(operationId, settings.nodeId()));
        } catch (RuntimeException failure) {
            // The runner logged it, marked with the operation's transaction; the lease expires and
            // the operation is attempted again.
        } finally {
            freeWorkers.release();
            sweepAgainIfMoreDue();
        }
    }

    private void sweepAgainIfMoreDue() {
        ScheduledExecutorService running = sweeper;
        if (moreDue && running != null) {
            try {
                running.execute(this::sweepSafely);
            } catch (RejectedExecutionException stopped) {
                // The driver is stopping: the work stays due for the next start.
            }
        }
    }

    /**
     * Work this process left to the driver falls due at {@code at}: a booting guest's next check, an
     * operation a request accepted. The regular sweep would find it up to a sweep interval late, which the
     * controller waits for on every poll; operations of other processes still wait for it.
     */
    void sweepWhenDue(Instant at) {
        ScheduledExecutorService running = sweeper;
        long slot = Math.floorDiv(at.toEpochMilli(), DUE_SLOT.toMillis()) + 1;
        long delayMillis = Math.max(0, slot * DUE_SLOT.toMillis() - clock.millis());
        if (running == null || delayMillis > DUE_HORIZON.toMillis() || !sweepSlots.add(slot)) {
            return;
        }
        try {
            running.schedule(() -> {
                sweepSlots.remove(slot);
                sweepSafely();
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            sweepSlots.remove(slot);
        }
    }

    private void sweepSafely() {
        try {
            sweep();
            if (databaseAway) {
                databaseAway = false;
                LOG.log(System.Logger.Level.INFO, "the database answers again; due operations are driven on");
            }
        } catch (RepositoryUnavailableException unavailable) {
            // Said once, not every sweep: each sweep tries again until the database is back.
            if (!databaseAway) {
                databaseAway = true;
                LOG.log(System.Logger.Level.WARNING, "looking for due operations failed, and is tried again every "
                        + settings.sweepInterval().toMillis() + " ms: " + unavailable.getMessage());
            }
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.ERROR, "looking for due operations failed", failure);
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix);
            thread.setDaemon(true);
            return thread;
        };
    }
}
