package org.vpsconnector.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.Duration;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigurationTest {

    @Test
    void withoutSettingsAConnectionIsCheckedWhenBorrowedAndWaitedForOnlyAFewSeconds() {
        DatabaseConfiguration database = new DatabaseConfiguration();

        assertThat(database.getMaxWaitForConnection()).isEqualTo(Duration.seconds(5));
        assertThat(database.getCheckConnectionOnBorrow()).isTrue();
        assertThat(database.getValidationQueryTimeout()).contains(Duration.seconds(3));
    }

    @Test
    void postgresqlGetsTimeOutsForConnectingAndForEveryStatementUnlessConfigured() {
        DatabaseConfiguration database = new DatabaseConfiguration();
        database.setDriverClass("org.postgresql.Driver");
        database.setUrl("jdbc:postgresql://db.example.net:5432/vps_connector");
        database.setProperties(Map.of("socketTimeout", "30"));

        database.build(new MetricRegistry(), "database");

        assertThat(database.getProperties())
                .containsEntry("socketTimeout", "30")
                .containsEntry("connectTimeout", "3")
                .containsEntry("loginTimeout", "3");
    }

    @Test
    void statementsAndResultSetsReachTheDriverUnwrapped() throws Exception {
        DatabaseConfiguration database = new DatabaseConfiguration();
        database.setDriverClass("org.h2.Driver");
        database.setUrl("jdbc:h2:mem:database-configuration-unwrapped");
        ManagedDataSource pool = database.build(new MetricRegistry(), "database");
        pool.start();
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1");
             ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(Proxy.isProxyClass(statement.getClass())).as("statement %s", statement.getClass()).isFalse();
            assertThat(Proxy.isProxyClass(rows.getClass())).as("result set %s", rows.getClass()).isFalse();
        } finally {
            pool.stop();
        }
    }

    @Test
    void anotherDatabaseGetsNoPostgresqlProperties() {
        DatabaseConfiguration database = new DatabaseConfiguration();
        database.setDriverClass("org.h2.Driver");
        database.setUrl("jdbc:h2:mem:database-configuration-test");

        database.build(new MetricRegistry(), "database");

        assertThat(database.getProperties()).isEmpty();
    }
}
