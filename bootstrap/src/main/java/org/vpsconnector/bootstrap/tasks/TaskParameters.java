package org.vpsconnector.bootstrap.tasks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class TaskParameters {
    private TaskParameters() {
    }

    static int intValue(Map<String, List<String>> parameters, String name, int fallback) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? fallback : Integer.parseInt(values.get(0));
    }

    /** Absent is false; anything but {@code true} or {@code false} is refused rather than guessed. */
    static boolean flag(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return false;
        }
        return switch (values.get(0)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("parameter '" + name + "' must be true or false");
        };
    }

    static UUID uuid(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "' is missing");
        }
        return UUID.fromString(values.get(0));
    }

    /** The parameter's first value; empty when it is absent or blank. */
    static Optional<String> optional(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? Optional.empty() : Optional.of(values.get(0));
    }
}
