package org.vpsconnector.application.driver;

import org.vpsconnector.application.port.out.Reconfiguration;

/**
 * What the controller is told of a configure ({@code APS-Info}): whether the server had to restart.
 * The driver repeats the reconfigure while a restarted guest boots, and the repeat finds nothing
 * left to change; what the first attempt did is kept in the operation's info meanwhile, so the
 * final answer still says the server was restarted.
 */
final class ConfigureInfo {
    private ConfigureInfo() {
    }

    static String describe(Reconfiguration reconfiguration) {
        return switch (reconfiguration) {
            case UNCHANGED -> "nothing to change: the server already had this configuration";
            case APPLIED -> "configured without a restart";
            case RESTARTED -> "the server was restarted to apply the new hardware";
            case AT_NEXT_START -> "applies when the server next starts";
        };
    }

    /** The info of a finished configure; null for other operations. */
    static String done(Reconfiguration reconfiguration) {
        return reconfiguration == null ? null : "Configuration done: " + describe(reconfiguration);
    }

    static String waiting(Reconfiguration reconfiguration, String waiting) {
        return reconfiguration == null || reconfiguration == Reconfiguration.UNCHANGED
                ? waiting
                : "Configuration: " + describe(reconfiguration) + "; " + waiting;
    }

    /** What an earlier attempt recorded in {@code info}, UNCHANGED when nothing. */
    static Reconfiguration recordedIn(String info) {
        if (info != null) {
            for (Reconfiguration reconfiguration : Reconfiguration.values()) {
                if (reconfiguration != Reconfiguration.UNCHANGED && info.startsWith("Configuration: " + describe(reconfiguration))) {
                    return reconfiguration;
                }
            }
        }
        return Reconfiguration.UNCHANGED;
    }
}
