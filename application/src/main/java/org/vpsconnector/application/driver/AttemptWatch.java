package org.vpsconnector.application.driver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempts under way in this process and since when, and whether attempts keep failing
 * transiently without any making progress: both are work that stopped moving.
 */
public final class AttemptWatch {
    private final Clock clock;
    private final Map<Object, Running> running = new ConcurrentHashMap<>();
    private final Object attemptEnded = new Object();
    private Stall stall;

    AttemptWatch(Clock clock) {
        this.clock = clock;
    }

    /** An attempt under way. */
    public record Running(UUID operationId, Instant startedAt) {
        public Duration runningFor(Instant now) {
            return Duration.between(startedAt, now);
        }
    }

    /** Attempts have failed transiently since {@code since}, the last at {@code lastFailureAt}, and none made progress. */
    public record Stall(Instant since, Instant lastFailureAt, String lastError) {
    }

    /** The failures since the last attempt that made progress, if the last attempt failed transiently. */
    public synchronized Optional<Stall> stall() {
        return Optional.ofNullable(stall);
    }

    synchronized void progressed() {
        stall = null;
    }

    synchronized void failedTransiently(String error) {
        Instant now = clock.instant();
        stall = new Stall(stall == null ? now : stall.since(), now, error);
    }

    /** The attempt that has been under way longest, if any is. */
    public Optional<Running> longestRunning() {
        return running.values().stream().min(java.util.Comparator.comparing(Running::startedAt));
    }

    /** Whether an attempt at {@code operationId} is under way in this process. */
    public boolean isUnderWay(UUID operationId) {
        return running.values().stream().anyMatch(attempt -> attempt.operationId().equals(operationId));
    }

    /** Waits until no attempt at {@code operationId} is under way in this process, at most {@code timeout}. */
    void awaitEnd(UUID operationId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (attemptEnded) {
            while (isUnderWay(operationId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    attemptEnded.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
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
            synchronized (attemptEnded) {
                attemptEnded.notifyAll();
            }
        }
    }
}
