package org.vpsconnector.adapters.apsrest;

import static org.vpsconnector.application.Require.present;

import java.util.UUID;
import java.util.regex.Pattern;
import org.vpsconnector.domain.InvalidRequestException;

/** Reads the ids the controller sends: always UUIDs in their canonical 8-4-4-4-12 form. */
final class ApsIds {
    // UUID.fromString alone would also accept forms such as "1-2-3-4-5".
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ApsIds() {
    }

    static UUID parse(String value, String property) {
        present(value, property);
        if (!CANONICAL.matcher(value).matches()) {
            throw new InvalidRequestException(property + " must be a UUID, got '" + value + "'");
        }
        return UUID.fromString(value);
    }

    static UUID parseIfPresent(String value, String property) {
        return value == null ? null : parse(value, property);
    }
}
