package org.vpsconnector.application.port.in;

import java.util.UUID;
import org.vpsconnector.domain.SubscriptionContext;

/** Customer subscriptions ({@code contexts}) and the link notifications about them. */
public interface ManageContextsUseCase {
    /** Provision and configure alike: stores the context as the controller describes it. */
    SubscriptionContext save(ProvisionContextCommand command);

    SubscriptionContext get(UUID instanceId, UUID contextId);

    /** Refused while VPSes of the context are not deleted. */
    void remove(UUID instanceId, UUID contextId);

    /** A link or unlink notification: accepted for a known context. */
    void acknowledgeLinkChange(UUID instanceId, UUID contextId, String relation);
}
