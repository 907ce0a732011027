package org.vpsconnector.adapters.apsrest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.vpsconnector.application.port.in.ProvisionContextCommand;
import org.vpsconnector.domain.SubscriptionContext;

/** The JSON of a {@code context/1.0} resource: one customer subscription and its account. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContextJson(ApsMeta aps, ApsLink subscription, ApsLink account) implements ApsResourceJson {

    static final String TYPE = "http://aps-standard.org/samples/async1p/context/1.0";

    static ContextJson of(SubscriptionContext context) {
        return new ContextJson(
                ApsMeta.of(context.id(), TYPE, ApsMeta.READY, context.subscriptionId()),
                ApsLink.strong(context.subscriptionId()),
                ApsLink.strong(context.accountId()));
    }

    ProvisionContextCommand toCommand(UUID instanceId, UUID contextId) {
        // The subscription link is authoritative; aps.subscription says the same on most controllers.
        UUID subscriptionId = subscription != null
                ? subscription.id("subscription")
                : ApsIds.parseIfPresent(aps == null ? null : aps.subscription(), "aps.subscription");
        return new ProvisionContextCommand(instanceId, contextId, subscriptionId, ApsLink.idOf(account, "account"));
    }
}
