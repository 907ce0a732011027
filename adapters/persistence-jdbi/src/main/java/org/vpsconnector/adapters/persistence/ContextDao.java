package org.vpsconnector.adapters.persistence;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.vpsconnector.domain.SubscriptionContext;

interface ContextDao {

    @SqlQuery("""
            SELECT id, instance_id, subscription_id, account_id, created_at
            FROM subscription_contexts WHERE id = :id""")
    Optional<SubscriptionContext> find(UUID id);

    @SqlUpdate("""
            INSERT INTO subscription_contexts (id, instance_id, subscription_id, account_id, created_at)
            VALUES (:id, :instanceId, :subscriptionId, :accountId, :createdAt)""")
    void insert(@BindMethods SubscriptionContext context);

    @SqlUpdate("""
            UPDATE subscription_contexts SET
            instance_id = :instanceId, subscription_id = :subscriptionId, account_id = :accountId,
            created_at = :createdAt
            WHERE id = :id""")
    int update(@BindMethods SubscriptionContext context);

    @SqlUpdate("DELETE FROM subscription_contexts WHERE id = :id")
    void delete(UUID id);
}
