package org.vpsconnector.adapters.docker;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.vpsconnector.application.port.out.ServerSpec;

/**
 * Which container belongs to which VPS, and to which connector installation. The name comes from
 * the VPS id, so a repeated create finds the container of the first one; the labels say whose it is.
 */
final class ContainerIdentity {
    static final String OWNER_LABEL = "org.vpsconnector.owner";
    static final String VPS_ID_LABEL = "org.vpsconnector.vps-id";
    static final String INSTANCE_ID_LABEL = "org.vpsconnector.instance-id";

    private ContainerIdentity() {
    }

    static String name(UUID vpsId) {
        return "vps-" + vpsId;
    }

    static Map<String, String> labels(ServerSpec spec, String owner) {
        return Map.of(
                OWNER_LABEL, owner,
                VPS_ID_LABEL, spec.vpsId().toString(),
                INSTANCE_ID_LABEL, spec.instanceId().toString());
    }

    /** Whether the labels of a container (null when it has none) mark it as this owner's VPS. */
    static boolean isOwnedBy(Map<String, String> labels, String owner) {
        return labels != null && Objects.equals(labels.get(OWNER_LABEL), owner) && labels.containsKey(VPS_ID_LABEL);
    }

    static UUID vpsId(Map<String, String> labels) {
        return UUID.fromString(labels.get(VPS_ID_LABEL));
    }

    static UUID instanceId(Map<String, String> labels) {
        return UUID.fromString(labels.get(INSTANCE_ID_LABEL));
    }
}
