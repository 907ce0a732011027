package org.vpsconnector.application.testing;

import java.util.UUID;
import org.vpsconnector.application.port.out.LogContext;

/** A log context for tests: the marks of each thread, readable with {@link #here()}. */
public final class ThreadMarks implements LogContext {
    private final ThreadLocal<String> marks = new ThreadLocal<>();

    @Override
    public Scope open(String transactionId, UUID instanceId) {
        return put(transactionId + " " + instanceId);
    }

    @Override
    public Marks current() {
        String taken = marks.get();
        return () -> put(taken);
    }

    /** "transaction instance" of this thread; null when it has no marks. */
    public String here() {
        return marks.get();
    }

    private Scope put(String value) {
        String previous = marks.get();
        marks.set(value);
        return () -> marks.set(previous);
    }
}
