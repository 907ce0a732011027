package org.vpsconnector.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Vps;

/**
 * A database that cannot be reached, or whose connection breaks under a transaction, is reported
 * as unavailable (the caller retries later); a fault of the work itself is not.
 */
class UnavailableDatabaseTest {

    @Test
    void aDatabaseThatRefusesConnectionsIsUnavailable() throws IOException {
        PGSimpleDataSource nobodyListens = new PGSimpleDataSource();
        nobodyListens.setURL("jdbc:postgresql://127.0.0.1:" + freePort() + "/vps_connector");
        nobodyListens.setUser("vps");
        nobodyListens.setPassword("secret-that-must-not-show");
        nobodyListens.setConnectTimeout(2);
        Transactions transactions = new JdbiTransactions(Jdbi.create(nobodyListens), new SecretSealing(new byte[SecretSealing.KEY_BYTES]));

        assertThatThrownBy(() -> transactions.inTransaction(repositories -> repositories.vpses().find(UUID.randomUUID())))
                .isInstanceOf(RepositoryUnavailableException.class)
                .hasMessageContaining("the database is unavailable")
                .hasMessageNotContaining("secret-that-must-not-show");
        assertThatThrownBy(transactions::ping).isInstanceOf(RepositoryUnavailableException.class);
    }

    @Test
    void aConnectionTerminatedUnderATransactionIsUnavailable() {
        PGSimpleDataSource dataSource = (PGSimpleDataSource) TestDatabase.POSTGRESQL.migrated();
        String applicationName = "unavailable-test-" + UUID.randomUUID();
        PGSimpleDataSource named = new PGSimpleDataSource();
        named.setURL(dataSource.getURL());
        named.setUser(dataSource.getUser());
        named.setPassword(dataSource.getPassword());
        named.setCurrentSchema(dataSource.getCurrentSchema());
        named.setApplicationName(applicationName);
        Transactions transactions = new JdbiTransactions(Jdbi.create(named), new SecretSealing(new byte[SecretSealing.KEY_BYTES]));

        assertThatThrownBy(() -> transactions.inTransaction(repositories -> {
            repositories.vpses().find(UUID.randomUUID());
            // An operator (or a failover) ends the backend that serves this transaction.
            Jdbi.create(dataSource).useHandle(handle -> assertThat(handle.createQuery(
                            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :name")
                    .bind("name", applicationName).mapTo(Integer.class).one()).isEqualTo(1));
            return repositories.vpses().find(UUID.randomUUID());
        })).isInstanceOf(RepositoryUnavailableException.class);

        Optional<Vps> none = transactions.inTransaction(repositories -> repositories.vpses().find(UUID.randomUUID()));
        assertThat(none).as("a new connection works again").isEmpty();
    }

    @Test
    void aFaultOfTheWorkItselfIsNotTheDatabasesFault() {
        Transactions transactions = new JdbiTransactions(Jdbi.create(TestDatabase.POSTGRESQL.migrated()), new SecretSealing(new byte[SecretSealing.KEY_BYTES]));

        assertThatThrownBy(() -> transactions.inTransaction(repositories -> {
            throw new IllegalStateException("a bug in the work");
        })).isExactlyInstanceOf(IllegalStateException.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
