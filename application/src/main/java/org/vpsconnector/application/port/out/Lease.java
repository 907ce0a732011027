package org.vpsconnector.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Who may work on an operation, and until when. {@code epoch} grows at every claim: it fences off
 * an attempt that outlived its lease from the attempt that took the operation over, even when
 * both run in one process under the same owner name.
 */
public record Lease(UUID operationId, String owner, long epoch, Instant until) {
    public Lease {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(until, "until");
    }

    /** The same claim: same holder, same epoch, whatever its expiry now. */
    public boolean sameClaimAs(Lease other) {
        return operationId.equals(other.operationId) && owner.equals(other.owner) && epoch == other.epoch;
    }

    public boolean liveAt(Instant now) {
        return !until.isBefore(now);
    }
}
