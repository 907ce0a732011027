package org.vpsconnector.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one piece of work in flight for a VPS, kept after it ends so that a late poll still gets
 * its answer. {@code target} is the representation a provision or configure must reach;
 * {@code transactionId} is the {@code APS-Transaction-ID} of the request that started it (may be null),
 * echoed to the controller in the updates and logs the operation causes.
 */
public record Operation(UUID id, UUID vpsId, OperationKind kind, OperationStatus status, VpsSpec target,
                        int attempts, Instant nextAttemptAt, String lastError, String info,
                        Instant createdAt, Instant updatedAt, String transactionId) {

    public Operation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vpsId, "vpsId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        if (kind.carriesSpec() && target == null) {
            throw new IllegalArgumentException(kind + " needs a target representation");
        }
    }

    public static Operation accept(UUID id, UUID vpsId, OperationKind kind, VpsSpec target, String transactionId,
                                   Instant now) {
        return new Operation(id, vpsId, kind, OperationStatus.ACCEPTED, target, 0, now, null,
                describe(kind) + " accepted", now, now, transactionId);
    }

    public boolean isFinished() {
        return status.isFinished();
    }

    /** Progress without a failure: a step done, or a guest still booting; asks to be looked at again. */
    public Operation progress(String info, Instant nextAttempt, Instant now) {
        return moveTo(OperationStatus.RUNNING, attempts, nextAttempt, lastError, info, now);
    }

    /** A transient failure: retry after the backoff, or fail once the attempts are spent. */
    public Operation failedAttempt(String error, Backoff backoff, Instant now) {
        int failed = attempts + 1;
        if (backoff.exhausted(failed)) {
            return moveTo(OperationStatus.FAILED, failed, now, error,
                    describe(kind) + " failed after " + failed + " attempts: " + error, now);
        }
        return moveTo(OperationStatus.RUNNING, failed, now.plus(backoff.delayAfter(failed)), error,
                describe(kind) + " retrying after: " + error, now);
    }

    public Operation succeed(Instant now) {
        return succeed(describe(kind) + " done", now);
    }

    /** Done, with {@code info} for the controller, e.g. whether a configure restarted the server. */
    public Operation succeed(String info, Instant now) {
        return moveTo(OperationStatus.SUCCEEDED, attempts, now, lastError, info, now);
    }

    public Operation fail(String error, Instant now) {
        return moveTo(OperationStatus.FAILED, attempts, now, error, describe(kind) + " failed: " + error, now);
    }

    public Operation cancel(String reason, Instant now) {
        return moveTo(OperationStatus.CANCELLED, attempts, now, lastError, describe(kind) + " cancelled: " + reason, now);
    }

    /**
     * An operator's retry of a failed operation: attempts start again from zero, and so does the
     * clock the build timeout is measured on ({@code createdAt}), or a timed-out build would time
     * out again at its first look.
     */
    public Operation retry(Instant now) {
        Operation retried = moveTo(OperationStatus.ACCEPTED, 0, now, lastError, describe(kind) + " retried by an operator", now);
        return new Operation(id, vpsId, kind, retried.status(), target, 0, now, lastError, retried.info(), now, now,
                transactionId);
    }

    private Operation moveTo(OperationStatus next, int attempts, Instant nextAttempt, String error, String info, Instant now) {
        if (!status.canMoveTo(next)) {
            throw new IllegalTransitionException("operation " + id + " cannot go from " + status + " to " + next);
        }
        return new Operation(id, vpsId, kind, next, target, attempts, nextAttempt, error, info, createdAt, now,
                transactionId);
    }

    private static String describe(OperationKind kind) {
        return switch (kind) {
            case PROVISION -> "Provisioning";
            case CONFIGURE -> "Configuration";
            case UNPROVISION -> "Unprovisioning";
            case START -> "Start";
            case STOP -> "Stop";
            case DISABLE -> "Disable";
            case ENABLE -> "Enable";
        };
    }
}
