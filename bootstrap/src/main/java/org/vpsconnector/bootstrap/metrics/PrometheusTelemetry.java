package org.vpsconnector.bootstrap.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.port.out.BackendCallObserver;
import org.vpsconnector.application.port.out.BoundedBackend;
import org.vpsconnector.application.port.out.OperationObserver;
import org.vpsconnector.application.service.OperationHistoryRetention;
import org.vpsconnector.domain.Operation;

/**
 * The metrics this process measures itself, in Prometheus' registry: backend calls per host, the
 * attempts at operations and the operations they end, the calls under way at each host, and what
 * the retention passes pruned. Every host is labelled {@code technology} ({@code container} or
 * {@code hypervisor}) and {@code host} (its configured name).
 */
public final class PrometheusTelemetry implements OperationObserver {
    // A container call or attempt takes tens of milliseconds to seconds; a VM's boot and a call
    // that runs into its timeout take up to minutes.
    private static final double[] CALL_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};
    private static final double[] OPERATION_SECONDS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600};

    private final PrometheusRegistry registry;
    private final Histogram backendCalls;
    private final Counter backendCallFailures;
    private final Histogram attempts;
    private final Histogram operations;
    private final Counter finished;
    private final Counter prunedOperations;
    private final Counter prunedTransitions;
    private final Gauge lastPrune;

    public PrometheusTelemetry(PrometheusRegistry registry) {
        this.registry = registry;
        backendCalls = Histogram.builder().name("vps_connector_backend_call_duration_seconds")
                .help("How long each call to a host's backend took for its caller (one that timed out: the call timeout)")
                .labelNames("technology", "host", "call").classicOnly().classicUpperBounds(CALL_SECONDS)
                .register(registry);
        backendCallFailures = Counter.builder().name("vps_connector_backend_call_failures_total")
                .help("Calls to a host's backend that did not succeed, by reason: failed (the backend answered an error),"
                        + " timed_out (no answer within the call timeout), refused (too many calls under way)")
                .labelNames("technology", "host", "call", "reason").register(registry);
        attempts = Histogram.builder().name("vps_connector_operation_attempt_duration_seconds")
                .help("How long each attempt at an operation took, whatever came of it")
                .labelNames("technology", "host", "kind").classicOnly().classicUpperBounds(OPERATION_SECONDS)
                .register(registry);
        operations = Histogram.builder().name("vps_connector_operation_duration_seconds")
                .help("How long operations this process ended took from their acceptance to their end")
                .labelNames("technology", "host", "kind", "outcome").classicOnly().classicUpperBounds(OPERATION_SECONDS)
                .register(registry);
        finished = Counter.builder().name("vps_connector_operations_finished_total")
                .help("Operations this process ended, by kind and outcome (succeeded, failed, cancelled)")
                .labelNames("technology", "host", "kind", "outcome").register(registry);
        prunedOperations = Counter.builder().name("vps_connector_history_pruned_operations_total")
                .help("Finished operations the retention passes of this process deleted with their transitions")
                .register(registry);
        prunedTransitions = Counter.builder().name("vps_connector_history_pruned_transitions_total")
                .help("Operation transitions the retention passes of this process deleted")
                .register(registry);
        lastPrune = Gauge.builder().name("vps_connector_history_last_pruned_timestamp_seconds")
                .help("When the last retention pass of this process ended (Unix time)")
                .register(registry);
    }

    /** The observer of the calls to one host, which the host's bounded calls tell. */
    public BackendCallObserver backendCalls(String technology, String host) {
        return (call, took, outcome) -> {
            backendCalls.labelValues(technology, host, call).observe(seconds(took));
            if (outcome != BackendCallObserver.Outcome.SUCCEEDED) {
                backendCallFailures.labelValues(technology, host, call, outcome.name().toLowerCase(java.util.Locale.ROOT)).inc();
            }
        };
    }

    /** Gauges of the calls under way at each host of the fleet, read from its bounds at each scrape. */
    public void watch(Fleet fleet) {
        GaugeWithCallback.builder().name("vps_connector_backend_calls_in_flight")
                .help("Calls to the host's backend under way now, abandoned ones still blocked included")
                .labelNames("technology", "host")
                .callback(callback -> eachBounded(fleet, (host, bounded) ->
                        callback.call(bounded.calls().callsUnderWay(), Host.kindOf(host.technology()), host.name())))
                .register(registry);
        GaugeWithCallback.builder().name("vps_connector_backend_calls_abandoned")
                .help("Calls abandoned at their timeout whose threads are still blocked in the host's backend")
                .labelNames("technology", "host")
                .callback(callback -> eachBounded(fleet, (host, bounded) ->
                        callback.call(bounded.calls().abandonedCalls(), Host.kindOf(host.technology()), host.name())))
                .register(registry);
        GaugeWithCallback.builder().name("vps_connector_backend_calls_max")
                .help("Calls to the host's backend allowed under way at once (backends.maxCalls); more are refused")
                .labelNames("technology", "host")
                .callback(callback -> eachBounded(fleet, (host, bounded) ->
                        callback.call(bounded.calls().maxCalls(), Host.kindOf(host.technology()), host.name())))
                .register(registry);
    }

    private static void eachBounded(Fleet fleet, java.util.function.BiConsumer<Host, BoundedBackend> action) {
        for (Host host : fleet.all()) {
            if (host.backend() instanceof BoundedBackend bounded) {
                action.accept(host, bounded);
            }
        }
    }

    @Override
    public void attempted(String technology, String host, Operation operation, Duration took) {
        attempts.labelValues(technology, host, label(operation.kind())).observe(seconds(took));
    }

    @Override
    public void finished(String technology, String host, Operation finished) {
        String outcome = label(finished.status());
        this.finished.labelValues(technology, host, label(finished.kind()), outcome).inc();
        if (finished.createdAt() != null && finished.updatedAt() != null) {
            operations.labelValues(technology, host, label(finished.kind()), outcome)
                    .observe(Math.max(0, seconds(Duration.between(finished.createdAt(), finished.updatedAt()))));
        }
    }

    /** Counts what a retention pass pruned. */
    public void pruned(OperationHistoryRetention.Pruned pruned) {
        prunedOperations.inc(pruned.operations());
        prunedTransitions.inc(pruned.transitions());
        lastPrune.set(System.currentTimeMillis() / 1000.0);
    }

    static String label(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
