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
 * How long operations took lately, from acceptance to success, per technology and kind: the median of the
 * last {@value #KEPT}, once {@value #ENOUGH} were seen. It tells the controller when to come back.
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

    Optional<Duration> typical(Technology technology, OperationKind kind) {
        Recent durations = recent.get(new Key(technology, kind));
        return durations == null ? Optional.empty() : durations.median();
    }

    private record Key(Technology technology, OperationKind kind) {
    }

    private static final class Recent {
        private final long[] nanos = new long[KEPT];
        private long seen;

        synchronized void add(Duration took) {
            nanos[(int) (seen++ % KEPT)] = Math.max(0, took.toNanos());
        }

        synchronized Optional<Duration> median() {
            if (seen < ENOUGH) {
                return Optional.empty();
            }
            long[] sorted = Arrays.copyOf(nanos, (int) Math.min(seen, KEPT));
            Arrays.sort(sorted);
            return Optional.of(Duration.ofNanos(sorted[sorted.length / 2]));
        }
    }
}
