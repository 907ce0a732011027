package org.vpsconnector.adapters.apsrest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.port.in.ManageContextsUseCase;
import org.vpsconnector.application.port.in.ProvisionContextCommand;
import org.vpsconnector.domain.SubscriptionContext;

/** Subscription contexts in a map; a context marked busy still has VPSes and cannot be removed. */
final class FakeContexts implements ManageContextsUseCase {

    final List<Call> changes = new ArrayList<>();
    final List<String> acknowledgedRelations = new ArrayList<>();
    private final Map<UUID, SubscriptionContext> contexts = new HashMap<>();
    private final Set<UUID> busy = new HashSet<>();

    SubscriptionContext add(UUID instanceId, UUID id, UUID subscriptionId, UUID accountId) {
        SubscriptionContext context = new SubscriptionContext(id, instanceId, subscriptionId, accountId, FakeVpsUseCases.NOW);
        contexts.put(id, context);
        return context;
    }

    void markBusy(UUID id) {
        busy.add(id);
    }

    @Override
    public SubscriptionContext save(ProvisionContextCommand command) {
        changes.add(new Call("save", command));
        return add(command.instanceId(), command.contextId(), command.subscriptionId(), command.accountId());
    }

    @Override
    public SubscriptionContext get(UUID instanceId, UUID contextId) {
        return known(instanceId, contextId);
    }

    @Override
    public void remove(UUID instanceId, UUID contextId) {
        changes.add(new Call("remove", contextId));
        known(instanceId, contextId);
        if (busy.contains(contextId)) {
            throw new ConflictException("the context still has VPSes");
        }
        contexts.remove(contextId);
    }

    @Override
    public void acknowledgeLinkChange(UUID instanceId, UUID contextId, String relation) {
        known(instanceId, contextId);
        acknowledgedRelations.add(relation);
    }

    private SubscriptionContext known(UUID instanceId, UUID contextId) {
        SubscriptionContext context = contexts.get(contextId);
        if (context == null || !context.instanceId().equals(instanceId)) {
            throw new NotFoundException("no context " + contextId);
        }
        return context;
    }
}
