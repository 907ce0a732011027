package org.vpsconnector.adapters.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings a database to the schema of the {@code migrations} module. */
public final class SchemaMigration {

    private SchemaMigration() {
    }

    /** Applies the pending migrations and answers how many there were. */
    public static int migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
