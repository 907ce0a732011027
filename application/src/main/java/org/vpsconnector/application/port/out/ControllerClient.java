package org.vpsconnector.application.port.out;

import java.util.UUID;
import org.vpsconnector.domain.ApplicationInstance;

/** Speaks first to the controller of an application instance. */
public interface ControllerClient {

    /**
     * Updates a resource at the instance's controller ({@code PUT {controllerUri}aps/2/resources/{id}})
     * with the instance certificate as client certificate.
     *
     * @throws ControllerCallException when the controller cannot be reached or does not accept the update
     */
    void updateResource(ApplicationInstance instance, UUID resourceId, String transactionId, String representation);
}
