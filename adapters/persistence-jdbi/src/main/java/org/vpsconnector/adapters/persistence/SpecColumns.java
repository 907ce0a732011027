package org.vpsconnector.adapters.persistence;

import java.util.UUID;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.VpsSpec;

/**
 * A {@link VpsSpec} flattened into columns; every column is null when there is no spec (the
 * target of an operation that carries none).
 */
public record SpecColumns(String name, String description, Integer memoryGb, Integer diskspaceGb,
                          Integer cpuCount, Boolean vm, String platformArch, String platformOsName,
                          String platformOsVersion, UUID contextId, UUID subscriptionId) {

    private static final SpecColumns NONE = new SpecColumns(null, null, null, null, null, null, null, null, null, null, null);

    static SpecColumns of(VpsSpec spec) {
        if (spec == null) {
            return NONE;
        }
        Hardware hardware = spec.hardware();
        Platform platform = spec.platform();
        return new SpecColumns(spec.name(), spec.description(), hardware.memoryGb(), hardware.diskspaceGb(),
                hardware.cpuCount(), hardware.vm(), platform.arch(), platform.osName(), platform.osVersion(),
                spec.contextId(), spec.subscriptionId());
    }

    /** The spec, or null when these columns hold none (hardware is what every spec has). */
    VpsSpec toSpec() {
        if (memoryGb == null) {
            return null;
        }
        return new VpsSpec(name, description, new Hardware(memoryGb, diskspaceGb, cpuCount, vm),
                new Platform(platformArch, platformOsName, platformOsVersion), contextId, subscriptionId);
    }
}
