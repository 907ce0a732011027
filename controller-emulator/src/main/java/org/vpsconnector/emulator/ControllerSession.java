package org.vpsconnector.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One controller of one instance: sends an operation's first request, then, while the answer is 202, the same
 * request again with {@code APS-Request-Phase: async} when its {@link PollPolicy} says (protocol §5).
 */
final class ControllerSession {
    private final ApsClient client;
    private final UUID instanceId;
    private final PollPolicy polls;
    private final RequestListener listener;
    private final Duration patience;
    private final BooleanSupplier stopped;

    ControllerSession(ApsClient client, UUID instanceId, PollPolicy polls, RequestListener listener, Duration patience) {
        this(client, instanceId, polls, listener, patience, () -> false);
    }

    /** A session that stops polling, as if patience ran out, once {@code stopped} says so. */
    ControllerSession(ApsClient client, UUID instanceId, PollPolicy polls, RequestListener listener, Duration patience,
                      BooleanSupplier stopped) {
        this.client = client;
        this.instanceId = instanceId;
        this.polls = polls;
        this.listener = listener;
        this.patience = patience;
        this.stopped = stopped;
    }

    /** One request, not polled; {@code kind} names it in the figures. */
    ApsReply once(String kind, String method, String path, JsonNode body) {
        ApsReply reply = client.send(method, path, body, instanceId, "sync");
        listener.answered(kind, reply);
        return reply;
    }

    /** An operation to its end: the first answer, every poll, and the final answer that is not a 202. */
    Outcome operate(String kind, String method, String path, JsonNode body) {
        long started = System.nanoTime();
        ApsReply first = client.send(method, path, body, instanceId, "sync");
        listener.answered(kind, first);
        ApsReply last = first;
        int pollCount = 0;
        while (last.status() == 202) {
            if (System.nanoTime() - started > patience.toNanos() || stopped.getAsBoolean()) {
                return new Outcome(first, last, pollCount, System.nanoTime() - started, true);
            }
            sleep(polls.pauseAfter(last));
            last = client.send(method, path, body, instanceId, "async");
            pollCount++;
            listener.answered("poll " + kind, last);
        }
        long nanos = System.nanoTime() - started;
        listener.ended(kind, first, last, pollCount, nanos);
        return new Outcome(first, last, pollCount, nanos, false);
    }

    private static void sleep(Duration pause) {
        if (pause.isZero()) {
            return;
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to poll", e);
        }
    }

    /** How an operation ended: its first and final answers, the polls between, and whether patience ran out. */
    record Outcome(ApsReply first, ApsReply last, int polls, long nanos, boolean gaveUp) {
        Duration elapsed() {
            return Duration.ofNanos(nanos);
        }
    }

    /** Told of every answer and of every operation's end, for the figures. */
    interface RequestListener {
        RequestListener NONE = new RequestListener() {
        };

        default void answered(String kind, ApsReply reply) {
        }

        default void ended(String kind, ApsReply first, ApsReply last, int polls, long nanos) {
        }
    }
}
