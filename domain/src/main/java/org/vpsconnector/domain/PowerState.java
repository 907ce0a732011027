package org.vpsconnector.domain;

import java.util.Arrays;

/** The business {@code state} property of a VPS: what its server is doing. */
public enum PowerState {
    CREATING("Creating"),
    STOPPED("Stopped"),
    STARTING("Starting"),
    RUNNING("Running"),
    STOPPING("Stopping"),
    CONFIGURING("Configuring"),
    DELETING("Deleting"),
    ERROR("Error");

    private final String apsName;

    PowerState(String apsName) {
        this.apsName = apsName;
    }

    public String apsName() {
        return apsName;
    }

    public static PowerState fromApsName(String name) {
        return Arrays.stream(values())
                .filter(state -> state.apsName.equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException("unknown state '" + name + "'"));
    }
}
