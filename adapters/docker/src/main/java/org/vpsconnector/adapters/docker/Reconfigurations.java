package org.vpsconnector.adapters.docker;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.vpsconnector.application.port.out.Reconfiguration;

/** How a reconfigure of several parts reached the server, told as the one the controller must hear. */
final class Reconfigurations {
    /** A restart says the most, then a change that waits for the next start, then one applied in place. */
    private static final List<Reconfiguration> BY_WEIGHT = List.of(Reconfiguration.UNCHANGED,
            Reconfiguration.APPLIED, Reconfiguration.AT_NEXT_START, Reconfiguration.RESTARTED);

    private Reconfigurations() {
    }

    static Reconfiguration combined(Reconfiguration... parts) {
        return Arrays.stream(parts).max(Comparator.comparingInt(BY_WEIGHT::indexOf)).orElse(Reconfiguration.UNCHANGED);
    }
}
