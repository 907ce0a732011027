package org.vpsconnector.emulator;

import java.time.Duration;

/**
 * When the controller polls after a 202: as the connector advised in {@code APS-Retry-Timeout} (what a
 * controller does), or after a fixed pause (to load the polling path on purpose).
 */
record PollPolicy(Duration fixed) {
    static PollPolicy advised() {
        return new PollPolicy(null);
    }

    /** "advised", or a pause such as "0ms", "250ms", "1s". */
    static PollPolicy parse(String text) {
        if (text.equals("advised")) {
            return advised();
        }
        return new PollPolicy(Durations.parse(text));
    }

    Duration pauseAfter(ApsReply accepted) {
        if (fixed != null) {
            return fixed;
        }
        int seconds = accepted.retryTimeoutSeconds();
        return Duration.ofSeconds(seconds < 0 ? 1 : seconds);
    }

    @Override
    public String toString() {
        return fixed == null ? "advised" : fixed.toMillis() + "ms";
    }
}
