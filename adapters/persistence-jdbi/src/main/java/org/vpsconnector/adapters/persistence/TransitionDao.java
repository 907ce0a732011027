package org.vpsconnector.adapters.persistence;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.vpsconnector.application.port.out.OperationTransition;

interface TransitionDao {

    String INSERT = """
            INSERT INTO operation_transitions (operation_id, vps_id, from_status, to_status, attempts, info, at)
            VALUES (:operationId, :vpsId, :from, :to, :attempts, :info, :at)""";

    @SqlUpdate(INSERT)
    void insert(@BindMethods OperationTransition transition);

    /** One JDBC batch: a single round trip to the database. */
    @SqlBatch(INSERT)
    void insertAll(@BindMethods List<OperationTransition> transitions);

    /** In the order they were recorded. */
    @SqlQuery("""
            SELECT operation_id, vps_id, from_status, to_status, attempts, info, at
            FROM operation_transitions WHERE operation_id = :operationId ORDER BY id""")
    List<TransitionRow> forOperation(UUID operationId);

    @SqlUpdate("DELETE FROM operation_transitions WHERE operation_id IN (<operationIds>)")
    int deleteOf(@BindList("operationIds") Collection<UUID> operationIds);
}
