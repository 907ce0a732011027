package org.vpsconnector.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * What the controller asks a VPS to be: the properties it sends on provision and configure.
 * {@code login} is how the customer gets in ({@link Login#NONE} when none was given).
 */
public record VpsSpec(String name, String description, Hardware hardware, Platform platform,
                      UUID contextId, UUID subscriptionId, Login login) {

    public VpsSpec {
        Objects.requireNonNull(hardware, "hardware");
        platform = platform == null ? Platform.UNSPECIFIED : platform;
        login = login == null ? Login.NONE : login;
        // The limits are the sizes of the columns that keep them.
        StoredText.line(name, "name", 255);
        StoredText.line(description, "description", 4000);
    }

    /** A VPS asked for without a login. */
    public VpsSpec(String name, String description, Hardware hardware, Platform platform,
                   UUID contextId, UUID subscriptionId) {
        this(name, description, hardware, platform, contextId, subscriptionId, Login.NONE);
    }

    public VpsSpec withLogin(Login login) {
        return new VpsSpec(name, description, hardware, platform, contextId, subscriptionId, login);
    }

    public VpsSpec withPlatform(Platform platform) {
        return new VpsSpec(name, description, hardware, platform, contextId, subscriptionId, login);
    }

    public Technology technology() {
        return hardware.technology();
    }
}
