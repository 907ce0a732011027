package org.vpsconnector.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.T0;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.domain.Vps;

/**
 * What the double does beyond the repository ports, for the tests that use it: it counts what it
 * rolled back and refuses a transaction inside another. What it promises through the ports it shares
 * with the SQL adapter, in {@link InMemoryRepositoryContractTest}.
 */
class InMemoryTransactionsTest {
    private final InMemoryTransactions db = new InMemoryTransactions();
    private final UUID instanceId = UUID.randomUUID();
    private final UUID vpsId = UUID.randomUUID();

    @Test
    void a_transaction_that_throws_writes_nothing() {
        assertThatThrownBy(() -> db.inTransaction(repositories -> {
            repositories.vpses().insert(Vps.provisioning(vpsId, instanceId, CONTAINER_SPEC, T0));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(db.vps(vpsId)).isEmpty();
        assertThat(db.rollbacks()).isEqualTo(1);
        assertThat(db.commits()).isZero();
    }

    @Test
    void a_nested_transaction_is_refused() {
        assertThatThrownBy(() -> db.inTransaction(outer -> db.inTransaction(inner -> null)))
                .hasMessageContaining("nested");
    }
}
