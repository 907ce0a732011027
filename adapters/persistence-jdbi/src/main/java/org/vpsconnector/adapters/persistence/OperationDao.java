package org.vpsconnector.adapters.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.OperationCount;
import org.vpsconnector.domain.OperationStatus;

/**
 * The lease columns are written only by {@link #claim}, {@link #renew}, {@link #takeOver}, {@link #release} and
 * {@link #updateReleasing}. A VPS counts as
 * busy while any of its operations holds a live lease ({@code lease_until >= now}).
 */
interface OperationDao {
    String COLUMNS = """
            id, vps_id, kind, status, target_name, target_description, target_memory_gb,
            target_diskspace_gb, target_cpu_count, target_vm, target_platform_arch, target_platform_os_name,
            target_platform_os_version, target_context_id, target_subscription_id, attempts,
            next_attempt_at, last_error, info, created_at, updated_at, transaction_id, target_ssh_keys,
            target_password_hash""";

    /**
     * Every column an update writes: all but the id and the lease, which only claims, renewals and releases write;
     * and the revision goes up.
     */
    String UPDATED_COLUMNS = """
            vps_id = :vpsId, kind = :kind, status = :status, target_name = :target.name,
            target_description = :target.description, target_memory_gb = :target.memoryGb,
            target_diskspace_gb = :target.diskspaceGb, target_cpu_count = :target.cpuCount, target_vm = :target.vm,
            target_platform_arch = :target.platformArch, target_platform_os_name = :target.platformOsName,
            target_platform_os_version = :target.platformOsVersion, target_context_id = :target.contextId,
            target_subscription_id = :target.subscriptionId, attempts = :attempts,
            next_attempt_at = :nextAttemptAt, last_error = :lastError, info = :info,
            created_at = :createdAt, updated_at = :updatedAt, transaction_id = :transactionId,
            target_ssh_keys = :target.sshKeys, target_password_hash = :target.passwordHash, revision = revision + 1""";

    long FIRST_EPOCH = 1;

    String NEWEST_FIRST = " ORDER BY created_at DESC NULLS LAST, seq DESC";

    @SqlUpdate("INSERT INTO operations (" + COLUMNS + """
            ) VALUES (
            :id, :vpsId, :kind, :status, :target.name, :target.description, :target.memoryGb,
            :target.diskspaceGb, :target.cpuCount, :target.vm, :target.platformArch, :target.platformOsName,
            :target.platformOsVersion, :target.contextId, :target.subscriptionId, :attempts,
            :nextAttemptAt, :lastError, :info, :createdAt, :updatedAt, :transactionId, :target.sshKeys,
            :target.passwordHash)""")
    void insert(@BindMethods OperationRow row);

    /** The epoch of a first claim: the column's default, 0, plus one. */
    @SqlUpdate("INSERT INTO operations (" + COLUMNS + """
            , lease_owner, lease_until, lease_epoch) VALUES (
            :id, :vpsId, :kind, :status, :target.name, :target.description, :target.memoryGb,
            :target.diskspaceGb, :target.cpuCount, :target.vm, :target.platformArch, :target.platformOsName,
            :target.platformOsVersion, :target.contextId, :target.subscriptionId, :attempts,
            :nextAttemptAt, :lastError, :info, :createdAt, :updatedAt, :transactionId, :target.sshKeys,
            :target.passwordHash, :owner, :leaseUntil, """ + FIRST_EPOCH + ")")
    void insertClaimed(@BindMethods OperationRow row, String owner, Instant leaseUntil);

    @SqlUpdate("UPDATE operations SET " + UPDATED_COLUMNS + " WHERE id = :id")
    int update(@BindMethods OperationRow row);

    /** The update, and the lease given up when {@code owner} holds it: the SET expressions see the row as it was. */
    @SqlUpdate("UPDATE operations SET " + UPDATED_COLUMNS + """
            ,
            lease_owner = CASE WHEN lease_owner = :owner THEN NULL ELSE lease_owner END,
            lease_until = CASE WHEN lease_owner = :owner THEN NULL ELSE lease_until END
            WHERE id = :id""")
    int updateReleasing(@BindMethods OperationRow row, String owner);

    @SqlQuery("SELECT " + COLUMNS + " FROM operations WHERE id = :id")
    Optional<OperationRow> find(UUID id);

