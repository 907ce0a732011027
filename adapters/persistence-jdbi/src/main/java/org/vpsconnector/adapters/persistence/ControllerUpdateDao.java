package org.vpsconnector.adapters.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.vpsconnector.application.port.out.ControllerUpdate;

/**
 * The outbox. An update is due when it is pending, its next attempt time has come, nobody holds
 * a live lease on it, and no older pending update of its resource exists (seq orders them).
 */
interface ControllerUpdateDao {
    String COLUMNS = """
            id, resource_id, instance_id, transaction_id, representation, status, attempts, next_attempt_at,
            last_error, created_at, finished_at""";

    String DUE = """
            status = 'PENDING' AND next_attempt_at <= :now
              AND (lease_until IS NULL OR lease_until < :now)
              AND NOT EXISTS (SELECT 1 FROM controller_updates older
                              WHERE older.resource_id = controller_updates.resource_id
                                AND older.status = 'PENDING' AND older.seq < controller_updates.seq)""";

    @SqlUpdate("INSERT INTO controller_updates (" + COLUMNS + """
            ) VALUES (:id, :resourceId, :instanceId, :transactionId, :representation, :status, :attempts,
            :nextAttemptAt, :lastError, :createdAt, :finishedAt)""")
    void insert(@BindMethods ControllerUpdate update);

    @SqlQuery("SELECT " + COLUMNS + " FROM controller_updates WHERE id = :id")
    Optional<ControllerUpdate> find(UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM controller_updates WHERE " + DUE + " ORDER BY next_attempt_at, seq LIMIT :limit")
    List<ControllerUpdate> findDue(Instant now, int limit);

    /** Conditional, so that of two dispatchers racing for one update exactly one changes the row. */
    @SqlUpdate("UPDATE controller_updates SET lease_owner = :owner, lease_until = :leaseUntil WHERE id = :id AND " + DUE)
    int claim(UUID id, String owner, Instant now, Instant leaseUntil);

    @SqlUpdate("""
            UPDATE controller_updates SET status = :status, attempts = :attempts, next_attempt_at = :nextAttemptAt,
            last_error = :lastError, finished_at = :finishedAt, lease_owner = NULL, lease_until = NULL
            WHERE id = :id AND lease_owner = :owner""")
    int recordAttempt(@BindMethods ControllerUpdate update, String owner);

    @SqlQuery("SELECT " + COLUMNS + " FROM controller_updates WHERE status = 'PENDING' ORDER BY seq LIMIT :limit")
    List<ControllerUpdate> listPending(int limit);

    @SqlQuery("SELECT COUNT(*) FROM controller_updates WHERE status = 'PENDING'")
    long countPending();

    @SqlQuery("SELECT MIN(created_at) FROM controller_updates WHERE status = 'PENDING'")
    Optional<Instant> oldestPendingCreatedAt();

    @SqlUpdate("DELETE FROM controller_updates WHERE status <> 'PENDING' AND finished_at < :before")
    int pruneFinished(Instant before);
}
