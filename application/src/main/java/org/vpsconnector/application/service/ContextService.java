package org.vpsconnector.application.service;

import java.time.Clock;
import java.util.UUID;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.port.in.ManageContextsUseCase;
import org.vpsconnector.application.port.in.ProvisionContextCommand;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.SubscriptionContext;
import org.vpsconnector.domain.Vps;

public final class ContextService implements ManageContextsUseCase {
    private final Transactions transactions;
    private final Clock clock;

    public ContextService(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public SubscriptionContext save(ProvisionContextCommand command) {
        return transactions.inTransactionRetryingConcurrentWrite(repositories -> {
            InstalledInstances.require(repositories, command.instanceId());
            var existing = repositories.contexts().find(command.contextId());
            if (existing.isPresent() && !existing.get().instanceId().equals(command.instanceId())) {
                throw new ConflictException("context " + command.contextId() + " belongs to another application instance");
            }
            SubscriptionContext context = new SubscriptionContext(command.contextId(), command.instanceId(),
                    command.subscriptionId(), command.accountId(),
                    existing.map(SubscriptionContext::createdAt).orElse(clock.instant()));
            repositories.contexts().save(context);
            return context;
        });
    }

    @Override
    public SubscriptionContext get(UUID instanceId, UUID contextId) {
        return transactions.inTransaction(repositories -> find(repositories, instanceId, contextId));
    }

    @Override
    public void remove(UUID instanceId, UUID contextId) {
        transactions.inTransaction(repositories -> {
            find(repositories, instanceId, contextId);
            long live = repositories.vpses().listByInstance(instanceId).stream()
                    .filter(vps -> contextId.equals(vps.spec().contextId()))
                    .filter(Vps::isLive)
                    .count();
            if (live > 0) {
                throw new ConflictException("the context still has " + live + " VPS(es); unprovision them first");
            }
            repositories.contexts().delete(contextId);
            return null;
        });
    }

    @Override
    public void acknowledgeLinkChange(UUID instanceId, UUID contextId, String relation) {
        transactions.inTransaction(repositories -> find(repositories, instanceId, contextId));
    }


    private static SubscriptionContext find(Repositories repositories, UUID instanceId, UUID contextId) {
        InstalledInstances.require(repositories, instanceId);
        return repositories.contexts().find(contextId)
                .filter(context -> context.instanceId().equals(instanceId))
                .orElseThrow(() -> new NotFoundException("no context " + contextId));
    }
}
