package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.vpsconnector.domain.ApplicationInstance;

@RegisterConstructorMapper(ApplicationInstance.class)
interface InstanceDao {

    @SqlQuery("""
            SELECT id, controller_uri, self_certificate, controller_certificate, version, installed_at
            FROM application_instances WHERE id = :id""")
    Optional<ApplicationInstance> find(UUID id);

    @SqlUpdate("""
            INSERT INTO application_instances
            (id, controller_uri, self_certificate, controller_certificate, version, installed_at)
            VALUES (:id, :controllerUri, :selfCertificate, :controllerCertificate, :version, :installedAt)""")
    void insert(@BindMethods ApplicationInstance instance);

    @SqlUpdate("""
            UPDATE application_instances SET
            controller_uri = :controllerUri, self_certificate = :selfCertificate,
            controller_certificate = :controllerCertificate, version = :version, installed_at = :installedAt
            WHERE id = :id""")
    int update(@BindMethods ApplicationInstance instance);

    @SqlUpdate("DELETE FROM application_instances WHERE id = :id")
    void delete(UUID id);
}
