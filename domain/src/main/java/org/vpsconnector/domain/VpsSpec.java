package org.vpsconnector.domain;

import java.util.Objects;
import java.util.UUID;

/** What the controller asks a VPS to be: the properties it sends on provision and configure. */
public record VpsSpec(String name, String description, Hardware hardware, Platform platform,
                      UUID contextId, UUID subscriptionId) {

    public VpsSpec {
        Objects.requireNonNull(hardware, "hardware");
        platform = platform == null ? Platform.UNSPECIFIED : platform;
        // The limits are the sizes of the columns that keep them.
        StoredText.line(name, "name", 255);
        StoredText.line(description, "description", 4000);
    }

    public Technology technology() {
        return hardware.technology();
    }
}
