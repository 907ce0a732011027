package org.vpsconnector.application.port.out;

import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.domain.ApplicationInstance;

public interface InstanceRepository {
    Optional<ApplicationInstance> find(UUID id);

    /** Whether the instance is installed: every request asks, and needs none of its certificates. */
    boolean isInstalled(UUID id);

    /** Inserts the instance or replaces the stored one with the same id. */
    void save(ApplicationInstance instance);

    void delete(UUID id);
}
