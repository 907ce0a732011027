package org.vpsconnector.adapters.persistence;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;

/**
 * Tells a database that is down or does not answer from a statement the database refused: only
 * the first is worth retrying later, the second is a fault of the statement.
 */
final class ConnectionFailures {
    // SQLSTATE class 08 is "connection exception"; 57P01-57P03 are a server shutting down, a
    // backend terminated by an administrator, a server still starting; 57014 a statement
    // cancelled by its time-out; 53300 too many connections.
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "57014", "53300");
    // Causes nested deeper than this are not the database's answer any more.
    private static final int DEPTH = 16;

    private ConnectionFailures() {
    }

    static boolean isConnectionFailure(Throwable failure) {
        if (failure instanceof ConnectionException) {
            // No connection at all: refused, timed out, or the pool waited in vain for a free one.
            return true;
        }
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SQLTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** What the JDBC driver said about the failure, without the statement that met it. */
    static String reason(Throwable failure) {
        String reason = failure.getClass().getSimpleName();
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException || cause instanceof IOException) {
                reason = cause.getMessage();
            }
        }
        return reason;
    }
}
