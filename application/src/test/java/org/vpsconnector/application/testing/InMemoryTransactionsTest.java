package org.vpsconnector.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.T0;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.Vps;

/** The double keeps the contract the application relies on; if it did not, the other tests would prove nothing. */
class InMemoryTransactionsTest {
    private final InMemoryTransactions db = new InMemoryTransactions();
    private final UUID instanceId = UUID.randomUUID();
    private final UUID vpsId = UUID.randomUUID();

    private Operation insertVpsWithOperation(Instant nextAttemptAt) {
        Operation operation = new Operation(UUID.randomUUID(), vpsId, OperationKind.START,
                org.vpsconnector.domain.OperationStatus.ACCEPTED, null, 0, nextAttemptAt, null, "x", T0, T0, null);
        db.inTransaction(repositories -> {
            if (repositories.vpses().find(vpsId).isEmpty()) {
                repositories.vpses().insert(Vps.provisioning(vpsId, instanceId, CONTAINER_SPEC, T0));
            }
            repositories.operations().insert(operation);
            return null;
        });
        return operation;
    }

    private boolean claim(UUID operationId, String owner, Instant now, Instant until) {
        return db.inTransaction(repositories -> repositories.operations().claim(operationId, owner, now, until));
    }

    private List<UUID> due(Instant now) {
        return db.inTransaction(repositories -> repositories.operations().findDue(now, 10));
    }

    private void release(UUID operationId, String owner) {
        db.inTransaction(repositories -> {
            repositories.operations().release(operationId, owner);
            return null;
        });
    }

    @Test
    void a_transaction_that_throws_writes_nothing() {
        assertThatThrownBy(() -> db.inTransaction(repositories -> {
            repositories.vpses().insert(Vps.provisioning(vpsId, instanceId, CONTAINER_SPEC, T0));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(db.vps(vpsId)).isEmpty();
        assertThat(db.rollbacks()).isEqualTo(1);
    }

    @Test
    void a_nested_transaction_is_refused() {
        assertThatThrownBy(() -> db.inTransaction(outer -> db.inTransaction(inner -> null)))
                .hasMessageContaining("nested");
    }

    @Test
    void a_lease_is_exclusive_until_it_expires_or_its_owner_releases_it() {
        Operation operation = insertVpsWithOperation(T0);

        assertThat(claim(operation.id(), "a", T0, T0.plusSeconds(60))).isTrue();
        assertThat(claim(operation.id(), "b", T0.plusSeconds(60), T0.plusSeconds(120))).isFalse();
        assertThat(due(T0.plusSeconds(60))).isEmpty();
        release(operation.id(), "b");
        assertThat(db.stored(operation.id()).orElseThrow().leaseOwner()).as("only the owner releases").isEqualTo("a");
        assertThat(due(T0.plusSeconds(61))).containsExactly(operation.id());
        assertThat(claim(operation.id(), "b", T0.plusSeconds(61), T0.plusSeconds(121))).isTrue();
        release(operation.id(), "b");
        assertThat(db.stored(operation.id()).orElseThrow().leaseOwner()).isNull();
    }

    @Test
    void an_operation_is_not_claimed_before_it_is_due() {
        Operation operation = insertVpsWithOperation(T0.plusSeconds(10));

        assertThat(due(T0)).isEmpty();
        assertThat(claim(operation.id(), "a", T0, T0.plusSeconds(60))).isFalse();
        assertThat(claim(operation.id(), "a", T0.plusSeconds(10), T0.plusSeconds(70))).isTrue();
    }

    @Test
    void an_operation_waits_while_another_of_its_vps_is_leased() {
        Operation first = insertVpsWithOperation(T0);
        Operation second = insertVpsWithOperation(T0);
        claim(first.id(), "a", T0, T0.plusSeconds(60));

        assertThat(due(T0)).isEmpty();
        assertThat(claim(second.id(), "b", T0, T0.plusSeconds(60))).isFalse();
    }

    @Test
    void the_latest_operation_is_the_newest_created_then_the_last_inserted() {
        Operation first = insertVpsWithOperation(T0);
        Operation second = insertVpsWithOperation(T0);

        Optional<Operation> latest = db.inTransaction(repositories -> repositories.operations().latestFor(vpsId));
        List<Operation> recent = db.inTransaction(repositories -> repositories.operations().listRecent(10));

        assertThat(latest).contains(second);
        assertThat(recent).containsExactly(second, first);
    }
}
