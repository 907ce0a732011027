package org.vpsconnector.application.usage;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces the starts of a pass's reads evenly, at most {@code perSecond} a second. Against backends
 * that answer in microseconds (libvirt's statistics, the fake backends) the meter would otherwise
 * read as fast as the database lets it: a pass over 100,000 VPSes then kept two threads and
 * PostgreSQL busy for minutes, and took the CPU requests need. A read that starts late is not
 * made up for by a burst after it.
 */
final class ReadPace {
    /** Waits; a test's sleeper moves its clock instead. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long spacingNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextStart;
    private boolean started;

    ReadPace(int perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("at least one read a second, got " + perSecond);
        }
        this.spacingNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    static ReadPace of(int perSecond) {
        return new ReadPace(perSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** Returns when the next read may start. For one thread: the pass's. */
    void awaitTurn() throws InterruptedException {
        long now = nanoTime.getAsLong();
        if (!started) {
            started = true;
            nextStart = now;
        }
        long wait = nextStart - now;
        if (wait > 0) {
            sleeper.sleep(wait);
        }
        nextStart = Math.max(nextStart, now) + spacingNanos;
    }
}
