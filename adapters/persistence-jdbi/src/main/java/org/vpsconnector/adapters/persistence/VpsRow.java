package org.vpsconnector.adapters.persistence;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.Nested;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;

/** A row of {@code vpses}; {@code suspended} says in its own column what {@code resumeState} implies. */
public record VpsRow(UUID id, UUID instanceId, @Nested SpecColumns spec, Lifecycle lifecycle, PowerState state,
                     Instant createdAt, Instant modifiedAt, boolean suspended, PowerState resumeState, String ipv4,
                     String host) {

    static VpsRow of(Vps vps, SecretSealing sealing) {
        return new VpsRow(vps.id(), vps.instanceId(), SpecColumns.of(vps.spec(), vps.id(), sealing), vps.lifecycle(), vps.state(),
                vps.createdAt(), vps.modifiedAt(), vps.suspended(), vps.resumeTo(), vps.ipv4(), vps.host());
    }

    Vps toVps(SecretSealing sealing) {
        return new Vps(id, instanceId, spec.toSpec(id, sealing), lifecycle, state, createdAt, modifiedAt, resumeState, ipv4, host);
    }
}
