package org.vpsconnector.adapters.persistence;

import java.util.List;
import java.util.Optional;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.DrainRepository;

final class JdbiDrainRepository implements DrainRepository {
    private final DrainDao dao;

    JdbiDrainRepository(DrainDao dao) {
        this.dao = dao;
    }

    @Override
    public Optional<Drain> find(String scope) {
        return dao.find(scope);
    }

    @Override
    public void drain(Drain drain) {
        dao.insertUnlessDrained(drain);
    }

    @Override
    public boolean undrain(String scope) {
        return dao.delete(scope) > 0;
    }

    @Override
    public List<Drain> list() {
        return dao.list();
    }
}
