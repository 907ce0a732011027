package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.OperationRepository;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.port.out.TransitionLog;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.Vps;

/**
 * What {@link TransitionLog} promises, and what {@link OperationRepository} promises of the history it
 * lets go: old finished operations are pruned with their transitions, the latest of each VPS stays.
 */
public abstract class OperationHistoryContract extends RepositoryContract {
    private static final Instant NOW = T0.plus(Duration.ofDays(60));
    private static final Instant FINISHED_BEFORE = NOW.minus(Duration.ofDays(30));

    @Test
    void recordsTransitionsInOrder() {
        Operation operation = storedOperation(T0);
        OperationTransition accepted = new OperationTransition(operation.id(), operation.vpsId(), null,
                OperationStatus.ACCEPTED, 0, null, T0);
        OperationTransition running = new OperationTransition(operation.id(), operation.vpsId(), OperationStatus.ACCEPTED,
                OperationStatus.RUNNING, 1, "Start retrying after: daemon down", T1);
        OperationTransition otherOperation = new OperationTransition(storedOperation(T0).id(), operation.vpsId(), null,
                OperationStatus.ACCEPTED, 0, null, T0);
        OperationTransition backInTime = new OperationTransition(operation.id(), operation.vpsId(), OperationStatus.RUNNING,
                OperationStatus.SUCCEEDED, 1, "Provisioning done", T0);

        write(repositories -> {
            repositories.transitions().record(accepted);
            repositories.transitions().record(otherOperation);
            repositories.transitions().record(running);
            repositories.transitions().record(backInTime);
        });

        assertThat(transitionsOf(operation)).as("in the order recorded, whatever their time")
                .containsExactly(accepted, running, backInTime);
        assertThat(transitionsOf(UUID.randomUUID())).isEmpty();
    }

    @Test
    void recordsTransitionsGivenTogetherInTheirOrder() {
        Operation operation = storedOperation(T0);
        OperationTransition accepted = new OperationTransition(operation.id(), operation.vpsId(), null,
                OperationStatus.ACCEPTED, 0, "Accepted (placed on container host local)", T1);
        OperationTransition running = new OperationTransition(operation.id(), operation.vpsId(), OperationStatus.ACCEPTED,
                OperationStatus.RUNNING, 0, "Accepted", T0);

        write(repositories -> repositories.transitions().recordAll(List.of(accepted, running)));
        write(repositories -> repositories.transitions().recordAll(List.of()));

        assertThat(transitionsOf(operation)).containsExactly(accepted, running);
    }

