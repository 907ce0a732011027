package org.vpsconnector.bootstrap.logging;

import java.util.UUID;
import org.slf4j.MDC;
import org.vpsconnector.application.port.out.LogContext;

/**
 * Marks log lines through SLF4J's MDC under {@link #TRANSACTION_ID} and {@link #INSTANCE_ID}, which
 * the log formats print ({@link LogFormats}). The values come from controller-supplied headers, so
 * they are made harmless first: at most {@link #MAX_LENGTH} characters, without control characters
 * (a CR or LF would forge a log line of its own).
 */
public final class MdcLogContext implements LogContext {
    public static final String TRANSACTION_ID = "apsTransactionId";
    public static final String INSTANCE_ID = "apsInstanceId";
    /** Longer than any id a controller makes (a UUID has 36 characters), short enough to keep lines readable. */
    public static final int MAX_LENGTH = 128;

    /** MDC is per thread and process-wide: one instance serves everyone. */
    public static final MdcLogContext INSTANCE = new MdcLogContext();

    private MdcLogContext() {
    }

    @Override
    public Scope open(String transactionId, UUID instanceId) {
        return open(transactionId, instanceId == null ? null : instanceId.toString());
    }

    /** Marks with the instance as the controller wrote it, for a request whose header may not even be a UUID. */
    public Scope open(String transactionId, String instanceId) {
        return put(harmless(transactionId), harmless(instanceId));
    }

    @Override
    public Marks current() {
        String transactionId = MDC.get(TRANSACTION_ID);
        String instanceId = MDC.get(INSTANCE_ID);
        return () -> put(transactionId, instanceId);
    }

    private static Scope put(String transactionId, String instanceId) {
        String previousTransaction = MDC.get(TRANSACTION_ID);
        String previousInstance = MDC.get(INSTANCE_ID);
        set(TRANSACTION_ID, transactionId);
        set(INSTANCE_ID, instanceId);
        return () -> {
            set(TRANSACTION_ID, previousTransaction);
            set(INSTANCE_ID, previousInstance);
        };
    }

    private static void set(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /**
     * {@code value} without control or line-separating characters, cut to {@link #MAX_LENGTH};
     * null when nothing printable is left.
     */
    static String harmless(String value) {
        if (value == null) {
            return null;
        }
        // Every request is marked: the ids controllers send (UUIDs) pass unchanged without the code point scan.
        if (printableAscii(value)) {
            return value;
        }
        StringBuilder kept = new StringBuilder(Math.min(value.length(), MAX_LENGTH));
        value.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.LINE_SEPARATOR
                        && Character.getType(c) != Character.PARAGRAPH_SEPARATOR && Character.getType(c) != Character.FORMAT)
                .limit(MAX_LENGTH)
                .forEach(kept::appendCodePoint);
        String result = kept.toString().strip();
        return result.isEmpty() ? null : result;
    }

    /** Whether {@code value} is already what {@link #harmless} makes of it: printable ASCII, short enough, nothing to strip. */
    private static boolean printableAscii(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_LENGTH || value.charAt(0) == ' ' || value.charAt(length - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
