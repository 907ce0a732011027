package org.vpsconnector.adapters.persistence;

import java.sql.SQLException;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.vpsconnector.application.port.out.ConcurrentWriteException;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.HostLoad;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.OperationCount;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.SubscriptionContext;

/** Runs each piece of work in one Jdbi transaction; the repositories act on the transaction of the thread that calls them. */
public final class JdbiTransactions implements Transactions {
    private final Jdbi jdbi;
    private final SecretSealing sealing;
    private final Repositories repositories;

    /** {@code sealing} seals the secrets the repositories store, such as an instance's private key. */
    public JdbiTransactions(Jdbi jdbi, SecretSealing sealing) {
        this.jdbi = JoinedColumns.defineAll(jdbi).installPlugin(new SqlObjectPlugin()).installPlugin(new PortableColumnTypes())
                // Jdbi's own engine caches each parsed statement; a wrapping engine (Dropwizard's prepends the
                // DAO's name) parses the SQL again on every execution.
                .setTemplateEngine(new DefinedAttributeTemplateEngine())
                .registerArgument(new EnumsByName())
                .registerRowMapper(new RowsMappedOncePerStatement(Set.of(VpsRow.class, VpsWithUsageRow.class,
                        RequestedVpsRow.class, RevisedVpsRow.class, VpsRevisionRow.class, HostLoad.class, OperationRow.class,
                        LeasedOperationRow.class, Lease.class, OperationCount.class, TransitionRow.class, InstanceRow.class,
                        SubscriptionContext.class, ControllerUpdate.class, UsageRow.class, Drain.class)));
        this.sealing = sealing;
        this.repositories = attachedOnce(new TransactionHandle(this.jdbi));
    }

    // SQLSTATE of a unique constraint violation, on H2 and PostgreSQL alike.
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public <T> T inTransaction(Work<T> work) {
        try {
            return jdbi.inTransaction(handle -> work.run(repositories));
        } catch (UnableToExecuteStatementException failure) {
            if (failure.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw new ConcurrentWriteException("another transaction wrote the same record first", failure);
            }
            throw unavailableOr(failure);
        } catch (JdbiException failure) {
            throw unavailableOr(failure);
        }
    }

    /** Without BEGIN and COMMIT: each statement commits on its own, which at READ COMMITTED reads the same. */
    @Override
    public <T> T read(Work<T> work) {
        try {
            return jdbi.withHandle(handle -> work.run(repositories));
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
        return jdbi.inTransaction(handle -> ((JdbiInstanceRepository) repositories.instances()).sealUnsealed());
    }

    /** The repositories over DAOs attached once, each statement on the calling thread's transaction. */
    private Repositories attachedOnce(TransactionHandle transaction) {
        Extensions extensions = jdbi.getConfig(Extensions.class);
        return new Repositories(
                new JdbiVpsRepository(attach(extensions, VpsDao.class, transaction), sealing),
                new JdbiOperationRepository(attach(extensions, OperationDao.class, transaction), sealing),
                new JdbiTransitionLog(attach(extensions, TransitionDao.class, transaction)),
                new JdbiInstanceRepository(attach(extensions, InstanceDao.class, transaction), sealing),
                new JdbiContextRepository(attach(extensions, ContextDao.class, transaction)),
                new JdbiControllerUpdateRepository(attach(extensions, ControllerUpdateDao.class, transaction)),
                new JdbiUsageRepository(attach(extensions, UsageDao.class, transaction)),
                new JdbiDrainRepository(attach(extensions, DrainDao.class, transaction)));
    }

    private static <T> T attach(Extensions extensions, Class<T> dao, TransactionHandle transaction) {
        return extensions.findFor(dao, transaction).orElseThrow(() -> new IllegalStateException("no Jdbi extension for " + dao));
    }
}
