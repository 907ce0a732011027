package org.vpsconnector.application.port.out;

import java.util.Objects;
import java.util.UUID;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;

/** What a backend needs to create the server of a VPS; the VPS id names the server. */
public record ServerSpec(UUID vpsId, UUID instanceId, String name, Hardware hardware, Platform platform) {
    public ServerSpec {
        Objects.requireNonNull(vpsId, "vpsId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(platform, "platform");
    }
}
