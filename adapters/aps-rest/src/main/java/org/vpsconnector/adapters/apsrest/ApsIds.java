package org.vpsconnector.adapters.apsrest;

import static org.vpsconnector.application.Require.present;

import java.util.UUID;
import org.vpsconnector.domain.InvalidRequestException;

/** Reads the ids the controller sends: always UUIDs in their canonical 8-4-4-4-12 form. */
final class ApsIds {
    private static final int LENGTH = 36;

    private ApsIds() {
    }

    static UUID parse(String value, String property) {
        present(value, property);
        if (!canonical(value)) {
            throw new InvalidRequestException(property + " must be a UUID, got '" + value + "'");
        }
        return UUID.fromString(value);
    }

    /**
     * Whether {@code value} is 8-4-4-4-12 ASCII hex digits: UUID.fromString alone would also accept forms
     * such as "1-2-3-4-5". Checked by hand rather than by a regular expression, which cost a retrieve more
     * than its own database read's mapping does: every request's APS-Instance-ID is read three times.
     */
    private static boolean canonical(String value) {
        if (value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !hexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static UUID parseIfPresent(String value, String property) {
        return value == null ? null : parse(value, property);
    }
}
