package org.vpsconnector.domain;

/**
 * A counter that never goes backwards although the server's own counter restarts from zero:
 * {@code base} is what earlier runs of the server counted, {@code lastRaw} the server's own count
 * at the latest reading.
 */
public record UsageCounter(long base, long lastRaw) {

    public static final UsageCounter ZERO = new UsageCounter(0, 0);

    public UsageCounter {
        if (base < 0 || lastRaw < 0) {
            throw new IllegalArgumentException("a counter cannot be negative: base " + base + ", raw " + lastRaw);
        }
    }

    public long total() {
        return base + lastRaw;
    }

    /**
     * The counter after a reading of {@code raw}. When the server restarted since the last reading
     * (a new run, or a raw count below the last one), what it counted before is kept in the base.
     */
    public UsageCounter next(long raw, boolean newRun) {
        boolean restarted = newRun || raw < lastRaw;
        return new UsageCounter(restarted ? base + lastRaw : base, raw);
    }
}
