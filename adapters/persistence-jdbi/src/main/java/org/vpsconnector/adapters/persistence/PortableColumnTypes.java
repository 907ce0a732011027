package org.vpsconnector.adapters.persistence;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * Binds and reads the column types whose Jdbi defaults differ between H2 and PostgreSQL.
 * <ul>
 *   <li>{@link Instant}: Jdbi goes through {@link java.sql.Timestamp}, that is through the JVM's
 *   local time, and H2 then turns the hour repeated when clocks go back into one. As an
 *   {@link OffsetDateTime} in UTC an instant is exact on both.</li>
 *   <li>{@link UUID}: Jdbi binds a null UUID as VARCHAR, which PostgreSQL refuses for a UUID
 *   column; an untyped null fits any column.</li>
 * </ul>
 */
final class PortableColumnTypes extends JdbiPlugin.Singleton {

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, context) -> statement.setObject(position, value.atOffset(ZoneOffset.UTC));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (results, column, context) -> {
            OffsetDateTime value = results.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        });
        jdbi.registerArgument(new AbstractArgumentFactory<UUID>(Types.OTHER) {
            @Override
            protected Argument build(UUID value, ConfigRegistry config) {
                return (position, statement, context) -> statement.setObject(position, value);
            }
        });
    }
}
