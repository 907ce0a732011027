package org.vpsconnector.adapters.persistence;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.Transactions;

/** Runs each piece of work in one Jdbi transaction, with repositories bound to its handle. */
public final class JdbiTransactions implements Transactions {
    private final Jdbi jdbi;

    public JdbiTransactions(Jdbi jdbi) {
        this.jdbi = jdbi.installPlugin(new SqlObjectPlugin()).installPlugin(new PortableColumnTypes());
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        return jdbi.inTransaction(handle -> work.run(repositoriesOn(handle)));
    }

    @Override
    public void ping() {
        jdbi.useHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
    }

    private static Repositories repositoriesOn(Handle handle) {
        return new Repositories(
                new JdbiVpsRepository(handle.attach(VpsDao.class)),
                new JdbiOperationRepository(handle.attach(OperationDao.class)),
                new JdbiTransitionLog(handle.attach(TransitionDao.class)),
                new JdbiInstanceRepository(handle.attach(InstanceDao.class)),
                new JdbiContextRepository(handle.attach(ContextDao.class)));
    }
}
