package org.vpsconnector.adapters.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface InstanceDao {

    @SqlQuery("""
            SELECT id, controller_uri, self_certificate, controller_certificate, version, installed_at
            FROM application_instances WHERE id = :id""")
    Optional<InstanceRow> find(UUID id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM application_instances WHERE id = :id)")
    boolean isInstalled(UUID id);

    @SqlQuery("SELECT COALESCE(controller_certificate, '') FROM application_instances WHERE id = :id")
    Optional<String> controllerCertificateOf(UUID id);

    /** Rows written before {@code aps.x509.self} was sealed. */
    @SqlQuery("""
            SELECT id, controller_uri, self_certificate, controller_certificate, version, installed_at
            FROM application_instances WHERE self_certificate NOT LIKE '""" + SecretSealing.PREFIX + "%'")
    List<InstanceRow> listUnsealed();

    @SqlUpdate("""
            INSERT INTO application_instances
            (id, controller_uri, self_certificate, controller_certificate, version, installed_at)
            VALUES (:id, :controllerUri, :selfCertificate, :controllerCertificate, :version, :installedAt)""")
    void insert(@BindMethods InstanceRow row);

    @SqlUpdate("""
            UPDATE application_instances SET
            controller_uri = :controllerUri, self_certificate = :selfCertificate,
            controller_certificate = :controllerCertificate, version = :version, installed_at = :installedAt
            WHERE id = :id""")
    int update(@BindMethods InstanceRow row);

    @SqlUpdate("UPDATE application_instances SET self_certificate = :sealed WHERE id = :id")
    void updateSelfCertificate(UUID id, String sealed);

    @SqlUpdate("DELETE FROM application_instances WHERE id = :id")
    void delete(UUID id);
}
