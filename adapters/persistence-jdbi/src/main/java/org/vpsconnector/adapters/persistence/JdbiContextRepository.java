package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.ContextRepository;
import org.vpsconnector.domain.SubscriptionContext;

final class JdbiContextRepository implements ContextRepository {
    private final ContextDao dao;

    JdbiContextRepository(ContextDao dao) {
        this.dao = dao;
    }

    @Override
    public Optional<SubscriptionContext> find(UUID id) {
        return dao.find(id);
    }

    @Override
    public void save(SubscriptionContext context) {
        // Update-then-insert: an upsert both H2 and PostgreSQL understand the same way.
        if (dao.update(context) == 0) {
            dao.insert(context);
        }
    }

    @Override
    public void delete(UUID id) {
        dao.delete(id);
    }
}
