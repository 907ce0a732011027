package org.vpsconnector.application.callback;

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
import java.util.concurrent.TimeUnit;
import org.vpsconnector.application.port.out.ControllerCallException;
import org.vpsconnector.application.port.out.ControllerClient;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.ApplicationInstance;

/**
 * Sends the outbox to the controllers in the background: the oldest pending update of each
 * resource, under a lease so that replicas sharing the database never send one twice at once,
 * retried with backoff while a controller is away or refuses it. An update is marked delivered
 * only after the controller accepted it; one that was sent but not marked (a crash, a database
 * away) is sent again, which the controller takes as the same update.
 */
public final class ControllerUpdateDispatcher {
    private static final System.Logger LOG = System.getLogger(ControllerUpdateDispatcher.class.getName());

    private final Transactions transactions;
    private final ControllerClient controller;
    private final Clock clock;
    private final DispatchSettings settings;
    private final LogContext logContext;
    private volatile Instant lastPassAt;
    private Instant lastPruneAt = Instant.MIN;
    private volatile ExecutorService senders;
    private ScheduledExecutorService timer;

    public ControllerUpdateDispatcher(Transactions transactions, ControllerClient controller, Clock clock,
                                      DispatchSettings settings, LogContext logContext) {
        this.transactions = transactions;
        this.controller = controller;
        this.clock = clock;
        this.settings = settings;
        this.logContext = logContext;
        this.senders = newSenders();
    }

    private ExecutorService newSenders() {
        return Executors.newFixedThreadPool(settings.workers(), named("controller-update-sender"));
    }

    /** Starts sending in the background, again after a stop too. */
    public synchronized void start() {
        if (senders.isShutdown()) {
            senders = newSenders();
        }
        timer = Executors.newSingleThreadScheduledExecutor(named("controller-updates"));
        timer.scheduleWithFixedDelay(this::passSafely, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sending; an update being sent is finished first. Pending ones wait in the database for the next start. */
    public synchronized void stop() throws InterruptedException {
        if (timer == null) {
            return;
        }
        timer.shutdown();
        if (!timer.awaitTermination(settings.leaseDuration().toMillis(), TimeUnit.MILLISECONDS)) {
            timer.shutdownNow();
            senders.shutdownNow();
        }
        senders.shutdown();
        timer = null;
    }

    /** When the outbox was last looked at; null before the first look. */
    public Instant lastPassAt() {
        return lastPassAt;
    }

    /** Sends the updates due now and waits for their outcomes; answers how many the controllers accepted. */
    public int dispatchDue() {
        Instant now = clock.instant();
        List<ControllerUpdate> due = transactions.inTransaction(repositories ->
                repositories.controllerUpdates().findDue(now, settings.batch()));
        List<Future<Boolean>> sent = new ArrayList<>();
        for (ControllerUpdate update : due) {
            Instant claimedAt = clock.instant();
            boolean claimed = transactions.inTransaction(repositories -> repositories.controllerUpdates()
                    .claim(update.id(), settings.nodeId(), claimedAt, claimedAt.plus(settings.leaseDuration())));
            if (claimed) {
                sent.add(senders.submit(() -> send(update)));
            }
        }
        int delivered = 0;
        for (Future<Boolean> outcome : sent) {
            if (outcomeOf(outcome)) {
                delivered++;
            }
        }
        pruneNowAndThen();
        lastPassAt = now;
        return delivered;
    }

    private static boolean outcomeOf(Future<Boolean> outcome) {
        try {
            return outcome.get();
        } catch (InterruptedException stopping) {
            // The update's lease runs out and it is sent again after the next start.
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException failed) {
            LOG.log(System.Logger.Level.ERROR, "sending a controller update failed", failed.getCause());
            return false;
        }
    }

    private boolean send(ControllerUpdate update) {
        try (LogContext.Scope ignored = logContext.open(update.transactionId(), update.instanceId())) {
            Optional<ApplicationInstance> instance = transactions.inTransaction(repositories ->
                    repositories.instances().find(update.instanceId()));
            if (instance.isEmpty() || instance.get().controllerUri() == null) {
                LOG.log(System.Logger.Level.WARNING, "update of resource " + update.resourceId()
                        + " is given up: its application instance " + update.instanceId() + " is no longer installed");
                record(update.abandoned("the application instance is no longer installed", clock.instant()));
                return false;
            }
            try {
                controller.updateResource(instance.get(), update.resourceId(), update.transactionId(), update.representation());
            } catch (ControllerCallException failure) {
                ControllerUpdate failed = update.failed(failure.getMessage(), settings.backoff(), clock.instant());
                LOG.log(System.Logger.Level.WARNING, "update of resource " + update.resourceId() + " failed (attempt "
                        + failed.attempts() + "): " + failure.getMessage()
                        + (failed.status() == ControllerUpdate.Status.ABANDONED
                                ? "; given up, the next update of the resource goes ahead"
                                : "; tried again at " + failed.nextAttemptAt()));
                record(failed);
                return false;
            } catch (RuntimeException unexpected) {
                // E.g. an instance certificate that cannot be read: retried with backoff like a refusal,
                // and logged here, with the update's marks.
                ControllerUpdate failed = update.failed("the update could not be sent: " + unexpected,
                        settings.backoff(), clock.instant());
                LOG.log(System.Logger.Level.ERROR, "update of resource " + update.resourceId() + " could not be sent (attempt "
                        + failed.attempts() + ")", unexpected);
                record(failed);
                return false;
            }
            record(update.delivered(clock.instant()));
            LOG.log(System.Logger.Level.INFO, "updated resource " + update.resourceId() + " at the controller");
            return true;
        }
    }

    private void record(ControllerUpdate attempted) {
        boolean recorded = transactions.inTransaction(repositories ->
                repositories.controllerUpdates().recordAttempt(attempted, settings.nodeId()));
        if (!recorded) {
            LOG.log(System.Logger.Level.WARNING, "the outcome of update " + attempted.id()
                    + " was not recorded: its lease was lost, the update is sent again");
        }
    }

    private void pruneNowAndThen() {
        Instant now = clock.instant();
        if (lastPruneAt.isAfter(now.minus(settings.keepFinished().dividedBy(10)))) {
            return;
        }
        int pruned = transactions.inTransaction(repositories ->
                repositories.controllerUpdates().pruneFinished(now.minus(settings.keepFinished())));
        lastPruneAt = now;
        if (pruned > 0) {
            LOG.log(System.Logger.Level.DEBUG, "pruned " + pruned + " finished controller updates");
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void passSafely() {
        try {
            dispatchDue();
        } catch (RepositoryUnavailableException unavailable) {
            LOG.log(System.Logger.Level.WARNING, "controller updates are left for later: " + unavailable.getMessage());
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.ERROR, "sending controller updates failed", failure);
        }
    }
}
