package org.vpsconnector.application.callback;

import java.time.Duration;
import java.util.Objects;
import org.vpsconnector.domain.Backoff;

/**
 * How the dispatcher sends the outbox: it looks for due updates every {@code interval}, takes up
 * to {@code batch} of them and sends them on {@code workers} threads (so that a controller that
 * does not answer holds up only its own updates), holds each under a lease of {@code leaseDuration} (longer than a
 * call to the controller may take, so a slow send is never overtaken by another replica),
 * retries a failed one after the {@code backoff}'s delays, and keeps a finished one for
 * {@code keepFinished} before it is pruned.
 */
public record DispatchSettings(Duration interval, Backoff backoff, Duration leaseDuration, int batch, int workers,
                               Duration keepFinished, String nodeId) {
    public DispatchSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(keepFinished, "keepFinished");
        Objects.requireNonNull(nodeId, "nodeId");
        if (batch < 1 || workers < 1) {
            throw new IllegalArgumentException("batch and workers must be at least 1");
        }
    }
}
