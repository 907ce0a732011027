package org.vpsconnector.bootstrap.tasks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Reads a task's parameters; anything it cannot read is refused with a message that says why, never guessed. */
final class TaskParameters {
    private TaskParameters() {
    }

    /** A parameter the task cannot use: the operator gets a 400 that names it. */
    static final class BadParameterException extends RuntimeException {
        BadParameterException(String message) {
            super(message);
        }
    }

    /** Refuses parameters the task does not know, so that a misspelt filter is not silently ignored. */
    static void onlyKnown(Map<String, List<String>> parameters, String... known) {
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        Arrays.asList(known).forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new BadParameterException("unknown parameter(s) " + unknown + "; this task takes " + Arrays.toString(known));
        }
    }

    static int intValue(Map<String, List<String>> parameters, String name, int fallback) {
        String value = single(parameters, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new BadParameterException("parameter '" + name + "' must be a whole number, not '" + value + "'");
        }
    }

    /** Absent is false; anything but {@code true} or {@code false} is refused rather than guessed. */
    static boolean flag(Map<String, List<String>> parameters, String name) {
        String value = single(parameters, name);
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadParameterException("parameter '" + name + "' must be true or false");
        };
    }

    static UUID uuid(Map<String, List<String>> parameters, String name) {
        UUID value = optionalUuid(parameters, name);
        if (value == null) {
            throw new BadParameterException("parameter '" + name + "' is missing");
        }
        return value;
    }

    static UUID optionalUuid(Map<String, List<String>> parameters, String name) {
        String value = single(parameters, name);
        if (value == null) {
            return null;
        }
        try {
            UUID parsed = UUID.fromString(value.strip());
            // UUID.fromString takes shortened groups ("1-2-3-4-5"); an id is its 36 characters.
            if (!parsed.toString().equalsIgnoreCase(value.strip())) {
                throw new IllegalArgumentException(value);
            }
            return parsed;
        } catch (IllegalArgumentException notAUuid) {
            throw new BadParameterException("parameter '" + name + "' must be a UUID, not '" + value + "'");
        }
    }

    /** One of {@code type}'s constants by name, in any case; null when absent. */
    static <E extends Enum<E>> E enumValue(Map<String, List<String>> parameters, String name, Class<E> type) {
        String value = single(parameters, name);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new BadParameterException("parameter '" + name + "' must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ", not '" + value + "'");
        }
    }

    /** The parameter's value; null when absent; refused when given twice. */
    static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadParameterException("parameter '" + name + "' is given " + values.size() + " times");
        }
        return values.get(0);
    }
}
