package org.vpsconnector.application.driver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The attempts under way in this process and since when: an attempt that does not end is work that stopped moving. */
public final class AttemptWatch {
    private final Clock clock;
    private final Map<Object, Running> running = new ConcurrentHashMap<>();

    AttemptWatch(Clock clock) {
        this.clock = clock;
    }

    /** An attempt under way. */
    public record Running(UUID operationId, Instant startedAt) {
        public Duration runningFor(Instant now) {
            return Duration.between(startedAt, now);
        }
    }

    /** The attempt that has been under way longest, if any is. */
    public Optional<Running> longestRunning() {
        return running.values().stream().min(java.util.Comparator.comparing(Running::startedAt));
    }

    Ticket started(UUID operationId) {
        Ticket ticket = new Ticket();
        running.put(ticket, new Running(operationId, clock.instant()));
        return ticket;
    }

    /** Ends the watch of one attempt when closed. */
    final class Ticket implements AutoCloseable {
        @Override
        public void close() {
            running.remove(this);
        }
    }
}
