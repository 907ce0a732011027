package org.vpsconnector.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.vpsconnector.domain.Backoff;

/**
 * One resource update owed to the controller of {@code instanceId}: {@code PUT
 * {controller}aps/2/resources/{resourceId}} with {@code representation}, echoing
 * {@code transactionId} (the {@code APS-Transaction-ID} of the request whose work changed the
 * resource; null for a change no request caused, such as drift that reconcile recorded).
 */
public record ControllerUpdate(UUID id, UUID resourceId, UUID instanceId, String transactionId, String representation,
                               Status status, int attempts, Instant nextAttemptAt, String lastError,
                               Instant createdAt, Instant finishedAt) {

    public enum Status {
        /** Not yet delivered: sent when it is the oldest pending update of its resource and due. */
        PENDING,
        DELIVERED,
        /** Refused or unreachable through every retry; the next update of its resource goes ahead. */
        ABANDONED
    }

    public ControllerUpdate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(representation, "representation");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new update, due at once. */
    public static ControllerUpdate of(UUID resourceId, UUID instanceId, String transactionId, String representation,
                                      Instant now) {
        return new ControllerUpdate(UUID.randomUUID(), resourceId, instanceId, transactionId, representation,
                Status.PENDING, 0, now, null, now, null);
    }

    public ControllerUpdate delivered(Instant now) {
        return new ControllerUpdate(id, resourceId, instanceId, transactionId, representation, Status.DELIVERED,
                attempts + 1, nextAttemptAt, lastError, createdAt, now);
    }

    /** After a failed attempt: due again after the backoff's delay, or abandoned once its attempts are spent. */
    public ControllerUpdate failed(String error, Backoff backoff, Instant now) {
        int failures = attempts + 1;
        if (backoff.exhausted(failures)) {
            return new ControllerUpdate(id, resourceId, instanceId, transactionId, representation, Status.ABANDONED,
                    failures, nextAttemptAt, error, createdAt, now);
        }
        return new ControllerUpdate(id, resourceId, instanceId, transactionId, representation, Status.PENDING,
                failures, now.plus(backoff.delayAfter(failures)), error, createdAt, null);
    }

    /** Given up without an attempt, e.g. because its instance was removed. */
    public ControllerUpdate abandoned(String reason, Instant now) {
        return new ControllerUpdate(id, resourceId, instanceId, transactionId, representation, Status.ABANDONED,
                attempts, nextAttemptAt, reason, createdAt, now);
    }

    @Override
    public String toString() {
        // The representation is the resource as the controller sees it; kept out of log lines for brevity.
        return "ControllerUpdate[id=" + id + ", resource=" + resourceId + ", instance=" + instanceId
                + ", transaction=" + transactionId + ", status=" + status + ", attempts=" + attempts + "]";
    }
}
