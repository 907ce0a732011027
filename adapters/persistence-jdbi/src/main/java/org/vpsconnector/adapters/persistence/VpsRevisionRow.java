package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.VpsRevision;
import org.vpsconnector.domain.Technology;

/** The revision of a row of {@code vpses} and of its latest operation: the operation's columns are null when it has none. */
public record VpsRevisionRow(UUID vpsId, UUID instanceId, boolean vm, String host, long vpsRevision,
                             UUID latestOperationId, Long latestOperationRevision) {

    VpsRevision toVpsRevision() {
        return new VpsRevision(vpsId, instanceId, vm ? Technology.VIRTUAL_MACHINE : Technology.CONTAINER, host, vpsRevision,
                Optional.ofNullable(latestOperationId), latestOperationRevision == null ? 0 : latestOperationRevision);
    }
}
