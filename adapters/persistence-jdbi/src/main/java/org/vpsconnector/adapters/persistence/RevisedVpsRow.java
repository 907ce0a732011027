package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import org.jdbi.v3.core.mapper.Nested;
import org.vpsconnector.application.port.out.RevisedVps;
import org.vpsconnector.application.port.out.VpsWithLatestOperation;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

/**
 * A row of {@code vpses} joined with its latest operation, with the revisions of both: the operation's
 * columns are null when it has none.
 */
public record RevisedVpsRow(@Nested("vps") VpsRow vps, @Nested("op") OperationRow latest, long revisionOfVps,
                            Long revisionOfOperation) {

    RevisedVps toRevisedVps(SecretSealing sealing) {
        Vps stored = vps.toVps(sealing);
        Optional<Operation> operation = latestOf(latest, sealing);
        return new RevisedVps(new VpsWithLatestOperation(stored, operation),
                new VpsRevisionRow(stored.id(), stored.instanceId(), stored.technology() == Technology.VIRTUAL_MACHINE,
                        stored.host(), revisionOfVps, operation.map(Operation::id).orElse(null), revisionOfOperation)
                        .toVpsRevision());
    }

    /** The operation the columns hold, none when they are all null (no operation joined). */
    static Optional<Operation> latestOf(OperationRow latest, SecretSealing sealing) {
        return Optional.ofNullable(latest).filter(stored -> stored.id() != null).map(stored -> stored.toOperation(sealing));
    }
}
