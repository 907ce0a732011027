package org.vpsconnector.application.port.out;

/** How a reconfigure reached the server: the controller is told whether the server was restarted for it. */
public enum Reconfiguration {
    /** Nothing to change. */
    UNCHANGED,
    /** Applied to the running (or stopped) server without a restart. */
    APPLIED,
    /** The server was restarted to apply it. */
    RESTARTED,
    /** The server is stopped: it takes effect when the server next starts. */
    AT_NEXT_START
}
