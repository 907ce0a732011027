package org.vpsconnector.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.ControllerUpdateRepository;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Backoff;

/** The outbox of controller updates, against every {@link TestDatabase}. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ControllerUpdateRepositoryTest {
    private static final Instant T0 = Instant.parse("2024-10-27T00:30:00.123456Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60), 2);

    @Parameter
    TestDatabase database;

    private Transactions transactions;
    private final UUID instanceId = UUID.randomUUID();

    @BeforeEach
    void emptyOutbox() {
        DataSource dataSource = database.migrated();
        Jdbi.create(dataSource).useHandle(handle -> handle.execute("DELETE FROM controller_updates"));
        byte[] key = new byte[SecretSealing.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        transactions = new JdbiTransactions(Jdbi.create(dataSource), new SecretSealing(key));
    }

    private <T> T outbox(java.util.function.Function<ControllerUpdateRepository, T> work) {
        return transactions.inTransaction(repositories -> work.apply(repositories.controllerUpdates()));
    }

    private ControllerUpdate add(UUID resourceId, String transactionId, Instant at) {
        ControllerUpdate update = ControllerUpdate.of(resourceId, instanceId, transactionId,
                "{\"aps\":{\"id\":\"" + resourceId + "\"},\"state\":\"Running\"}", at);
        outbox(updates -> {
            updates.add(update);
            return null;
        });
        return update;
    }

    private java.util.Optional<ControllerUpdate> find(UUID id) {
        return outbox(updates -> updates.find(id));
    }

    private List<ControllerUpdate> due(Instant now) {
        return outbox(updates -> updates.findDue(now, 10));
    }

    private boolean claim(UUID id, String owner, Instant now) {
        return outbox(updates -> updates.claim(id, owner, now, now.plus(LEASE)));
    }

    private boolean record(ControllerUpdate attempted, String owner) {
        return outbox(updates -> updates.recordAttempt(attempted, owner));
    }

    private List<ControllerUpdate> pending() {
        return outbox(updates -> updates.listPending(10));
    }

    private ControllerUpdateRepository.Backlog backlog() {
        return outbox(ControllerUpdateRepository::backlog);
    }

    private int prune(Instant before) {
        return outbox(updates -> updates.pruneFinished(before));
    }

    @Test
    void stores_every_field_of_an_update() {
        ControllerUpdate added = add(UUID.randomUUID(), "tx-1", T0);
        assertThat(find(added.id())).contains(added);

        ControllerUpdate withoutTransaction = add(UUID.randomUUID(), null, T0);
        assertThat(find(withoutTransaction.id())).contains(withoutTransaction);
    }

    @Test
    void only_the_oldest_pending_update_of_a_resource_is_due() {
        UUID vps = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        ControllerUpdate first = add(vps, "tx-1", T0);
        add(vps, "tx-2", T0);
        ControllerUpdate otherFirst = add(other, "tx-3", T0.plusSeconds(1));

        List<ControllerUpdate> due = due(T0.plusSeconds(1));

        assertThat(due).extracting(ControllerUpdate::id).containsExactly(first.id(), otherFirst.id());
        assertThat(due(T0)).as("not before it was added")
                .extracting(ControllerUpdate::id).containsExactly(first.id());
    }

    @Test
    void a_claim_holds_the_update_until_its_lease_runs_out_and_the_next_one_waits_behind_it() {
        UUID vps = UUID.randomUUID();
        ControllerUpdate first = add(vps, "tx-1", T0);
        ControllerUpdate second = add(vps, "tx-2", T0);

        assertThat(claim(second.id(), "node-a", T0))
                .as("not the oldest of its resource").isFalse();
        assertThat(claim(first.id(), "node-a", T0)).isTrue();
        assertThat(claim(first.id(), "node-b", T0)).isFalse();
        assertThat(due(T0)).isEmpty();

        Instant expired = T0.plus(LEASE).plusMillis(1);
        assertThat(claim(first.id(), "node-b", expired)).isTrue();
        assertThat(record(first.delivered(expired), "node-a"))
                .as("the overtaken holder records nothing").isFalse();
    }

    @Test
    void of_two_replicas_claiming_an_update_at_once_exactly_one_gets_it() throws Exception {
        ControllerUpdate update = add(UUID.randomUUID(), "tx-1", T0);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (String replica : List.of("node-a", "node-b")) {
                claims.add(replicas.submit(() -> {
                    together.await();
                    return claim(update.id(), replica, T0);
                }));
            }
            assertThat(List.of(claims.get(0).get(), claims.get(1).get())).containsExactlyInAnyOrder(true, false);
        } finally {
            replicas.shutdownNow();
        }
    }

    @Test
    void a_delivered_update_lets_the_next_one_of_its_resource_go() {
        UUID vps = UUID.randomUUID();
        ControllerUpdate first = add(vps, "tx-1", T0);
        ControllerUpdate second = add(vps, "tx-2", T0);
        claim(first.id(), "node-a", T0);

        assertThat(record(first.delivered(T0.plusSeconds(1)), "node-a")).isTrue();

        assertThat(find(first.id()).orElseThrow()).isEqualTo(first.delivered(T0.plusSeconds(1)));
        assertThat(due(T0.plusSeconds(1))).extracting(ControllerUpdate::id)
                .containsExactly(second.id());
    }

    @Test
    void a_failed_attempt_is_due_again_after_its_backoff() {
        ControllerUpdate update = add(UUID.randomUUID(), "tx-1", T0);
        claim(update.id(), "node-a", T0);
        ControllerUpdate failed = update.failed("controller answered 503", BACKOFF, T0);

        record(failed, "node-a");

        assertThat(find(update.id()).orElseThrow()).isEqualTo(failed);
        assertThat(due(T0.plusSeconds(4))).isEmpty();
        assertThat(due(T0.plusSeconds(5))).extracting(ControllerUpdate::id)
                .containsExactly(update.id());
    }

    @Test
    void lists_the_pending_updates_and_their_backlog_and_prunes_finished_ones() {
        assertThat(backlog()).isEqualTo(new ControllerUpdateRepository.Backlog(0, java.util.Optional.empty()));
        ControllerUpdate delivered = add(UUID.randomUUID(), "tx-1", T0);
        claim(delivered.id(), "node-a", T0);
        record(delivered.delivered(T0), "node-a");
        ControllerUpdate pending = add(UUID.randomUUID(), "tx-2", T0.plusSeconds(2));
        ControllerUpdate newer = add(UUID.randomUUID(), "tx-3", T0.plusSeconds(3));

        assertThat(pending()).extracting(ControllerUpdate::id)
                .containsExactly(pending.id(), newer.id());
        assertThat(backlog())
                .isEqualTo(new ControllerUpdateRepository.Backlog(2, java.util.Optional.of(T0.plusSeconds(2))));

        assertThat(prune(T0)).isZero();
        assertThat(prune(T0.plusMillis(1))).isEqualTo(1);
        assertThat(find(delivered.id())).isEmpty();
        assertThat(find(pending.id())).isPresent();
    }
}
