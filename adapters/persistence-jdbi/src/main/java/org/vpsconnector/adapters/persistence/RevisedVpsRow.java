package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import org.jdbi.v3.core.mapper.Nested;
import org.vpsconnector.application.port.out.RevisedVps;
import org.vpsconnector.application.port.out.VpsWithLatestOperation;
import org.vpsconnector.domain.Operation;

/**
 * A row of {@code vpses} joined with its latest operation, with the revisions of both: the operation's
 * columns are null when it has none.
 */
public record RevisedVpsRow(@Nested("vps") VpsRow vps, @Nested("op") OperationRow latest, long revisionOfVps,
                            Long revisionOfOperation) {

    RevisedVps toRevisedVps(SecretSealing sealing) {
        return new RevisedVps(new VpsWithLatestOperation(vps.toVps(sealing), latestOf(latest, sealing)), revisionOfVps,
                revisionOfOperation == null ? 0 : revisionOfOperation);
    }

    /** The operation the columns hold, none when they are all null (no operation joined). */
    static Optional<Operation> latestOf(OperationRow latest, SecretSealing sealing) {
        return Optional.ofNullable(latest).filter(stored -> stored.id() != null).map(stored -> stored.toOperation(sealing));
    }
}
