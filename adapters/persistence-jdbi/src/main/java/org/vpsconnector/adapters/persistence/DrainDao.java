package org.vpsconnector.adapters.persistence;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.vpsconnector.application.port.out.Drain;

interface DrainDao {

    @SqlQuery("SELECT scope, reason, drained_at FROM drains WHERE scope = :scope")
    Optional<Drain> find(String scope);

    /** Inserts unless the scope is drained already: the first drain's reason and time stand. */
    @SqlUpdate("""
            INSERT INTO drains (scope, reason, drained_at)
            SELECT :scope, :reason, :drainedAt WHERE NOT EXISTS (SELECT 1 FROM drains WHERE scope = :scope)""")
    void insertUnlessDrained(@BindMethods Drain drain);

    @SqlUpdate("DELETE FROM drains WHERE scope = :scope")
    int delete(String scope);

    @SqlQuery("SELECT scope, reason, drained_at FROM drains ORDER BY drained_at, scope")
    List<Drain> list();
}
