package org.vpsconnector.bootstrap;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A schema of its own in the test PostgreSQL: a connector started on {@link #url()} keeps its
 * tables there, so a test sees only its own rows. {@link #close()} drops it.
 */
final class PostgresSchema implements AutoCloseable {
    private final String name;
    // One connection for all snapshots: a test may take one after every request.
    private final Handle handle;
    // Read once the connector has migrated the schema.
    private List<String> tables;

    private PostgresSchema(String name) {
        this.name = name;
        this.handle = Jdbi.create(TestPostgres.url(), TestPostgres.user(), TestPostgres.password()).open();
        handle.execute("CREATE SCHEMA " + name);
    }

    static PostgresSchema create(String prefix) {
        return new PostgresSchema(prefix + "_" + UUID.randomUUID().toString().replace("-", ""));
    }

    String url() {
        String url = TestPostgres.url();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** The connector on test-config.yml, keeping its tables here and its fake servers in {@code farm}; not started. */
    DropwizardTestSupport<VpsConnectorConfiguration> connector(String farm) {
        return new DropwizardTestSupport<>(VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.driverClass", "org.postgresql.Driver"),
                ConfigOverride.config("database.url", url()),
                ConfigOverride.config("database.user", TestPostgres.user()),
                ConfigOverride.config("database.password", TestPostgres.password()),
                ConfigOverride.config("backends.container.farm", farm),
                ConfigOverride.config("backends.hypervisor.farm", farm));
    }

    /** Every row of every table but Flyway's, by table, in a stable order, values as text. */
    Map<String, List<String>> contents() {
        if (tables == null) {
            tables = handle.createQuery("""
                            SELECT table_name FROM information_schema.tables
                            WHERE table_schema = :schema AND table_name <> 'flyway_schema_history'
                            ORDER BY table_name""")
                    .bind("schema", name)
                    .mapTo(String.class)
                    .list();
        }
        Map<String, List<String>> contents = new LinkedHashMap<>();
        for (String table : tables) {
            contents.put(table, handle.createQuery("SELECT * FROM " + name + "." + table)
                    .mapToMap()
                    .stream()
                    .map(PostgresSchema::text)
                    .sorted()
                    .toList());
        }
        return contents;
    }

    // byte[] compares by identity; its hex text compares by content.
    private static String text(Map<String, Object> row) {
        return row.entrySet().stream()
                .map(column -> column.getKey() + "=" + (column.getValue() instanceof byte[] bytes
                        ? HexFormat.of().formatHex(bytes)
                        : String.valueOf(column.getValue())))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    @Override
    public void close() {
        try (handle) {
            handle.execute("DROP SCHEMA " + name + " CASCADE");
        }
    }
}
