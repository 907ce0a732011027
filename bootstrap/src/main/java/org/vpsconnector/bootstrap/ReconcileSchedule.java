package org.vpsconnector.bootstrap;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vpsconnector.application.port.in.ReconcileMode;
import org.vpsconnector.application.port.in.ReconcileReport;
import org.vpsconnector.application.port.in.ReconcileUseCase;
import org.vpsconnector.application.port.out.LogContext;

/**
 * Reconciles the database with the backends every {@code interval}, starting one interval after
 * start, making only the repairs that are safe unattended; the rest is logged for an operator.
 */
final class ReconcileSchedule implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileSchedule.class);

    private final ReconcileUseCase reconciler;
    private final Duration interval;
    private final LogContext logContext;
    private ScheduledExecutorService timer;

    /** {@code logContext} marks each finding's line with the instance of its VPS. */
    ReconcileSchedule(ReconcileUseCase reconciler, Duration interval, LogContext logContext) {
        this.reconciler = reconciler;
        this.interval = interval;
        this.logContext = logContext;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reconcile");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::reconcile, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void reconcile() {
        try {
            ReconcileReport report = reconciler.reconcile(ReconcileMode.SAFE_REPAIRS);
            log("orphan", report.orphans(), report.counts().orphans());
            log("missing server", report.missingServers(), report.counts().missingServers());
            log("power-state drift", report.powerStateDrift(), report.counts().powerStateDrift());
            report.problems().forEach(problem -> LOG.warn("reconcile: {}", problem));
            leftOut("problems", report.problems().size(), report.counts().problems());
        } catch (RuntimeException failure) {
            LOG.error("reconciling failed", failure);
        }
    }

    private void log(String finding, List<ReconcileReport.Entry> entries, int counted) {
        for (ReconcileReport.Entry entry : entries) {
            try (LogContext.Scope marked = logContext.open(null, entry.instanceId())) {
                LOG.warn("reconcile: {} VPS {} ({} host {}): expected {}, found {}; {}: {}", finding, entry.vpsId(),
                        entry.technology(), entry.host(), entry.expected(), entry.found(), entry.action(), entry.outcome());
            }
        }
        leftOut(finding + " findings", entries.size(), counted);
    }

    private static void leftOut(String what, int listed, int counted) {
        if (counted > listed) {
            LOG.warn("reconcile: {} {} in all, the first {} logged above", counted, what, listed);
        }
    }
}
