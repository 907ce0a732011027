package org.vpsconnector.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.vpsconnector.application.port.out.OperationCount;
import org.vpsconnector.application.port.out.OperationRepository;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.service.OperationHistoryRetention;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * The retention of finished operations' history and the counts the metrics read, alike on every
 * {@link TestDatabase}, in a schema of their own: pruning deletes across the whole table.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class OperationHistoryRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00.123456Z");
    private static final Instant NOW = T0.plus(Duration.ofDays(60));
    private static final Duration KEEP = Duration.ofDays(30);
    private static final VpsSpec SPEC = new VpsSpec("web-01", null, new Hardware(2, 10, 1, false), Platform.UNSPECIFIED,
            null, null);
    private static final Map<TestDatabase, DataSource> SCHEMAS = new ConcurrentHashMap<>();

    @Parameter
    TestDatabase database;

    private Transactions transactions;

    @BeforeEach
    void emptyTables() {
        DataSource dataSource = SCHEMAS.computeIfAbsent(database, db -> {
            DataSource schema = db.emptySchema("retention_tests");
            SchemaMigration.migrate(schema);
            return schema;
        });
        Jdbi.create(dataSource).useHandle(handle -> handle.execute("""
                DELETE FROM operation_transitions;
                DELETE FROM operations;
                DELETE FROM vpses"""));
        byte[] key = new byte[SecretSealing.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        transactions = new JdbiTransactions(Jdbi.create(dataSource), new SecretSealing(key));
    }

    @Test
    void oldFinishedOperationsGoWithTheirTransitionsButTheLatestOfEachVpsAndUnfinishedOnesStay() {
        UUID a = storeVps();
        Operation aProvision = store(a, OperationKind.PROVISION, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(20));
        Operation aConfigure = store(a, OperationKind.CONFIGURE, T0.plus(Duration.ofDays(1)), OperationStatus.FAILED,
                T0.plus(Duration.ofDays(1)).plusSeconds(5));
        Operation aStop = store(a, OperationKind.STOP, T0.plus(Duration.ofDays(2)), OperationStatus.SUCCEEDED,
                T0.plus(Duration.ofDays(2)).plusSeconds(3));
        UUID b = storeVps();
        Operation bProvision = store(b, OperationKind.PROVISION, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(20));
        UUID c = storeVps();
        Operation cProvision = store(c, OperationKind.PROVISION, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(20));
        Operation cUnprovision = store(c, OperationKind.UNPROVISION, T0.plus(Duration.ofDays(3)), OperationStatus.RUNNING, null);
        UUID d = storeVps();
        Operation dOldUnfinished = store(d, OperationKind.START, T0, OperationStatus.RUNNING, null);
        Operation dNewer = store(d, OperationKind.STOP, T0.plusSeconds(60), OperationStatus.SUCCEEDED, T0.plusSeconds(70));
        UUID e = storeVps();
        Operation eRecent = store(e, OperationKind.START, NOW.minus(Duration.ofDays(10)), OperationStatus.SUCCEEDED,
                NOW.minus(Duration.ofDays(10)));
        Operation eLatest = store(e, OperationKind.STOP, NOW.minus(Duration.ofDays(5)), OperationStatus.SUCCEEDED,
                NOW.minus(Duration.ofDays(5)));
        UUID f = storeVps();
        Operation fFirstInTick = store(f, OperationKind.START, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(1));
        Operation fSecondInTick = store(f, OperationKind.STOP, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(2));

        OperationHistoryRetention.Pruned pruned = retention(100).prune();

        assertThat(pruned.operations()).isEqualTo(4);
        assertThat(pruned.transitions()).isEqualTo(8);
        assertThat(pruned.batches()).isEqualTo(1);
        assertThat(pruned.finishedBefore()).isEqualTo(NOW.minus(KEEP));
        assertThat(stored(aProvision, aConfigure, cProvision, fFirstInTick)).as("old, finished, not the latest").isEmpty();
        assertThat(transitionsOf(aProvision, aConfigure, cProvision, fFirstInTick)).isEmpty();
        List<Operation> kept = List.of(aStop, bProvision, cUnprovision, dOldUnfinished, dNewer, eRecent, eLatest, fSecondInTick);
        assertThat(stored(kept.toArray(Operation[]::new))).extracting(Operation::id)
                .containsExactlyInAnyOrderElementsOf(kept.stream().map(Operation::id).toList());
        assertThat(transitionsOf(kept.toArray(Operation[]::new))).hasSize(2 * kept.size());
        for (UUID vps : List.of(a, b, c, d, e, f)) {
            Optional<Operation> latest = transactions.inTransaction(repositories -> repositories.operations().latestFor(vps));
            assertThat(latest).as("a late poll of VPS %s still gets its answer", vps).isPresent();
        }
        assertThat(latest(a)).isEqualTo(aStop.id());
        assertThat(latest(f)).isEqualTo(fSecondInTick.id());

        assertThat(retention(100).prune().operations()).as("a second pass finds nothing more").isZero();
    }

    @Test
    void aPassWorksInBatchesUntilNothingPrunableIsLeft() {
        List<Operation> old = new ArrayList<>();
        Operation latest = null;
        UUID vps = storeVps();
        for (int i = 0; i < 8; i++) {
            Operation operation = store(vps, OperationKind.START, T0.plusSeconds(i * 60L), OperationStatus.SUCCEEDED,
                    T0.plusSeconds(i * 60L + 5));
            old.add(operation);
            latest = operation;
        }
        old.remove(latest);

        List<UUID> firstBatch = transactions.inTransaction(repositories ->
                repositories.operations().findPrunable(NOW.minus(KEEP), 3));
        assertThat(firstBatch).as("the oldest first, at most a batch")
                .containsExactly(old.get(0).id(), old.get(1).id(), old.get(2).id());

        OperationHistoryRetention.Pruned pruned = retention(3).prune();

        assertThat(pruned.operations()).isEqualTo(7);
        assertThat(pruned.transitions()).isEqualTo(14);
        assertThat(pruned.batches()).as("3 + 3 + 1").isEqualTo(3);
        assertThat(stored(old.toArray(Operation[]::new))).isEmpty();
        assertThat(latest(vps)).isEqualTo(latest.id());
        assertThat(transitionsOf(latest)).hasSize(2);
    }

    @Test
    void deletingSkipsAnOperationThatIsNotPrunable() {
        UUID vps = storeVps();
        Operation only = store(vps, OperationKind.PROVISION, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(5));

        int deleted = transactions.inTransaction(repositories ->
                repositories.operations().deletePrunable(List.of(only.id()), NOW.minus(KEEP)));

        assertThat(deleted).as("the latest of its VPS").isZero();
        assertThat(stored(only)).hasSize(1);
    }

    @Test
    void operationsAreCountedByKindAndStatusAndTheBacklogByLease() {
        UUID a = storeVps();
        store(a, OperationKind.PROVISION, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(5));
        store(a, OperationKind.STOP, T0.plusSeconds(10), OperationStatus.SUCCEEDED, T0.plusSeconds(15));
        Operation due = store(a, OperationKind.START, T0.plusSeconds(20), OperationStatus.ACCEPTED, null);
        UUID b = storeVps();
        Operation leased = store(b, OperationKind.PROVISION, T0, OperationStatus.RUNNING, null);
        UUID c = storeVps();
        store(c, OperationKind.PROVISION, T0, OperationStatus.FAILED, T0.plusSeconds(5));
        Operation later = store(c, OperationKind.UNPROVISION, T0.plusSeconds(10), OperationStatus.RUNNING, null);
        transactions.inTransaction(repositories -> {
            repositories.operations().update(repositories.operations().find(later.id()).orElseThrow()
                    .progress("waiting", NOW.plusSeconds(60), NOW));
            return repositories.operations().claim(leased.id(), "node-1", NOW, NOW.plusSeconds(60));
        });

        List<OperationCount> counts = transactions.inTransaction(repositories -> repositories.operations().countByKindAndStatus());
        OperationRepository.Backlog backlog = transactions.inTransaction(repositories -> repositories.operations().backlog(NOW));

        assertThat(counts).extracting(OperationCount::kind, OperationCount::status, OperationCount::count)
                .containsExactlyInAnyOrder(
                        tuple(OperationKind.PROVISION, OperationStatus.SUCCEEDED, 1L),
                        tuple(OperationKind.PROVISION, OperationStatus.RUNNING, 1L),
                        tuple(OperationKind.PROVISION, OperationStatus.FAILED, 1L),
                        tuple(OperationKind.STOP, OperationStatus.SUCCEEDED, 1L),
                        tuple(OperationKind.START, OperationStatus.ACCEPTED, 1L),
                        tuple(OperationKind.UNPROVISION, OperationStatus.RUNNING, 1L));
        assertThat(backlog.due()).as("only %s: one is leased, one is due later", due.id()).isEqualTo(1);
        assertThat(backlog.leased()).isEqualTo(1);
    }

    private OperationHistoryRetention retention(int batchSize) {
        return new OperationHistoryRetention(transactions, Clock.fixed(NOW, ZoneOffset.UTC), KEEP, batchSize);
    }

    private UUID storeVps() {
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), SPEC, Lifecycle.READY, PowerState.RUNNING, T0, T0);
        transactions.inTransaction(repositories -> {
            repositories.vpses().insert(vps);
            return null;
        });
        return vps.id();
    }

    /** An operation accepted at {@code createdAt}, with two transitions; finished at {@code finishedAt} unless unfinished. */
    private Operation store(UUID vpsId, OperationKind kind, Instant createdAt, OperationStatus status, Instant finishedAt) {
        Operation accepted = Operation.accept(UUID.randomUUID(), vpsId, kind, kind.carriesSpec() ? SPEC : null, "txn", createdAt);
        Operation running = accepted.progress("under way", createdAt, createdAt);
        Operation recorded = switch (status) {
            case ACCEPTED -> accepted;
            case RUNNING -> running;
            case SUCCEEDED -> running.succeed(finishedAt);
            case FAILED -> running.fail("broken", finishedAt);
            case CANCELLED -> running.cancel("unprovision requested", finishedAt);
        };
        transactions.inTransaction(repositories -> {
            repositories.operations().insert(recorded);
            repositories.transitions().record(new OperationTransition(recorded.id(), vpsId, null, OperationStatus.ACCEPTED,
                    0, "accepted", createdAt));
            repositories.transitions().record(new OperationTransition(recorded.id(), vpsId, OperationStatus.ACCEPTED,
                    recorded.status(), 0, recorded.info(), recorded.updatedAt()));
            return null;
        });
        return recorded;
    }

    private List<Operation> stored(Operation... operations) {
        return transactions.inTransaction(repositories -> {
            List<Operation> found = new ArrayList<>();
            for (Operation operation : operations) {
                repositories.operations().find(operation.id()).ifPresent(found::add);
            }
            return found;
        });
    }

    private List<OperationTransition> transitionsOf(Operation... operations) {
        return transactions.inTransaction(repositories -> {
            List<OperationTransition> found = new ArrayList<>();
            for (Operation operation : operations) {
                found.addAll(repositories.transitions().forOperation(operation.id()));
            }
            return found;
        });
    }

    private UUID latest(UUID vpsId) {
        return transactions.inTransaction(repositories -> repositories.operations().latestFor(vpsId)).orElseThrow().id();
    }
}