    @Test
    void refusesATransitionOfAnOperationThatIsNotStored() {
        Vps vps = storedVps();
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> write(repositories -> repositories.transitions().record(new OperationTransition(unknown,
                vps.id(), null, OperationStatus.ACCEPTED, 0, null, T0)))).isNotNull();
        assertThat(transitionsOf(unknown)).isEmpty();
    }

    @Test
    void deletesTheTransitionsOfTheOperationsNamedAndAnswersHowMany() {
        Operation one = store(storedVps().id(), OperationKind.PROVISION, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(5));
        Operation other = store(storedVps().id(), OperationKind.PROVISION, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(5));

        assertThat(deleteTransitionsOf(List.of(one.id(), UUID.randomUUID()))).isEqualTo(2);
        assertThat(deleteTransitionsOf(List.of())).isZero();

        assertThat(transitionsOf(one)).isEmpty();
        assertThat(transitionsOf(other)).hasSize(2);
    }

    @Test
    void oldFinishedOperationsArePrunableButTheLatestOfEachVpsAndUnfinishedOnesStay() {
        UUID a = storedVps().id();
        Operation aProvision = store(a, OperationKind.PROVISION, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(20));
        Operation aConfigure = store(a, OperationKind.CONFIGURE, T0.plus(Duration.ofDays(1)), OperationStatus.FAILED,
                T0.plus(Duration.ofDays(1)).plusSeconds(5));
        Operation aStop = store(a, OperationKind.STOP, T0.plus(Duration.ofDays(2)), OperationStatus.SUCCEEDED,
                T0.plus(Duration.ofDays(2)).plusSeconds(3));
        UUID b = storedVps().id();
        Operation bProvision = store(b, OperationKind.PROVISION, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(20));
        UUID c = storedVps().id();
        Operation cProvision = store(c, OperationKind.PROVISION, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(20));
        Operation cUnprovision = store(c, OperationKind.UNPROVISION, T0.plus(Duration.ofDays(3)), OperationStatus.RUNNING, null);
        UUID d = storedVps().id();
        Operation dOldUnfinished = store(d, OperationKind.START, T0, OperationStatus.RUNNING, null);
        Operation dNewer = store(d, OperationKind.STOP, T0.plusSeconds(60), OperationStatus.SUCCEEDED, T0.plusSeconds(70));
        UUID e = storedVps().id();
        Operation eRecent = store(e, OperationKind.START, NOW.minus(Duration.ofDays(10)), OperationStatus.SUCCEEDED,
                NOW.minus(Duration.ofDays(10)));
        Operation eLatest = store(e, OperationKind.STOP, NOW.minus(Duration.ofDays(5)), OperationStatus.SUCCEEDED,
                NOW.minus(Duration.ofDays(5)));
        UUID f = storedVps().id();
        Operation fFirstInTick = store(f, OperationKind.START, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(1));
        Operation fSecondInTick = store(f, OperationKind.STOP, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(2));

        List<UUID> prunable = findPrunable(100);

        assertThat(prunable).as("old, finished, not the latest; the longest finished first")
                .containsExactly(fFirstInTick.id(), aProvision.id(), cProvision.id(), aConfigure.id());
        assertThat(deleteTransitionsOf(prunable)).isEqualTo(8);
        assertThat(deletePrunable(prunable)).isEqualTo(4);
        assertThat(stored(aProvision, aConfigure, cProvision, fFirstInTick)).isEmpty();
        List<Operation> kept = List.of(aStop, bProvision, cUnprovision, dOldUnfinished, dNewer, eRecent, eLatest, fSecondInTick);
        assertThat(stored(kept.toArray(Operation[]::new))).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(transitionsOf(kept.toArray(Operation[]::new))).hasSize(2 * kept.size());
        assertThat(latestOf(a)).as("a late poll still gets its answer").isEqualTo(aStop.id());
        assertThat(latestOf(f)).isEqualTo(fSecondInTick.id());
        assertThat(findPrunable(100)).as("nothing more").isEmpty();
    }

    @Test
    void prunableOperationsComeOldestFirstAtMostABatch() {
        UUID vps = storedVps().id();
        List<Operation> old = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            old.add(store(vps, OperationKind.START, T0.plusSeconds(i * 60L), OperationStatus.SUCCEEDED,
                    T0.plusSeconds(i * 60L + 5)));
        }
        Operation latest = old.remove(old.size() - 1);

        List<UUID> firstBatch = findPrunable(3);

        assertThat(firstBatch).containsExactly(old.get(0).id(), old.get(1).id(), old.get(2).id());
        write(repositories -> {
            repositories.transitions().deleteOf(firstBatch);
            repositories.operations().deletePrunable(firstBatch, FINISHED_BEFORE);
        });
        assertThat(findPrunable(10)).containsExactlyElementsOf(old.subList(3, 7).stream().map(Operation::id).toList());
        assertThat(latestOf(vps)).isEqualTo(latest.id());
    }

    @Test
    void anOperationFinishedAtTheCutOffIsNotYetPrunable() {
        UUID vps = storedVps().id();
        Operation atTheCutOff = store(vps, OperationKind.START, T0, OperationStatus.SUCCEEDED, FINISHED_BEFORE);
        Operation justBefore = store(vps, OperationKind.STOP, T0, OperationStatus.SUCCEEDED, FINISHED_BEFORE.minusNanos(1000));
        store(vps, OperationKind.START, NOW, OperationStatus.SUCCEEDED, NOW);

        assertThat(findPrunable(10)).containsExactly(justBefore.id()).doesNotContain(atTheCutOff.id());
    }

    @Test
    void anOperationWithoutACreationTimeIsOlderThanOneWithItWhenPruning() {
        UUID vps = storedVps().id();
        Operation undated = insert(new Operation(UUID.randomUUID(), vps, OperationKind.STOP, OperationStatus.SUCCEEDED,
                null, 0, null, null, "Stop done", null, T0, null));
        Operation dated = store(vps, OperationKind.START, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(5));

        assertThat(findPrunable(10)).containsExactly(undated.id());
        assertThat(latestOf(vps)).isEqualTo(dated.id());
    }

    @Test
    void deletingSkipsAnOperationThatIsNotPrunable() {
        UUID vps = storedVps().id();
        Operation only = store(vps, OperationKind.PROVISION, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(5));
        Operation unfinished = store(storedVps().id(), OperationKind.PROVISION, T0, OperationStatus.RUNNING, null);

        int deleted = deletePrunable(List.of(only.id(), unfinished.id()));

        assertThat(deleted).as("the latest of its VPS, and one unfinished").isZero();
        assertThat(stored(only, unfinished)).containsExactly(only, unfinished);
        assertThat(deletePrunable(List.of())).isZero();
    }

    @Test
    void anOperationWithTransitionsLeftIsNotDeleted() {
        UUID vps = storedVps().id();
        Operation old = store(vps, OperationKind.START, T0, OperationStatus.SUCCEEDED, T0.plusSeconds(5));
        store(vps, OperationKind.STOP, T0.plusSeconds(10), OperationStatus.SUCCEEDED, T0.plusSeconds(15));

        assertThatThrownBy(() -> deletePrunable(List.of(old.id()))).isNotNull();

        assertThat(stored(old)).containsExactly(old);
        assertThat(transitionsOf(old)).hasSize(2);
    }

    /** An operation accepted at {@code createdAt}, with two transitions; finished at {@code finishedAt} unless unfinished. */
    private Operation store(UUID vpsId, OperationKind kind, Instant createdAt, OperationStatus status, Instant finishedAt) {
        Operation accepted = Operation.accept(UUID.randomUUID(), vpsId, kind, kind.carriesSpec() ? fullSpec() : null, "txn",
                createdAt);
        Operation running = accepted.progress("under way", createdAt, createdAt);
        Operation recorded = switch (status) {
            case ACCEPTED -> accepted;
            case RUNNING -> running;
            case SUCCEEDED -> running.succeed(finishedAt);
            case FAILED -> running.fail("broken", finishedAt);
            case CANCELLED -> running.cancel("unprovision requested", finishedAt);
        };
        write(repositories -> {
            repositories.operations().insert(recorded);
            repositories.transitions().record(new OperationTransition(recorded.id(), vpsId, null, OperationStatus.ACCEPTED,
                    0, "accepted", createdAt));
            repositories.transitions().record(new OperationTransition(recorded.id(), vpsId, OperationStatus.ACCEPTED,
                    recorded.status(), 0, recorded.info(), recorded.updatedAt()));
        });
        return recorded;
    }

    private List<OperationTransition> transitionsOf(UUID operationId) {
        return read(repositories -> repositories.transitions().forOperation(operationId));
    }

    private int deleteTransitionsOf(List<UUID> operationIds) {
        return read(repositories -> repositories.transitions().deleteOf(operationIds));
    }

    private int deletePrunable(List<UUID> operationIds) {
        return read(repositories -> repositories.operations().deletePrunable(operationIds, FINISHED_BEFORE));
    }

    private List<UUID> findPrunable(int limit) {
        return read(repositories -> repositories.operations().findPrunable(FINISHED_BEFORE, limit));
    }

    private List<Operation> stored(Operation... operations) {
        return read(repositories -> {
            List<Operation> found = new ArrayList<>();
            for (Operation operation : operations) {
                repositories.operations().find(operation.id()).ifPresent(found::add);
            }
            return found;
        });
    }

    private List<OperationTransition> transitionsOf(Operation... operations) {
        return read(repositories -> {
            List<OperationTransition> found = new ArrayList<>();
            for (Operation operation : operations) {
                found.addAll(repositories.transitions().forOperation(operation.id()));
            }
            return found;
        });
    }

    private UUID latestOf(UUID vpsId) {
        return read(repositories -> repositories.operations().latestFor(vpsId)).orElseThrow().id();
    }
}
