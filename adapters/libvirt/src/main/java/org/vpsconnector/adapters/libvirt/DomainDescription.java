package org.vpsconnector.adapters.libvirt;

import java.util.UUID;
import org.vpsconnector.domain.OperatingSystem;

/**
 * What the adapter reads back from a domain's XML. {@code owner} and {@code instanceId} are null on a
 * domain without our metadata (one this connector did not create); {@code operatingSystem} is the
 * image it was made from and {@code loginDigest} names root's login it was given.
 */
record DomainDescription(UUID uuid, String owner, UUID instanceId, int memoryGb, int cpuCount,
                         OperatingSystem operatingSystem, String loginDigest) {

    boolean ownedBy(String expectedOwner) {
        return expectedOwner.equals(owner) && instanceId != null;
    }
}
