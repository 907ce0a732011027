package org.vpsconnector.adapters.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings a database to the schema of the {@code migrations} module: the migrations every database
 * takes ({@code db/migration}) and those written for its kind alone ({@code db/vendor/postgresql},
 * {@code db/vendor/h2}), in one order of versions.
 */
public final class SchemaMigration {

    private SchemaMigration() {
    }

    /** Applies the pending migrations and answers how many there were. */
    public static int migrate(DataSource dataSource) {
        return configuration(dataSource).load().migrate().migrationsExecuted;
    }

    static FluentConfiguration configuration(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor(dataSource));
    }

    private static String vendor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgresql")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("the connector keeps its state in PostgreSQL or H2, not in " + product);
        } catch (SQLException unreachable) {
            throw new IllegalStateException("the database is unreachable: " + unreachable.getMessage(), unreachable);
        }
    }
}
