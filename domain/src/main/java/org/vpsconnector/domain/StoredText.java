package org.vpsconnector.domain;

/**
 * The rule for every text the connector keeps: no longer than the column that stores it, and
 * nothing a database, a log line or an operator's terminal could choke on. Control characters
 * (NUL above all: PostgreSQL cannot store it) and halves of surrogate pairs (they cannot be
 * written as UTF-8) are refused; only PEM text may span lines.
 */
public final class StoredText {

    private StoredText() {
    }

    /** A one-line value such as a name or a URI; {@code null} stays {@code null}. */
    public static String line(String value, String property, int maxLength) {
        return checked(value, property, maxLength, false);
    }

    /** Text that may span lines, such as a PEM certificate: line breaks are its only control characters. */
    public static String lines(String value, String property, int maxLength) {
        return checked(value, property, maxLength, true);
    }

    private static String checked(String value, String property, int maxLength, boolean lineBreaks) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidRequestException(property + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(lineBreaks && (c == '\n' || c == '\r'))) {
                throw new InvalidRequestException(String.format(
                        "%s contains the control character U+%04X at position %d", property, (int) c, i));
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    throw new InvalidRequestException(property + " contains an unpaired surrogate at position " + i);
                }
            }
        }
        return value;
    }
}
