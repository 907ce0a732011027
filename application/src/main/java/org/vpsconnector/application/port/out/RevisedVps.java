package org.vpsconnector.application.port.out;

import java.util.Objects;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.Vps;

/** A VPS with its latest operation, and the revisions of both (0 for no operation), read together. */
public record RevisedVps(VpsWithLatestOperation stored, long vpsRevision, long latestOperationRevision) {
    public RevisedVps {
        Objects.requireNonNull(stored, "stored");
    }

    /** What a pass keeps of it: the rest is the stored VPS's. */
    public VpsRevision revision() {
        Vps vps = stored.vps();
        return new VpsRevision(vps.id(), vps.instanceId(), vps.technology(), vps.host(), vpsRevision,
                stored.latestOperation().map(Operation::id), latestOperationRevision);
    }
}
