package org.vpsconnector.application.port.in;

import java.util.UUID;
import org.vpsconnector.domain.Vps;

public interface GetVpsQuery {
    /** The VPS as stored; throws NotFoundException for an unknown or deleted VPS. */
    Vps get(UUID instanceId, UUID vpsId);
}
