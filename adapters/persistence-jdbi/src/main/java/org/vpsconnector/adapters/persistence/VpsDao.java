package org.vpsconnector.adapters.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

    /** The columns of a VPS's measured usage ({@code vps_usage u}), named for {@link VpsWithUsageRow}. */
    String USAGE_COLUMNS = """
            u.vps_id AS usage_vps_id, u.cpu_base_ns AS usage_cpu_base_ns, u.cpu_last_ns AS usage_cpu_last_ns,
            u.memory_bytes AS usage_memory_bytes, u.disk_bytes AS usage_disk_bytes,
            u.network_in_base AS usage_network_in_base, u.network_in_last AS usage_network_in_last,
            u.network_out_base AS usage_network_out_base, u.network_out_last AS usage_network_out_last,
            u.server_run AS usage_server_run, u.measured_at AS usage_measured_at""";

    /**
     * {@link #COLUMNS} of {@code vpses v} and {@link OperationDao#COLUMNS} of {@code operations o}, named for
     * {@link RevisedVpsRow} and {@link RequestedVpsRow}.
     */
    String VPS_AND_OPERATION_COLUMNS = """
            v.id AS vps_id, v.instance_id AS vps_instance_id, v.name AS vps_name,
            v.description AS vps_description, v.memory_gb AS vps_memory_gb, v.diskspace_gb AS vps_diskspace_gb,
            v.cpu_count AS vps_cpu_count, v.vm AS vps_vm, v.platform_arch AS vps_platform_arch,
            v.platform_os_name AS vps_platform_os_name, v.platform_os_version AS vps_platform_os_version,
            v.context_id AS vps_context_id, v.subscription_id AS vps_subscription_id,
            v.lifecycle AS vps_lifecycle, v.state AS vps_state, v.created_at AS vps_created_at,
            v.modified_at AS vps_modified_at, v.suspended AS vps_suspended, v.resume_state AS vps_resume_state,
            v.ssh_keys AS vps_ssh_keys, v.password_hash AS vps_password_hash, v.ipv4 AS vps_ipv4,
            v.host AS vps_host,
            o.id AS op_id, o.vps_id AS op_vps_id, o.kind AS op_kind, o.status AS op_status,
            o.target_name AS op_target_name, o.target_description AS op_target_description,
            o.target_memory_gb AS op_target_memory_gb, o.target_diskspace_gb AS op_target_diskspace_gb,
            o.target_cpu_count AS op_target_cpu_count, o.target_vm AS op_target_vm,
            o.target_platform_arch AS op_target_platform_arch,
            o.target_platform_os_name AS op_target_platform_os_name,
            o.target_platform_os_version AS op_target_platform_os_version,
            o.target_context_id AS op_target_context_id, o.target_subscription_id AS op_target_subscription_id,
            o.attempts AS op_attempts, o.next_attempt_at AS op_next_attempt_at, o.last_error AS op_last_error,
            o.info AS op_info, o.created_at AS op_created_at, o.updated_at AS op_updated_at,
            o.transaction_id AS op_transaction_id, o.target_ssh_keys AS op_target_ssh_keys,
            o.target_password_hash AS op_target_password_hash""";

    /**
     * Joins {@code operations o}, the latest operation of {@code vpses v} as {@link OperationDao#latestFor} finds it
     * (an operation's VPS is always stored, so none is lost to the join).
     */
    String LATEST_OPERATION = " LEFT JOIN operations o ON o.id = (SELECT id FROM operations WHERE vps_id = v.id"
            + OperationDao.NEWEST_FIRST + " LIMIT 1)";

    /** Only measured usage is joined: a record the meter has claimed but not yet filled is none. */
    @SqlQuery("SELECT " + COLUMNS + ", " + USAGE_COLUMNS + """
             FROM vpses LEFT JOIN vps_usage u ON u.vps_id = vpses.id AND u.measured_at IS NOT NULL
            WHERE vpses.id = :id AND EXISTS (SELECT 1 FROM application_instances i WHERE i.id = vpses.instance_id)""")
    Optional<VpsWithUsageRow> findWithUsageOfInstalledInstance(UUID id);

    /** One row whatever is stored: the VPS and its latest operation are joined to it when they exist. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM application_instances i WHERE i.id = :instanceId) AS instance_installed, "
            + VPS_AND_OPERATION_COLUMNS + " FROM (SELECT 1 AS requested) r LEFT JOIN vpses v ON v.id = :id" + LATEST_OPERATION)
    RequestedVpsRow findRequested(UUID instanceId, UUID id);

    @SqlQuery("SELECT " + VPS_AND_OPERATION_COLUMNS + ", v.revision AS revision_of_vps, o.revision AS revision_of_operation"
            + " FROM vpses v" + LATEST_OPERATION + " WHERE v.id = :id")
    Optional<RevisedVpsRow> findRevised(UUID id);

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

    @SqlQuery("""
            SELECT host, COUNT(*) AS vpses, SUM(memory_gb) AS memory_gb, SUM(cpu_count) AS cpus,
                   SUM(CASE WHEN subscription_id = CAST(:subscriptionId AS UUID) THEN 1 ELSE 0 END) AS of_subscription
            FROM vpses WHERE vm = :vm AND lifecycle NOT IN ('DELETED', 'FAILED')
            GROUP BY host""")
    List<HostLoad> loadByHost(boolean vm, UUID subscriptionId);
}
