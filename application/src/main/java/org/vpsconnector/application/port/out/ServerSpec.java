package org.vpsconnector.application.port.out;

import java.util.Objects;
import java.util.UUID;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.Platform;

/**
 * What a backend needs to create the server of a VPS; the VPS id names the server. The backend
 * picks its image for {@code platform} with {@link org.vpsconnector.domain.OperatingSystem#choose},
 * names the host after {@code name} ({@link org.vpsconnector.domain.HostName}) and lets
 * {@code login} in as root.
 */
public record ServerSpec(UUID vpsId, UUID instanceId, String name, Hardware hardware, Platform platform, Login login) {
    public ServerSpec {
        Objects.requireNonNull(vpsId, "vpsId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(platform, "platform");
        login = login == null ? Login.NONE : login;
    }

    /** A server nobody logs in to. */
    public ServerSpec(UUID vpsId, UUID instanceId, String name, Hardware hardware, Platform platform) {
        this(vpsId, instanceId, name, hardware, platform, Login.NONE);
    }
}
