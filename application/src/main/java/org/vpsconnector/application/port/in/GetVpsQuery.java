package org.vpsconnector.application.port.in;

import java.util.UUID;
import org.vpsconnector.application.port.out.VpsWithUsage;
import org.vpsconnector.domain.Vps;

public interface GetVpsQuery {
    /** The VPS as stored; throws NotFoundException for an unknown or deleted VPS. */
    Vps get(UUID instanceId, UUID vpsId);

    /**
     * The VPS and its usage figures as stored, read in one transaction; never asks the backend,
     * so it answers as fast while a backend is slow or down. Throws NotFoundException like {@link #get}.
     */
    VpsWithUsage retrieve(UUID instanceId, UUID vpsId);
}
