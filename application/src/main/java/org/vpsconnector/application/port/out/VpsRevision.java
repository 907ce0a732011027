package org.vpsconnector.application.port.out;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.domain.Technology;

/**
 * What a pass over every VPS keeps of one it read, in place of the whole record: where its server
 * lives, and the revisions of the VPS and of its latest operation. Every write of either raises its
 * revision, so the same revision read again later means that neither was written in between.
 * {@code host} is null for a VPS not placed on a host by name.
 */
public record VpsRevision(UUID vpsId, UUID instanceId, Technology technology, String host, long vpsRevision,
                          Optional<UUID> latestOperationId, long latestOperationRevision) {
    public VpsRevision {
        Objects.requireNonNull(vpsId, "vpsId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(technology, "technology");
        Objects.requireNonNull(latestOperationId, "latestOperationId");
    }
}
