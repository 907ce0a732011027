package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import org.jdbi.v3.core.mapper.Nested;
import org.vpsconnector.application.port.out.VpsWithLatestOperation;
import org.vpsconnector.domain.Operation;

/** A row of {@code vpses} joined with its latest operation: the operation's columns are null when it has none. */
public record VpsWithLatestOperationRow(@Nested("vps") VpsRow vps, @Nested("op") OperationRow latest) {

    VpsWithLatestOperation toVpsWithLatestOperation(SecretSealing sealing) {
        return new VpsWithLatestOperation(vps.toVps(sealing), latestOf(latest, sealing));
    }

    /** The operation the columns hold, none when they are all null (no operation joined). */
    static Optional<Operation> latestOf(OperationRow latest, SecretSealing sealing) {
        return Optional.ofNullable(latest).filter(stored -> stored.id() != null).map(stored -> stored.toOperation(sealing));
    }
}
