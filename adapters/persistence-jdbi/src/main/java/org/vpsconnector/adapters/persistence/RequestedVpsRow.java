package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import org.jdbi.v3.core.mapper.Nested;
import org.vpsconnector.application.port.out.RequestedVps;

/** What a request is decided on, in one row: the columns of a VPS or an operation that is not stored are null. */
public record RequestedVpsRow(boolean instanceInstalled, @Nested("vps") VpsRow vps, @Nested("op") OperationRow latest) {

    RequestedVps toRequestedVps(SecretSealing sealing) {
        return new RequestedVps(instanceInstalled,
                Optional.ofNullable(vps).filter(stored -> stored.id() != null).map(stored -> stored.toVps(sealing)),
                RevisedVpsRow.latestOf(latest, sealing));
    }
}
