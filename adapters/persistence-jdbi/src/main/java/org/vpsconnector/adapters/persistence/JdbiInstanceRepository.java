package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.InstanceRepository;
import org.vpsconnector.domain.ApplicationInstance;

final class JdbiInstanceRepository implements InstanceRepository {
    private final InstanceDao dao;

    JdbiInstanceRepository(InstanceDao dao) {
        this.dao = dao;
    }

    @Override
    public Optional<ApplicationInstance> find(UUID id) {
        return dao.find(id);
    }

    @Override
    public void save(ApplicationInstance instance) {
        // Update-then-insert: an upsert both H2 and PostgreSQL understand the same way.
        if (dao.update(instance) == 0) {
            dao.insert(instance);
        }
    }

    @Override
    public void delete(UUID id) {
        dao.delete(id);
    }
}
