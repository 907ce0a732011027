package org.vpsconnector.adapters.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface UsageDao {
    String COLUMNS = """
            vps_id, cpu_base_ns, cpu_last_ns, memory_bytes, disk_bytes, network_in_base, network_in_last,
            network_out_base, network_out_last, server_run, measured_at""";

    /** A deleted VPS is not measured: its record goes at the end of the pass ({@link #removeOfDeletedVpses}). */
    String NOT_DELETED = " AND EXISTS (SELECT 1 FROM vpses WHERE id = :vpsId AND lifecycle <> 'DELETED')";

    @SqlQuery("SELECT " + COLUMNS + " FROM vps_usage WHERE vps_id = :vpsId AND measured_at IS NOT NULL")
    Optional<UsageRow> find(UUID vpsId);

    @SqlUpdate("""
            UPDATE vps_usage SET claimed_by = :meter, claimed_until = :until
            WHERE vps_id = :vpsId AND (claimed_until IS NULL OR claimed_until < :now OR claimed_by = :meter)""" + NOT_DELETED)
    int claimExisting(UUID vpsId, String meter, Instant now, Instant until);

    @SqlQuery("SELECT vps_id FROM vps_usage WHERE vps_id = :vpsId")
    Optional<UUID> exists(UUID vpsId);

    @SqlUpdate("""
            INSERT INTO vps_usage (vps_id, claimed_by, claimed_until)
            SELECT id, :meter, :until FROM vpses WHERE id = :vpsId AND lifecycle <> 'DELETED'""")
    int insertClaim(UUID vpsId, String meter, Instant until);

    @SqlUpdate("""
            UPDATE vps_usage SET
            cpu_base_ns = :cpuBaseNs, cpu_last_ns = :cpuLastNs, memory_bytes = :memoryBytes, disk_bytes = :diskBytes,
            network_in_base = :networkInBase, network_in_last = :networkInLast,
            network_out_base = :networkOutBase, network_out_last = :networkOutLast,
            server_run = :serverRun, measured_at = :measuredAt, claimed_by = NULL, claimed_until = NULL
            WHERE vps_id = :vpsId AND claimed_by = :meter AND claimed_until >= :now""" + NOT_DELETED)
    int saveIfClaimedBy(@BindMethods UsageRow row, String meter, Instant now);

    @SqlUpdate("UPDATE vps_usage SET claimed_by = NULL, claimed_until = NULL WHERE vps_id = :vpsId AND claimed_by = :meter")
    void release(UUID vpsId, String meter);

    @SqlUpdate("DELETE FROM vps_usage WHERE vps_id IN (SELECT id FROM vpses WHERE lifecycle = 'DELETED')")
    int removeOfDeletedVpses();
}
