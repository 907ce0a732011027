package org.vpsconnector.application.port.out;

import java.util.Objects;

/** A VPS with its latest operation, and their revision, read together. */
public record RevisedVps(VpsWithLatestOperation stored, VpsRevision revision) {
    public RevisedVps {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(revision, "revision");
    }
}
