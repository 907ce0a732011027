package org.vpsconnector.application.port.in;

import java.util.List;
import java.util.UUID;
import org.vpsconnector.domain.Technology;

/**
 * What one reconcile pass found, by kind, and what became of each finding. A pass over a fleet where
 * everything went wrong finds as many as there are VPSes: each list holds the first
 * {@value #ENTRIES_LISTED} of its kind, and {@code counts} counts them all.
 *
 * @param counts          how many findings of each kind, and problems, the pass made
 * @param orphans         servers of this installation with no live VPS of their technology on their host
 * @param missingServers  live VPSes, no operation in flight, whose server is gone
 * @param powerStateDrift ready VPSes whose recorded state differs from what the backend shows
 * @param problems        what could not be looked at or repaired, for a person
 */
public record ReconcileReport(ReconcileMode mode, Counts counts, List<Entry> orphans, List<Entry> missingServers,
                              List<Entry> powerStateDrift, List<String> problems) {
    public static final int ENTRIES_LISTED = 1_000;

    public ReconcileReport {
        orphans = List.copyOf(orphans);
        missingServers = List.copyOf(missingServers);
        powerStateDrift = List.copyOf(powerStateDrift);
        problems = List.copyOf(problems);
    }

    public record Counts(int orphans, int missingServers, int powerStateDrift, int problems) {
    }

    public enum Outcome {
        /** Nothing was changed: a dry run, a repair left to an operator, or nothing to repair. */
        REPORTED,
        REPAIRED,
        /** The VPS or its server changed while it was looked at; the next pass judges it afresh. */
        CHANGED_MEANWHILE,
        /** The repair was tried and failed; {@link #problems()} says why. */
        REPAIR_FAILED
    }

    /**
     * @param instanceId the application instance of the VPS; null for a server without a VPS record
     * @param host       the host whose server, or whose missing server, this is
     * @param action     what {@link ReconcileMode#APPLY} does about it
     */
    public record Entry(UUID vpsId, UUID instanceId, Technology technology, String host, String expected, String found,
                        String action, Outcome outcome) {
    }
}