    @SqlQuery("SELECT " + COLUMNS + ", lease_owner, lease_epoch, lease_until FROM operations WHERE id = :id")
    Optional<LeasedOperationRow> findLeased(UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM operations WHERE vps_id = :vpsId" + NEWEST_FIRST + " LIMIT 1")
    Optional<OperationRow> latestFor(UUID vpsId);

    /**
     * A null criterion keeps every row. A VPS recorded without a host lives on the first host of its
     * technology: it is kept when the caller says the named host is that one.
     */
    @SqlQuery("""
            SELECT <joinedOperationColumns> FROM operations o JOIN vpses v ON v.id = o.vps_id
            WHERE (CAST(:status AS VARCHAR(32)) IS NULL OR o.status = :status)
              AND (CAST(:kind AS VARCHAR(32)) IS NULL OR o.kind = :kind)
              AND (CAST(:instanceId AS UUID) IS NULL OR v.instance_id = :instanceId)
              AND (CAST(:host AS VARCHAR(63)) IS NULL OR v.host = :host
                   OR (v.host IS NULL AND v.vm = FALSE AND :hostIsFirstContainerHost)
                   OR (v.host IS NULL AND v.vm = TRUE AND :hostIsFirstHypervisorHost))
            ORDER BY o.created_at DESC NULLS LAST, o.seq DESC
            LIMIT :limit""")
    List<OperationRow> list(String status, String kind, UUID instanceId, String host, boolean hostIsFirstContainerHost,
                            boolean hostIsFirstHypervisorHost, int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM operations WHERE vps_id = :vpsId" + NEWEST_FIRST + " LIMIT :limit")
    List<OperationRow> listForVps(UUID vpsId, int limit);

    /** An operation without a next attempt time is due at once, as the retry-timeout advice reads it. */
    @SqlQuery("""
            SELECT id FROM operations
            WHERE status IN (<unfinished>)
              AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
              AND (lease_until IS NULL OR lease_until < :now)
              AND NOT EXISTS (SELECT 1 FROM operations other
                              WHERE other.vps_id = operations.vps_id AND other.id <> operations.id
                                AND other.lease_until >= :now)
            ORDER BY next_attempt_at NULLS FIRST, seq
            LIMIT :limit""")
    List<UUID> findDue(@BindList("unfinished") Collection<OperationStatus> unfinished, Instant now, int limit);

    /** Conditional, so that of two drivers racing for one operation exactly one changes the row. */
    @SqlUpdate("""
            UPDATE operations SET lease_owner = :owner, lease_until = :leaseUntil, lease_epoch = lease_epoch + 1
            WHERE id = :id
              AND status IN (<unfinished>)
              AND (lease_until IS NULL OR lease_until < :now)
              AND NOT EXISTS (SELECT 1 FROM operations other
                              WHERE other.vps_id = operations.vps_id AND other.id <> operations.id
                                AND other.lease_until >= :now)""")
    int claim(@BindList("unfinished") Collection<OperationStatus> unfinished, UUID id, String owner, Instant now,
              Instant leaseUntil);

    @SqlQuery("SELECT COUNT(*) FROM operations WHERE id = :id AND lease_owner = :owner")
    int countLeasedBy(UUID id, String owner);

    @SqlQuery("SELECT id AS operation_id, lease_owner AS owner, lease_epoch AS epoch, lease_until AS until"
            + " FROM operations WHERE id = :id AND lease_owner IS NOT NULL")
    Optional<Lease> leaseOf(UUID id);

    /** Only the claim that holds the lease, before it expired, can extend it. */
    @SqlUpdate("""
            UPDATE operations SET lease_until = :until
            WHERE id = :lease.operationId AND lease_owner = :lease.owner AND lease_epoch = :lease.epoch
              AND lease_until >= :now""")
    int renew(@BindMethods("lease") Lease lease, Instant now, Instant until);

    /** Whoever holds the lease, live or not: the new epoch fences the holder off. */
    @SqlUpdate("""
            UPDATE operations SET lease_owner = :owner, lease_until = :leaseUntil, lease_epoch = lease_epoch + 1
            WHERE id = :id AND status IN (<unfinished>)""")
    int takeOver(@BindList("unfinished") Collection<OperationStatus> unfinished, UUID id, String owner, Instant leaseUntil);

    @SqlUpdate("UPDATE operations SET lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_owner = :owner")
    void release(UUID id, String owner);

    @SqlQuery("SELECT kind, status, COUNT(*) AS count FROM operations GROUP BY kind, status")
    List<OperationCount> countByKindAndStatus();

    @SqlQuery("""
            SELECT COUNT(*) FROM operations
            WHERE status IN (<unfinished>)
              AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
              AND (lease_until IS NULL OR lease_until < :now)""")
    long countDue(@BindList("unfinished") Collection<OperationStatus> unfinished, Instant now);

    @SqlQuery("SELECT COUNT(*) FROM operations WHERE lease_until >= :now")
    long countLeased(Instant now);

    /**
     * Finished (at its last update) before {@code :finishedBefore}, and not the latest of its VPS as
     * {@link #latestFor} orders them: a newer one exists (created later, or in the same tick with a
     * higher seq; one without a creation time is older than any with one).
     */
    String PRUNABLE = """
            operations.status IN (<finished>)
              AND operations.updated_at < :finishedBefore
              AND EXISTS (SELECT 1 FROM operations newer
                          WHERE newer.vps_id = operations.vps_id AND newer.id <> operations.id
                            AND (newer.created_at > operations.created_at
                                 OR (newer.created_at = operations.created_at AND newer.seq > operations.seq)
                                 OR (operations.created_at IS NULL AND newer.created_at IS NOT NULL)
                                 OR (operations.created_at IS NULL AND newer.created_at IS NULL
                                     AND newer.seq > operations.seq)))""";

    @SqlQuery("SELECT id FROM operations WHERE " + PRUNABLE + " ORDER BY updated_at, seq LIMIT :limit")
    List<UUID> findPrunable(@BindList("finished") Collection<OperationStatus> finished, Instant finishedBefore, int limit);

    @SqlUpdate("DELETE FROM operations WHERE id IN (<ids>) AND " + PRUNABLE)
    int deletePrunable(@BindList("ids") Collection<UUID> ids, @BindList("finished") Collection<OperationStatus> finished,
                       Instant finishedBefore);
}
