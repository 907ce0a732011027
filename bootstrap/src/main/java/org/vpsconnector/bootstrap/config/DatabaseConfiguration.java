package org.vpsconnector.bootstrap.config;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;

/**
 * Dropwizard's data source with defaults for a database that goes away: a request waits a few
 * seconds at most for a connection, a connection is checked before it is handed out (so the
 * pool replaces the ones a database restart broke), and no statement waits forever on a
 * connection whose server stopped answering. Every value can still be set in the YAML.
 * Statements and result sets reach the driver unwrapped.
 */
public class DatabaseConfiguration extends DataSourceFactory {
    /**
     * PostgreSQL JDBC time-outs, in seconds, for a URL of PostgreSQL when the configuration does not
     * set them: connecting, logging in, waiting for the answer to one statement, and waiting for a
     * silent server to take the cancel of a statement that ran out of time (the statement's thread
     * waits for that too).
     */
    static final Map<String, String> POSTGRESQL_TIMEOUTS = Map.of(
            "connectTimeout", "3",
            "loginTimeout", "3",
            "socketTimeout", "5",
            "cancelSignalTimeout", "2",
            "tcpKeepAlive", "true");

    public DatabaseConfiguration() {
        setMaxWaitForConnection(Duration.seconds(5));
        setCheckConnectionOnBorrow(true);
        setValidationInterval(Duration.seconds(1));
        setValidationQueryTimeout(Duration.seconds(3));
    }

    @Override
    public ManagedDataSource build(MetricRegistry metricRegistry, String name) {
        if (getUrl() != null && getUrl().startsWith("jdbc:postgresql:")) {
            Map<String, String> properties = new LinkedHashMap<>(getProperties());
            POSTGRESQL_TIMEOUTS.forEach(properties::putIfAbsent);
            setProperties(properties);
        }
        ManagedDataSource built = super.build(metricRegistry, name);
        if (built instanceof DataSourceProxy pool) {
            // The pool's default facade wraps every statement and result set in a reflective proxy, so
            // that each column read goes through Method.invoke; nothing here calls a closed statement.
            pool.getPoolProperties().setUseStatementFacade(false);
        }
        return built;
    }
}
