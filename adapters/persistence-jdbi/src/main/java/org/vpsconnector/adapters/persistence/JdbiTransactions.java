package org.vpsconnector.adapters.persistence;

import org.jdbi.v3.core.Handle;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.vpsconnector.application.port.out.ConcurrentWriteException;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.Transactions;

/** Runs each piece of work in one Jdbi transaction, with repositories bound to its handle. */
public final class JdbiTransactions implements Transactions {
    private final Jdbi jdbi;
    private final SecretSealing sealing;

    /** {@code sealing} seals the secrets the repositories store, such as an instance's private key. */
    public JdbiTransactions(Jdbi jdbi, SecretSealing sealing) {
        this.jdbi = jdbi.installPlugin(new SqlObjectPlugin()).installPlugin(new PortableColumnTypes());
        this.sealing = sealing;
    }

    // SQLSTATE of a unique constraint violation, on H2 and PostgreSQL alike.
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public <T> T inTransaction(Work<T> work) {
        try {
            return jdbi.inTransaction(handle -> work.run(repositoriesOn(handle)));
        } catch (UnableToExecuteStatementException failure) {
            if (failure.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw new ConcurrentWriteException("another transaction wrote the same record first", failure);
            }
            throw unavailableOr(failure);
        } catch (JdbiException failure) {
            throw unavailableOr(failure);
        }
    }

    @Override
    public void ping() {
        try {
            jdbi.useHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
        } catch (JdbiException failure) {
            throw unavailableOr(failure);
        }
    }

    private static RuntimeException unavailableOr(JdbiException failure) {
        if (ConnectionFailures.isConnectionFailure(failure)) {
            // The driver's words only: Jdbi's own message quotes the statement and its arguments.
            return new RepositoryUnavailableException("the database is unavailable: "
                    + ConnectionFailures.reason(failure), failure);
        }
        return failure;
    }

    /**
     * Seals what a version before sealing stored as text (run once at start, after the schema
     * migration); answers how many instances it sealed.
     */
    public int sealStoredSecrets() {
        return jdbi.inTransaction(handle -> new JdbiInstanceRepository(handle.attach(InstanceDao.class), sealing)
                .sealUnsealed());
    }

    private Repositories repositoriesOn(Handle handle) {
        return new Repositories(
                new JdbiVpsRepository(handle.attach(VpsDao.class), sealing),
                new JdbiOperationRepository(handle.attach(OperationDao.class), sealing),
                new JdbiTransitionLog(handle.attach(TransitionDao.class)),
                new JdbiInstanceRepository(handle.attach(InstanceDao.class), sealing),
                new JdbiContextRepository(handle.attach(ContextDao.class)),
                new JdbiControllerUpdateRepository(handle.attach(ControllerUpdateDao.class)),
                new JdbiUsageRepository(handle.attach(UsageDao.class)),
                new JdbiDrainRepository(handle.attach(DrainDao.class)));
    }
}
