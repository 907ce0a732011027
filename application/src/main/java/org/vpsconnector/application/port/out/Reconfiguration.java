package org.vpsconnector.application.port.out;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How a reconfigure reached the server: the controller is told whether the server was restarted for it.
 * Declared from what says least to what says most.
 */
public enum Reconfiguration {
    /** Nothing to change. */
    UNCHANGED,
    /** Applied to the running (or stopped) server without a restart. */
    APPLIED,
    /** The server is stopped: it takes effect when the server next starts. */
    AT_NEXT_START,
    /** The server was restarted to apply it. */
    RESTARTED;

    /**
     * The outcome the controller must hear of several: a restart outweighs a change waiting for the
     * next start, which outweighs one applied in place, which outweighs none.
     */
    public static Reconfiguration strongest(Reconfiguration... outcomes) {
        return Arrays.stream(outcomes).max(Comparator.naturalOrder()).orElse(UNCHANGED);
    }
}
