package org.vpsconnector.application.telemetry;

import java.time.Instant;
import java.util.List;
import org.vpsconnector.application.port.out.OperationCount;

/**
 * What the connector holds and owes at {@code readAt}, as the database and the last host checks
 * tell: the figures an operator graphs and alerts on.
 *
 * @param operations        the stored operations by kind and status
 * @param operationsDue     unfinished operations due and not leased: the driver's backlog
 * @param operationsLeased  operations an attempt holds now, in any replica
 * @param updatesPending    controller updates not yet delivered
 * @param connectorDrained  whether the whole connector takes no new VPS
 */
public record ConnectorState(Instant readAt, List<OperationCount> operations, long operationsDue,
                             long operationsLeased, long updatesPending, boolean connectorDrained,
                             List<HostState> hosts) {

    /**
     * One host: whether it answered its last check (a host not checked yet counts as up, as
     * placement counts it), whether it is drained, and what its live VPSes were sold against
     * its capacity (0: no limit) and what may be sold (capacity times overcommit).
     */
    public record HostState(String technology, String name, boolean up, boolean drained, int vpses,
                            long memoryGbSold, long cpusSold, int memoryGbCapacity, int cpusCapacity,
                            long sellableMemoryGb, long sellableCpus) {
    }
}
