package org.vpsconnector.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.util.Duration;
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
    void anotherDatabaseGetsNoPostgresqlProperties() {
        DatabaseConfiguration database = new DatabaseConfiguration();
        database.setDriverClass("org.h2.Driver");
        database.setUrl("jdbc:h2:mem:database-configuration-test");

        database.build(new MetricRegistry(), "database");

        assertThat(database.getProperties()).isEmpty();
    }
}
