package org.vpsconnector.application.port.out;

import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.domain.SubscriptionContext;

public interface ContextRepository {
    Optional<SubscriptionContext> find(UUID id);

    /** Inserts the context or replaces the stored one with the same id. */
    void save(SubscriptionContext context);

    void delete(UUID id);
}
