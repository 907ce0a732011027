package org.vpsconnector.application.port.in;

import java.util.List;
import java.util.UUID;

/**
 * @param removedServers  servers of failed or deleted VPSes that were still on a backend, now destroyed
 * @param correctedStates VPSes whose recorded power state was corrected to what the backend reports
 * @param problems        what could not be looked at or repaired, for a person
 */
public record ReconcileReport(List<UUID> removedServers, List<UUID> correctedStates, List<String> problems) {
    public ReconcileReport {
        removedServers = List.copyOf(removedServers);
        correctedStates = List.copyOf(correctedStates);
        problems = List.copyOf(problems);
    }
}
