package org.vpsconnector.application.driver;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.Technology;

/**
 * How long operations took lately, from acceptance to success, per technology and kind, once
 * {@value #ENOUGH} were seen: the quick ones' time, the tenth percentile of the last {@value #KEPT}
 * (the shortest while there are fewer than ten). It tells the controller when to come back: a VM's
 * boot varies by many seconds, and a poll aimed at the median would see every quicker boot late by
 * the difference, while a poll before the end costs one cheap answer and the next check follows.
 */
final class ObservedDurations {
    static final int KEPT = 32;
    static final int ENOUGH = 3;

    private final Map<Key, Recent> recent = new ConcurrentHashMap<>();

    void ended(Technology technology, Operation operation) {
        if (operation.status() == OperationStatus.SUCCEEDED) {
            recent.computeIfAbsent(new Key(technology, operation.kind()), key -> new Recent())
                    .add(Duration.between(operation.createdAt(), operation.updatedAt()));
        }
    }

    Optional<Duration> early(Technology technology, OperationKind kind) {
        Recent durations = recent.get(new Key(technology, kind));
        return durations == null ? Optional.empty() : durations.tenthPercentile();
    }

    private record Key(Technology technology, OperationKind kind) {
    }

    private static final class Recent {
        private final long[] nanos = new long[KEPT];
        private long seen;

        synchronized void add(Duration took) {
            nanos[(int) (seen++ % KEPT)] = Math.max(0, took.toNanos());
        }

        synchronized Optional<Duration> tenthPercentile() {
            if (seen < ENOUGH) {
                return Optional.empty();
            }
            long[] sorted = Arrays.copyOf(nanos, (int) Math.min(seen, KEPT));
            Arrays.sort(sorted);
            return Optional.of(Duration.ofNanos(sorted[(sorted.length - 1) / 10]));
        }
    }
}
