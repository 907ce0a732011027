package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(UsageRow.class)
interface UsageDao {
    String COLUMNS = """
            vps_id, cpu_base_ns, cpu_last_ns, memory_bytes, disk_bytes, network_in_base, network_in_last,
            network_out_base, network_out_last, server_run, measured_at""";

    @SqlQuery("SELECT " + COLUMNS + " FROM vps_usage WHERE vps_id = :vpsId")
    Optional<UsageRow> find(UUID vpsId);

    @SqlQuery("SELECT " + COLUMNS + " FROM vps_usage WHERE vps_id = :vpsId FOR UPDATE")
    Optional<UsageRow> lock(UUID vpsId);

    @SqlUpdate("INSERT INTO vps_usage (" + COLUMNS + """
            ) VALUES (
            :vpsId, :cpuBaseNs, :cpuLastNs, :memoryBytes, :diskBytes, :networkInBase, :networkInLast,
            :networkOutBase, :networkOutLast, :serverRun, :measuredAt)""")
    void insert(@BindMethods UsageRow row);

    @SqlUpdate("""
            UPDATE vps_usage SET
            cpu_base_ns = :cpuBaseNs, cpu_last_ns = :cpuLastNs, memory_bytes = :memoryBytes, disk_bytes = :diskBytes,
            network_in_base = :networkInBase, network_in_last = :networkInLast,
            network_out_base = :networkOutBase, network_out_last = :networkOutLast,
            server_run = :serverRun, measured_at = :measuredAt
            WHERE vps_id = :vpsId""")
    int update(@BindMethods UsageRow row);

    @SqlUpdate("DELETE FROM vps_usage WHERE vps_id IN (SELECT id FROM vpses WHERE lifecycle = 'DELETED')")
    int removeOfDeletedVpses();
}
