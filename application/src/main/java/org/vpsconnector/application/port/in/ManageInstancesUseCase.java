package org.vpsconnector.application.port.in;

import java.util.UUID;
import org.vpsconnector.domain.ApplicationInstance;

/** Install, upgrade and removal of the application instance ({@code clouds}). */
public interface ManageInstancesUseCase {
    ApplicationInstance install(InstallInstanceCommand command);

    ApplicationInstance get(UUID instanceId);

    ApplicationInstance upgrade(UUID instanceId, String fromVersion);

    /** Refused while the instance still has VPSes that are not deleted. */
    void remove(UUID instanceId);
}
