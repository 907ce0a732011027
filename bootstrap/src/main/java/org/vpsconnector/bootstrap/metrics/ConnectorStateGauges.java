package org.vpsconnector.bootstrap.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vpsconnector.application.port.out.OperationCount;
import org.vpsconnector.application.telemetry.ConnectorState;
import org.vpsconnector.application.telemetry.ConnectorStateReader;

/**
 * Gauges of what the database holds and the last host checks found, read at scrape time through
 * the reader's short cache: one reading serves every gauge of a scrape. While the database is
 * away these gauges are left out of the scrape (and {@code vps_connector_state_readable} is 0);
 * the rest is still served.
 */
public final class ConnectorStateGauges {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorStateGauges.class);
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final ConnectorStateReader reader;

    private ConnectorStateGauges(ConnectorStateReader reader) {
        this.reader = reader;
    }

    public static void register(ConnectorStateReader reader, PrometheusRegistry registry) {
        new ConnectorStateGauges(reader).registerIn(registry);
    }

    private void registerIn(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("vps_connector_state_readable")
                .help("1 when the database answered the last reading of the gauges below, 0 while it does not")
                .callback(callback -> callback.call(read() == null ? 0 : 1))
                .register(registry);
        GaugeWithCallback.builder().name("vps_connector_operations")
                .help("Stored operations by kind and status (finished ones are kept for retention.transitions;"
                        + " the latest of every VPS always)")
                .labelNames("kind", "status")
                .callback(callback -> withState(state -> {
                    for (OperationCount count : state.operations()) {
                        callback.call(count.count(), PrometheusTelemetry.label(count.kind()),
                                PrometheusTelemetry.label(count.status()));
                    }
                }))
                .register(registry);
        single(registry, "vps_connector_operations_due",
                "Unfinished operations due and not leased: the driver's backlog", ConnectorState::operationsDue);
        single(registry, "vps_connector_operations_leased",
                "Operations an attempt holds now, in any replica sharing the database", ConnectorState::operationsLeased);
        single(registry, "vps_connector_controller_updates_pending",
                "Controller updates not yet delivered", ConnectorState::updatesPending);
        single(registry, "vps_connector_drained",
                "1 while the whole connector is drained (no new VPS)", state -> state.connectorDrained() ? 1 : 0);
        perHost(registry, "vps_connector_host_up",
                "1 when the host answered its last check (or was not checked yet), 0 while it is down", host -> host.up() ? 1 : 0);
        perHost(registry, "vps_connector_host_drained", "1 while the host is drained (no new VPS goes there)",
                host -> host.drained() ? 1 : 0);
        perHost(registry, "vps_connector_host_vpses", "Live VPSes (neither deleted nor failed) placed on the host",
                ConnectorState.HostState::vpses);
        perHost(registry, "vps_connector_host_memory_sold_bytes", "Memory sold to the host's live VPSes",
                host -> host.memoryGbSold() * GIB);
        perHost(registry, "vps_connector_host_cpus_sold", "CPUs sold to the host's live VPSes",
                ConnectorState.HostState::cpusSold);
        perHost(registry, "vps_connector_host_memory_capacity_bytes",
                "The host's memory as configured (capacity.memoryGb); absent for a host without a limit",
                host -> host.memoryGbCapacity() > 0, host -> host.memoryGbCapacity() * GIB);
        perHost(registry, "vps_connector_host_memory_sellable_bytes",
                "Memory that may be sold on the host: capacity times overcommit; absent for a host without a limit",
                host -> host.memoryGbCapacity() > 0, host -> host.sellableMemoryGb() * GIB);
        perHost(registry, "vps_connector_host_cpus_capacity",
                "The host's CPUs as configured (capacity.cpus); absent for a host without a limit",
                host -> host.cpusCapacity() > 0, ConnectorState.HostState::cpusCapacity);
        perHost(registry, "vps_connector_host_cpus_sellable",
                "CPUs that may be sold on the host: capacity times overcommit; absent for a host without a limit",
                host -> host.cpusCapacity() > 0, ConnectorState.HostState::sellableCpus);
    }

    private void single(PrometheusRegistry registry, String name, String help, ToDoubleFunction<ConnectorState> value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(callback -> withState(state -> callback.call(value.applyAsDouble(state))))
                .register(registry);
    }

    private void perHost(PrometheusRegistry registry, String name, String help,
                         ToDoubleFunction<ConnectorState.HostState> value) {
        perHost(registry, name, help, host -> true, value);
    }

    private void perHost(PrometheusRegistry registry, String name, String help, Predicate<ConnectorState.HostState> shown,
                         ToDoubleFunction<ConnectorState.HostState> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("technology", "host")
                .callback(callback -> withState(state -> {
                    for (ConnectorState.HostState host : state.hosts()) {
                        if (shown.test(host)) {
                            callback.call(value.applyAsDouble(host), host.technology(), host.name());
                        }
                    }
                }))
                .register(registry);
    }

    private void withState(java.util.function.Consumer<ConnectorState> use) {
        ConnectorState state = read();
        if (state != null) {
            use.accept(state);
        }
    }

    private ConnectorState read() {
        try {
            return reader.read();
        } catch (RuntimeException unreadable) {
            LOG.debug("the gauges of the database are left out of this scrape: {}", unreadable.getMessage());
            return null;
        }
    }
}
