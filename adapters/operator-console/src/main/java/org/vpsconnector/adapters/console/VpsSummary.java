package org.vpsconnector.adapters.console;

import java.time.Instant;
import java.util.UUID;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;

/** A VPS as the console lists it: what an operator needs to find it, and no secret (its login stays out). */
public record VpsSummary(UUID id, UUID instanceId, String name, String technology, String host, String lifecycle,
                         String state, boolean suspended, String ipv4, int memoryGb, int diskspaceGb, int cpus,
                         String os, Instant createdAt, Instant modifiedAt) {

    static VpsSummary of(Vps vps) {
        var spec = vps.spec();
        String os = spec.platform().osName() == null ? null
                : spec.platform().osName() + (spec.platform().osVersion() == null ? "" : " " + spec.platform().osVersion());
        return new VpsSummary(vps.id(), vps.instanceId(), spec.name(),
                vps.technology() == Technology.CONTAINER ? "container" : "vm", vps.host(), vps.lifecycle().name(),
                vps.state().apsName(), vps.suspended(), vps.ipv4(), spec.hardware().memoryGb(), spec.hardware().diskspaceGb(),
                spec.hardware().cpuCount(), os, vps.createdAt(), vps.modifiedAt());
    }
}
