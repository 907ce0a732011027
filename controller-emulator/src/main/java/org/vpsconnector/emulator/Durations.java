package org.vpsconnector.emulator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the command line writes them: 500ms, 30s, 5m. */
final class Durations {
    private static final Pattern FORM = Pattern.compile("([0-9]+)(ms|s|m)");

    private Durations() {
    }

    static Duration parse(String text) {
        Matcher match = FORM.matcher(text.trim());
        if (!match.matches()) {
            throw new IllegalArgumentException("not a duration: " + text + " (write 500ms, 30s or 5m)");
        }
        long amount = Long.parseLong(match.group(1));
        return switch (match.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
