package org.vpsconnector.adapters.libvirt;

import java.util.UUID;

/**
 * What the adapter reads back from a domain's XML. {@code owner} and {@code instanceId} are null on a
 * domain without our metadata (one this connector did not create).
 */
record DomainDescription(UUID uuid, String owner, UUID instanceId, int memoryGb, int cpuCount) {

    boolean ownedBy(String expectedOwner) {
        return expectedOwner.equals(owner) && instanceId != null;
    }
}
