package org.vpsconnector.application.port.out;

import java.util.UUID;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Technology;

/**
 * Which live VPSes an operator looks at; a null criterion is no criterion. {@code host} names a host
 * of {@code hostTechnology}; {@code hostHoldsUnplaced} says that VPSes stored before hosts were
 * named (host null) of that technology live on it, as they do on the first host of a technology.
 */
public record VpsFilter(UUID instanceId, PowerState state, String host, Technology hostTechnology,
                        boolean hostHoldsUnplaced, int limit) {

    public static final int MOST = 1000;

    public VpsFilter {
        if (limit < 1 || limit > MOST) {
            throw new IllegalArgumentException("limit must be 1 to " + MOST + ", got " + limit);
        }
        if (host != null && hostTechnology == null) {
            throw new IllegalArgumentException("a host is named with its technology");
        }
    }
}
