package org.vpsconnector.adapters.persistence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/** The databases the persistence adapter must work on, each handing out empty schemas to test in. */
enum TestDatabase {
    H2 {
        @Override
        DataSource emptySchema(String name) {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            dataSource.setUser("sa");
            Jdbi.create(dataSource).useHandle(handle -> handle.execute("DROP ALL OBJECTS"));
            return dataSource;
        }
    },
    POSTGRESQL {
        @Override
        DataSource emptySchema(String name) {
            String url = setting("VPS_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/vps_connector_test");
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            dataSource.setUser(setting("VPS_TEST_POSTGRES_USER", "vps"));
            dataSource.setPassword(setting("VPS_TEST_POSTGRES_PASSWORD", "vps"));
            try {
                Jdbi.create(dataSource).useHandle(handle -> handle.execute(
                        "DROP SCHEMA IF EXISTS " + name + " CASCADE; CREATE SCHEMA " + name));
            } catch (ConnectionException e) {
                // Fail rather than skip: the adapter runs on PostgreSQL in production.
                throw new IllegalStateException("PostgreSQL is unreachable at " + url + " (" + e.getMessage()
                        + "); run scripts/start-postgres.sh, or point VPS_TEST_POSTGRES_URL, VPS_TEST_POSTGRES_USER"
                        + " and VPS_TEST_POSTGRES_PASSWORD at a PostgreSQL 15", e);
            }
            dataSource.setCurrentSchema(name);
            return dataSource;
        }
    };

    private static final Map<TestDatabase, DataSource> MIGRATED = new ConcurrentHashMap<>();

    /** A schema of this database with nothing in it, created afresh on each call. */
    abstract DataSource emptySchema(String name);

    /** The schema the repository tests share, migrated once per test run. */
    DataSource migrated() {
        return MIGRATED.computeIfAbsent(this, database -> {
            DataSource dataSource = database.emptySchema("repository_tests");
            SchemaMigration.migrate(dataSource);
            return dataSource;
        });
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
