package org.vpsconnector.adapters.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.vpsconnector.application.port.out.HostLoad;

interface VpsDao {
    String COLUMNS = """
            id, instance_id, name, description, memory_gb, diskspace_gb, cpu_count, vm,
            platform_arch, platform_os_name, platform_os_version, context_id, subscription_id,
            lifecycle, state, created_at, modified_at, suspended, resume_state, ssh_keys, password_hash, ipv4, host""";

    @SqlQuery("SELECT " + COLUMNS + " FROM vpses WHERE id = :id")
    Optional<VpsRow> find(UUID id);

    /**
     * Joins {@code operations o}, the latest operation of {@code vpses v} as {@link OperationDao#latestFor} finds it
     * (an operation's VPS is always stored, so none is lost to the join).
     */
    String LATEST_OPERATION = " LEFT JOIN operations o ON o.id = (SELECT id FROM operations WHERE vps_id = v.id"
            + OperationDao.NEWEST_FIRST + " LIMIT 1)";

    /** Only measured usage is joined: a record the meter has claimed but not yet filled is none. */
    @SqlQuery("""
            SELECT <vpsAndUsageColumns> FROM vpses v LEFT JOIN vps_usage u ON u.vps_id = v.id AND u.measured_at IS NOT NULL
            WHERE v.id = :id AND EXISTS (SELECT 1 FROM application_instances i WHERE i.id = v.instance_id)""")
    Optional<VpsWithUsageRow> findWithUsageOfInstalledInstance(UUID id);

    /** One row whatever is stored: the VPS and its latest operation are joined to it when they exist. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM application_instances i WHERE i.id = :instanceId) AS instance_installed, "
            + "<vpsAndOperationColumns> FROM (SELECT 1 AS requested) r LEFT JOIN vpses v ON v.id = :id" + LATEST_OPERATION)
    RequestedVpsRow findRequested(UUID instanceId, UUID id);

    @SqlQuery("SELECT <vpsAndOperationColumns>, v.revision AS revision_of_vps, o.revision AS revision_of_operation"
            + " FROM vpses v" + LATEST_OPERATION + " WHERE v.id IN (<ids>)")
    List<RevisedVpsRow> findRevised(@BindList("ids") List<UUID> ids);

    @SqlQuery("SELECT " + COLUMNS + " FROM vpses WHERE id = :id FOR UPDATE")
    Optional<VpsRow> lock(UUID id);

    @SqlUpdate("INSERT INTO vpses (" + COLUMNS + """
            ) VALUES (
            :id, :instanceId, :spec.name, :spec.description, :spec.memoryGb, :spec.diskspaceGb, :spec.cpuCount, :spec.vm,
            :spec.platformArch, :spec.platformOsName, :spec.platformOsVersion, :spec.contextId, :spec.subscriptionId,
            :lifecycle, :state, :createdAt, :modifiedAt, :suspended, :resumeState, :spec.sshKeys, :spec.passwordHash, :ipv4, :host)""")
    void insert(@BindMethods VpsRow row);

    @SqlUpdate("""
            UPDATE vpses SET
            instance_id = :instanceId, name = :spec.name, description = :spec.description,
            memory_gb = :spec.memoryGb, diskspace_gb = :spec.diskspaceGb, cpu_count = :spec.cpuCount, vm = :spec.vm,
            platform_arch = :spec.platformArch, platform_os_name = :spec.platformOsName,
            platform_os_version = :spec.platformOsVersion, context_id = :spec.contextId,
            subscription_id = :spec.subscriptionId, lifecycle = :lifecycle, state = :state,
            created_at = :createdAt, modified_at = :modifiedAt, suspended = :suspended, resume_state = :resumeState,
            ssh_keys = :spec.sshKeys, password_hash = :spec.passwordHash, ipv4 = :ipv4, host = :host,
            revision = revision + 1
            WHERE id = :id""")
    int update(@BindMethods VpsRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM vpses WHERE instance_id = :instanceId ORDER BY created_at NULLS LAST, id")
    List<VpsRow> listByInstance(UUID instanceId);

    @SqlQuery("SELECT v.id AS vps_id, v.instance_id, v.vm, v.host, v.revision AS vps_revision,"
            + " o.id AS latest_operation_id, o.revision AS latest_operation_revision FROM vpses v" + LATEST_OPERATION
            + " WHERE v.lifecycle <> 'DELETED' ORDER BY v.created_at NULLS LAST, v.id")
    List<VpsRevisionRow> listNotDeletedRevisions();

    /** The cast gives PostgreSQL the type of {@code after} bound as null. */
    @SqlQuery("SELECT " + COLUMNS + """
             FROM vpses WHERE lifecycle <> 'DELETED'
            AND (CAST(:after AS UUID) IS NULL OR id > CAST(:after AS UUID))
            ORDER BY id LIMIT :limit""")
    List<VpsRow> listNotDeletedAfter(UUID after, int limit);

    /** Null criteria are no criteria; the casts give PostgreSQL the type of a parameter bound as null. */
    @SqlQuery("SELECT " + COLUMNS + """
             FROM vpses WHERE lifecycle <> 'DELETED'
            AND (CAST(:instanceId AS UUID) IS NULL OR instance_id = CAST(:instanceId AS UUID))
            AND (CAST(:state AS VARCHAR(20)) IS NULL OR state = CAST(:state AS VARCHAR(20)))
            AND (CAST(:host AS VARCHAR(63)) IS NULL
                 OR (vm = :hostVm AND (host = CAST(:host AS VARCHAR(63)) OR (:hostHoldsUnplaced AND host IS NULL))))
            ORDER BY modified_at DESC NULLS LAST, id
            LIMIT :limit""")
    List<VpsRow> list(UUID instanceId, String state, String host, boolean hostHoldsUnplaced, boolean hostVm, int limit);

    @SqlQuery("SELECT technology FROM placement_locks WHERE technology = :technology FOR UPDATE")
    Optional<String> lockPlacement(String technology);

    /**
     * From view host_loads (schema V15: on PostgreSQL kept up to date as VPSes change, so as cheap with a
     * hundred thousand VPSes as with ten), with the VPSes of the subscription counted through its index.
     */
    @SqlQuery("""
            SELECT l.host, l.vpses, l.memory_gb, l.cpus,
                   (SELECT COUNT(*) FROM vpses v
                    WHERE v.subscription_id = CAST(:subscriptionId AS UUID) AND v.vm = l.vm
                      AND (v.host = l.host OR (v.host IS NULL AND l.host IS NULL))
                      AND v.lifecycle NOT IN ('DELETED', 'FAILED')) AS of_subscription
            FROM host_loads l WHERE l.vm = :vm""")
    List<HostLoad> loadByHost(boolean vm, UUID subscriptionId);
}
