package org.vpsconnector.bootstrap;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.service.OperationHistoryRetention;
import org.vpsconnector.bootstrap.metrics.PrometheusTelemetry;

/**
 * Prunes the history of finished operations every {@code interval}, starting one interval after
 * start; logs what each pass deleted and counts it in the metrics. Replicas sharing a database may
 * each run it: a batch deletes only what is still there.
 */
final class RetentionSchedule implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

    private final OperationHistoryRetention retention;
    private final Duration interval;
    private final PrometheusTelemetry telemetry;
    private ScheduledExecutorService timer;

    RetentionSchedule(OperationHistoryRetention retention, Duration interval, PrometheusTelemetry telemetry) {
        this.retention = retention;
        this.interval = interval;
        this.telemetry = telemetry;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "operation-history-retention");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::prune, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void prune() {
        try {
            OperationHistoryRetention.Pruned pruned = retention.prune();
            telemetry.pruned(pruned);
            LOG.info("operation history: pruned {} finished operation(s) and {} transition(s) that ended before {},"
                    + " in {} batch(es); the latest operation of every VPS is kept", pruned.operations(),
                    pruned.transitions(), pruned.finishedBefore(), pruned.batches());
        } catch (RepositoryUnavailableException unavailable) {
            LOG.warn("pruning the operation history is left for the next pass: {}", unavailable.getMessage());
        } catch (RuntimeException failure) {
            LOG.error("pruning the operation history failed", failure);
        }
    }
}
