package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.ContextRepository;
import org.vpsconnector.domain.SubscriptionContext;

/** What {@link ContextRepository} promises: a subscription's context read back as saved, until it is deleted. */
public abstract class ContextRepositoryContract extends RepositoryContract {

    @Test
    void savesFindsReplacesAndDeletesAContext() {
        SubscriptionContext context = new SubscriptionContext(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), T0);
        SubscriptionContext bare = new SubscriptionContext(UUID.randomUUID(), UUID.randomUUID(), null, null, T1);
        SubscriptionContext moved = new SubscriptionContext(context.id(), context.instanceId(), UUID.randomUUID(), null, T1);

        write(repositories -> {
            repositories.contexts().save(context);
            repositories.contexts().save(bare);
        });
        assertThat(find(context.id())).contains(context);
        assertThat(find(bare.id())).contains(bare);

        write(repositories -> repositories.contexts().save(moved));
        assertThat(find(context.id())).contains(moved);

        write(repositories -> repositories.contexts().delete(context.id()));
        assertThat(find(context.id())).isEmpty();
        assertThat(find(bare.id())).contains(bare);
    }

    @Test
    void deletingAnUnknownContextChangesNothing() {
        SubscriptionContext context = new SubscriptionContext(UUID.randomUUID(), UUID.randomUUID(), null, null, T0);
        write(repositories -> repositories.contexts().save(context));

        write(repositories -> repositories.contexts().delete(UUID.randomUUID()));

        assertThat(find(context.id())).contains(context);
        assertThat(find(UUID.randomUUID())).isEmpty();
    }

    private Optional<SubscriptionContext> find(UUID id) {
        return read(repositories -> repositories.contexts().find(id));
    }
}
