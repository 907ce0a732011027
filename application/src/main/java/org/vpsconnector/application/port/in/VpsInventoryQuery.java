package org.vpsconnector.application.port.in;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;

/** The VPSes of every instance, for an operator: filtered by instance, state and host. */
public interface VpsInventoryQuery {

    /** {@code host}: a host's name, or its drain scope ({@code container:engine-a}) where names repeat across kinds. */
    List<Vps> list(Optional<UUID> instanceId, Optional<PowerState> state, Optional<String> host, int limit);
}
