package org.vpsconnector.adapters.persistence;

import java.lang.reflect.Type;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.RowMapperFactory;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Jdbi's constructor mappers for the rows the repositories read, matched to a statement's columns once.
 * Jdbi matches columns to constructor parameters (by reflection) for every result set; a statement's SQL
 * fixes its columns, so the match made for its first result serves every later one.
 */
final class RowsMappedOncePerStatement implements RowMapperFactory {
    private final Set<Class<?>> rows;
    private final Map<Class<?>, RowMapper<?>> mappers = new ConcurrentHashMap<>();

    RowsMappedOncePerStatement(Set<Class<?>> rows) {
        this.rows = Set.copyOf(rows);
    }

    @Override
    public Optional<RowMapper<?>> build(Type type, ConfigRegistry config) {
        if (!(type instanceof Class<?> row) || !rows.contains(row)) {
            return Optional.empty();
        }
        return Optional.of(mappers.computeIfAbsent(row, r -> new MatchedOnce<>(ConstructorMapper.of(r))));
    }

    private static final class MatchedOnce<T> implements RowMapper<T> {
        private final RowMapper<T> constructor;
        private final Map<String, RowMapper<T>> bySql = new ConcurrentHashMap<>();

        MatchedOnce(RowMapper<T> constructor) {
            this.constructor = constructor;
        }

        @Override
        public RowMapper<T> specialize(ResultSet results, StatementContext statement) throws SQLException {
            String sql = statement.getRenderedSql();
            RowMapper<T> matched = sql == null ? null : bySql.get(sql);
            if (matched == null) {
                matched = constructor.specialize(results, statement);
                if (sql != null) {
                    bySql.putIfAbsent(sql, matched);
                }
            }
            return matched;
        }

        @Override
        public T map(ResultSet results, StatementContext statement) throws SQLException {
            return specialize(results, statement).map(results, statement);
        }

        @Override
        public void init(ConfigRegistry registry) {
            constructor.init(registry);
        }
    }
}
