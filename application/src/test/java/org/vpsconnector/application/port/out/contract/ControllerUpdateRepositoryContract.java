package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.ControllerUpdateRepository;
import org.vpsconnector.domain.Backoff;

/**
 * What {@link ControllerUpdateRepository} promises: the outbox sends the updates of one resource in
 * the order they were added, each under the lease of one dispatcher.
 */
public abstract class ControllerUpdateRepositoryContract extends RepositoryContract {
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60), 2);

    private final UUID instanceId = UUID.randomUUID();

    @Test
    void stores_every_field_of_an_update() {
        ControllerUpdate added = add(UUID.randomUUID(), "tx-1", T0);
        assertThat(find(added.id())).contains(added);

        ControllerUpdate withoutTransaction = add(UUID.randomUUID(), null, T0);
        assertThat(find(withoutTransaction.id())).contains(withoutTransaction);
        assertThat(find(UUID.randomUUID())).isEmpty();
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
    void updates_due_at_the_same_time_come_in_the_order_they_were_added_the_longest_waiting_first() {
        ControllerUpdate later = add(UUID.randomUUID(), "tx-1", T0.plusSeconds(2));
        ControllerUpdate first = add(UUID.randomUUID(), "tx-2", T0);
        ControllerUpdate second = add(UUID.randomUUID(), "tx-3", T0);

        assertThat(due(T0.plusSeconds(2))).extracting(ControllerUpdate::id)
                .containsExactly(first.id(), second.id(), later.id());
        List<ControllerUpdate> twoDue = outbox(updates -> updates.findDue(T0.plusSeconds(2), 2));
        assertThat(twoDue).extracting(ControllerUpdate::id).containsExactly(first.id(), second.id());
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
        assertThat(claim(first.id(), "node-b", T0.plus(LEASE))).as("live to the end of its time").isFalse();
        assertThat(due(T0)).isEmpty();

        Instant expired = T0.plus(LEASE).plusMillis(1);
        assertThat(claim(first.id(), "node-b", expired)).isTrue();
        assertThat(record(first.delivered(expired), "node-a"))
                .as("the overtaken holder records nothing").isFalse();
        assertThat(find(first.id())).contains(first);
    }

    @Test
    void an_update_is_not_claimed_before_it_is_due_nor_when_unknown() {
        ControllerUpdate update = add(UUID.randomUUID(), "tx-1", T0.plusSeconds(10));

        assertThat(claim(update.id(), "node-a", T0)).isFalse();
        assertThat(claim(UUID.randomUUID(), "node-a", T0.plusSeconds(10))).isFalse();
        assertThat(claim(update.id(), "node-a", T0.plusSeconds(10))).isTrue();
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
                    together.await(10, TimeUnit.SECONDS);
                    return claim(update.id(), replica, T0);
                }));
            }
            assertThat(List.of(claims.get(0).get(30, TimeUnit.SECONDS), claims.get(1).get(30, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(true, false);
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
    void an_abandoned_update_lets_the_next_one_of_its_resource_go() {
        UUID vps = UUID.randomUUID();
        ControllerUpdate first = add(vps, "tx-1", T0);
        ControllerUpdate second = add(vps, "tx-2", T0);
        claim(first.id(), "node-a", T0);

        assertThat(record(first.abandoned("instance removed", T0.plusSeconds(1)), "node-a")).isTrue();

        assertThat(find(first.id()).orElseThrow().status()).isEqualTo(ControllerUpdate.Status.ABANDONED);
        assertThat(pending()).extracting(ControllerUpdate::id).containsExactly(second.id());
        assertThat(claim(second.id(), "node-a", T0.plusSeconds(1))).isTrue();
    }

    @Test
    void a_failed_attempt_is_due_again_after_its_backoff() {
        ControllerUpdate update = add(UUID.randomUUID(), "tx-1", T0);
        claim(update.id(), "node-a", T0);
        ControllerUpdate failed = update.failed("controller answered 503", BACKOFF, T0);

        assertThat(record(failed, "node-a")).isTrue();

        assertThat(find(update.id()).orElseThrow()).isEqualTo(failed);
        assertThat(due(T0.plusSeconds(4))).isEmpty();
        assertThat(due(T0.plusSeconds(5))).extracting(ControllerUpdate::id)
                .containsExactly(update.id());
        assertThat(record(failed.failed("controller answered 503", BACKOFF, T0.plusSeconds(5)), "node-a"))
                .as("recording gave the lease up").isFalse();
    }

    @Test
    void recording_an_attempt_writes_its_outcome_and_nothing_else_of_the_update() {
        ControllerUpdate update = add(UUID.randomUUID(), "tx-1", T0);
        claim(update.id(), "node-a", T0);
        ControllerUpdate delivered = update.delivered(T0.plusSeconds(1));
        ControllerUpdate rewritten = new ControllerUpdate(update.id(), UUID.randomUUID(), UUID.randomUUID(), "tx-other",
                "{\"state\":\"Stopped\"}", delivered.status(), delivered.attempts(), delivered.nextAttemptAt(),
                delivered.lastError(), T1, delivered.finishedAt());

        assertThat(record(rewritten, "node-a")).isTrue();

        assertThat(find(update.id())).contains(delivered);
    }

    @Test
    void lists_the_pending_updates_and_their_backlog_and_prunes_finished_ones() {
        assertThat(backlog()).isEqualTo(new ControllerUpdateRepository.Backlog(0, Optional.empty()));
        ControllerUpdate delivered = add(UUID.randomUUID(), "tx-1", T0);
        claim(delivered.id(), "node-a", T0);
        record(delivered.delivered(T0), "node-a");
        ControllerUpdate pending = add(UUID.randomUUID(), "tx-2", T0.plusSeconds(2));
        ControllerUpdate newer = add(UUID.randomUUID(), "tx-3", T0.plusSeconds(3));

        assertThat(pending()).extracting(ControllerUpdate::id)
                .containsExactly(pending.id(), newer.id());
        List<ControllerUpdate> onePending = outbox(updates -> updates.listPending(1));
        assertThat(onePending).extracting(ControllerUpdate::id).containsExactly(pending.id());
        assertThat(backlog())
                .isEqualTo(new ControllerUpdateRepository.Backlog(2, Optional.of(T0.plusSeconds(2))));

        assertThat(prune(T0)).isZero();
        assertThat(prune(T0.plusMillis(1))).isEqualTo(1);
        assertThat(find(delivered.id())).isEmpty();
        assertThat(find(pending.id())).isPresent();
    }

    @Test
    void a_finished_update_without_a_finishing_time_is_never_pruned() {
        ControllerUpdate update = ControllerUpdate.of(UUID.randomUUID(), instanceId, "tx-1", "{}", T0);
        ControllerUpdate deliveredUntimed = new ControllerUpdate(update.id(), update.resourceId(), instanceId, "tx-1", "{}",
                ControllerUpdate.Status.DELIVERED, 1, T0, null, T0, null);
        outbox(updates -> {
            updates.add(deliveredUntimed);
            return null;
        });

        assertThat(prune(T1.plus(Duration.ofDays(365)))).isZero();
        assertThat(find(update.id())).contains(deliveredUntimed);
        assertThat(pending()).isEmpty();
    }

    private <T> T outbox(Function<ControllerUpdateRepository, T> work) {
        return read(repositories -> work.apply(repositories.controllerUpdates()));
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

    private Optional<ControllerUpdate> find(UUID id) {
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
}
