package org.vpsconnector.domain;

import java.util.Objects;
import java.util.UUID;

/** What the controller asks a VPS to be: the properties it sends on provision and configure. */
public record VpsSpec(String name, String description, Hardware hardware, Platform platform,
                      UUID contextId, UUID subscriptionId) {

    public VpsSpec {
        Objects.requireNonNull(hardware, "hardware");
        platform = platform == null ? Platform.UNSPECIFIED : platform;
        if (name != null && name.length() > 255) {
            throw new InvalidRequestException("name is longer than 255 characters");
        }
        if (description != null && description.length() > 4000) {
            throw new InvalidRequestException("description is longer than 4000 characters");
        }
    }

    public Technology technology() {
        return hardware.technology();
    }
}
