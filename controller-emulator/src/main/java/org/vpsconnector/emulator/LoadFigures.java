package org.vpsconnector.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.vpsconnector.emulator.ControllerSession.RequestListener;

/**
 * Every answer's latency by request kind, every operation's time from its first request to its final answer
 * (ready time) and its polls; cut into one-second intervals for the progress line and the picture.
 */
final class LoadFigures implements RequestListener {
    private static final long HIGHEST_NANOS = 3_600_000_000_000L;

    private final Map<String, Kind> requests = new ConcurrentHashMap<>();
    private final Map<String, Kind> operations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> polls = new ConcurrentHashMap<>();
    private volatile boolean counting = true;

    @Override
    public void answered(String kind, ApsReply reply) {
        if (counting) {
            Kind figures = requests.computeIfAbsent(kind, Kind::new);
            figures.recorder.recordValue(Math.min(reply.nanos(), HIGHEST_NANOS));
            if (reply.status() >= 400) {
                figures.errors.increment();
            }
        }
    }

    @Override
    public void ended(String kind, ApsReply first, ApsReply last, int pollCount, long nanos) {
        if (counting) {
            operations.computeIfAbsent(kind, Kind::new).recorder.recordValue(Math.min(nanos, HIGHEST_NANOS));
            polls.computeIfAbsent(kind, k -> new LongAdder()).add(pollCount);
        }
    }

    /** A request that got no answer at all. */
    void failed(String kind) {
        if (counting) {
            requests.computeIfAbsent(kind, Kind::new).errors.increment();
        }
    }

    /** Stops counting: what is answered after the measured window is not in the figures. */
    void stopCounting() {
        counting = false;
    }

    /** Forgets everything so far (the warm-up). */
    void reset() {
        requests.values().forEach(Kind::reset);
        operations.values().forEach(Kind::reset);
        polls.values().forEach(LongAdder::reset);
    }

    /** Closes the current interval of every request kind: what was answered in it, for the progress and the timeline. */
    List<Interval> closeInterval(double second) {
        List<Interval> intervals = new ArrayList<>();
        new TreeMap<>(requests).forEach((name, kind) -> intervals.add(kind.close(second)));
        operations.values().forEach(kind -> kind.close(second));
        return intervals;
    }

    Map<String, Kind> requests() {
        return new TreeMap<>(requests);
    }

    Map<String, Kind> operations() {
        return new TreeMap<>(operations);
    }

    long polls(String operation) {
        LongAdder count = polls.get(operation);
        return count == null ? 0 : count.sum();
    }

    /** One kind's figures: the interval being recorded and the measured total. */
    static final class Kind {
        final String name;
        private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
        private final Histogram total = new Histogram(HIGHEST_NANOS, 3);
        private final LongAdder errors = new LongAdder();
        private Histogram interval;

        Kind(String name) {
            this.name = name;
        }

        synchronized Interval close(double second) {
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            return new Interval(second, name, interval.getTotalCount(), millis(interval.getValueAtPercentile(50)),
                    millis(interval.getValueAtPercentile(99)), millis(interval.getMaxValue()));
        }

        synchronized void reset() {
            recorder.reset();
            total.reset();
            errors.reset();
        }

        synchronized Histogram total() {
            return total.copy();
        }

        long errors() {
            return errors.sum();
        }
    }

    /** What one kind got answered in one interval. */
    record Interval(double second, String kind, long count, double p50Millis, double p99Millis, double maxMillis) {
    }

    static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
