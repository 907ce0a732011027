package org.vpsconnector.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A customer subscription ({@code contexts}): the tenant its VPSes belong to. */
public record SubscriptionContext(UUID id, UUID instanceId, UUID subscriptionId, UUID accountId, Instant createdAt) {
    public SubscriptionContext {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
