package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.ConcurrentWriteException;
import org.vpsconnector.application.port.out.OperationCount;
import org.vpsconnector.application.port.out.OperationRepository;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.Vps;

/**
 * What {@link OperationRepository} promises of the operations themselves: stored field by field,
 * the newest of a VPS, the operations due, and the counts the metrics read. Leases, the operators'
 * listing and the history have contracts of their own.
 */
public abstract class OperationRepositoryContract extends RepositoryContract {

    @Test
    void storesEveryFieldOfAnOperation() {
        Vps vps = storedVps();
        Operation operation = new Operation(UUID.randomUUID(), vps.id(), OperationKind.CONFIGURE, OperationStatus.RUNNING,
                fullSpec(), 3, T1, "daemon down", "Configuration retrying", T0, T1, "tx-configure-1");

        insert(operation);

        assertThat(findOperation(operation.id())).contains(operation);
        assertThat(findOperation(operation.id()).orElseThrow().target().login()).isEqualTo(LOGIN);
    }

    @Test
    void storesAnOperationWithEveryOptionalFieldMissing() {
        Vps vps = storedVps();
        Operation operation = new Operation(UUID.randomUUID(), vps.id(), OperationKind.START, OperationStatus.ACCEPTED,
                null, 0, null, null, null, null, null, null);

        insert(operation);

        assertThat(findOperation(operation.id())).contains(operation);
    }

    @Test
    void refusesAnOperationOfAVpsThatIsNotStored() {
        Operation orphan = Operation.accept(UUID.randomUUID(), UUID.randomUUID(), OperationKind.START, null, null, T0);

        assertThatThrownBy(() -> insert(orphan)).isNotInstanceOf(ConcurrentWriteException.class);
        assertThat(findOperation(orphan.id())).isEmpty();
    }

    @Test
    void updatesAnOperation() {
        Operation operation = storedOperation(T0);
        Operation failed = operation.progress("Provisioning: guest booting", T1, T1).fail("no image", T1);

        update(failed);

        assertThat(findOperation(operation.id())).contains(failed);
    }

    @Test
    void refusesToUpdateAMissingOperation() {
        Operation never = Operation.accept(UUID.randomUUID(), storedVps().id(), OperationKind.START, null, null, T0);

        assertThatThrownBy(() -> update(never)).isInstanceOf(IllegalStateException.class);
        assertThat(findOperation(never.id())).isEmpty();
    }

    @Test
    void findsNothingUnderAnUnknownId() {
        storedOperation(T0);

        assertThat(findOperation(UUID.randomUUID())).isEmpty();
    }

    @Test
    void findsTheNewestOperationOfAVps() {
        Vps vps = storedVps();
        Operation older = accepted(vps, OperationKind.START, T0);
        Operation newer = accepted(vps, OperationKind.STOP, T1);
        Operation sameTickInsertedLater = accepted(vps, OperationKind.START, T1);
        Operation otherVps = accepted(storedVps(), OperationKind.STOP, T1.plusSeconds(1));
        write(repositories -> {
            repositories.operations().insert(newer);
            repositories.operations().insert(sameTickInsertedLater);
            repositories.operations().insert(older);
            repositories.operations().insert(otherVps);
        });

        assertThat(latestFor(vps.id())).contains(sameTickInsertedLater);
        assertThat(latestFor(UUID.randomUUID())).isEmpty();
    }

    @Test
    void anOperationWithoutACreationTimeIsOlderThanAnyWithOne() {
        Vps vps = storedVps();
        Operation dated = insert(accepted(vps, OperationKind.START, T0));
        Operation undated = insert(new Operation(UUID.randomUUID(), vps.id(), OperationKind.STOP, OperationStatus.ACCEPTED,
                null, 0, null, null, null, null, null, null));
        Operation undatedLater = insert(new Operation(UUID.randomUUID(), vps.id(), OperationKind.START, OperationStatus.ACCEPTED,
                null, 0, null, null, null, null, null, null));

        assertThat(latestFor(vps.id())).contains(dated);
        assertThat(listForVps(vps.id(), 10)).containsExactly(dated, undatedLater, undated);
    }

    @Test
    void listsTheOperationsOfOneVpsNewestFirstUpToTheLimit() {
        Vps vps = storedVps();
        Operation first = accepted(vps, OperationKind.PROVISION, T0);
        Operation second = accepted(vps, OperationKind.STOP, T1);
        Operation third = accepted(vps, OperationKind.START, T1.plusSeconds(1));
        storedOperation(T1.plusSeconds(2));
        write(repositories -> {
            repositories.operations().insert(third);
            repositories.operations().insert(first);
            repositories.operations().insert(second);
        });

        assertThat(listForVps(vps.id(), 10)).containsExactly(third, second, first);
        assertThat(listForVps(vps.id(), 2)).containsExactly(third, second);
        assertThat(listForVps(UUID.randomUUID(), 10)).isEmpty();
    }

    @Test
    void listsRecentOperationsNewestFirst() {
        Vps vps = storedVps();
        Operation first = accepted(vps, OperationKind.START, T0);
        Operation second = accepted(vps, OperationKind.STOP, T1);
        Operation third = accepted(storedVps(), OperationKind.START, T1.plusSeconds(1));
        write(repositories -> {
            repositories.operations().insert(second);
            repositories.operations().insert(third);
            repositories.operations().insert(first);
        });

        assertThat(listRecent(2)).containsExactly(third, second);
    }

    @Test
    void findsUnfinishedUnleasedOperationsThatAreDue() {
        Operation later = storedOperation(T0.plusSeconds(2));
        Operation earliest = storedOperation(T0);
        Operation running = update(storedOperation(T0.plusSeconds(1)).progress("step done", T0.plusSeconds(1), T0));
        Operation finished = update(storedOperation(T0).succeed(T0));
        Operation notYetDue = storedOperation(T1);
        Operation leased = storedOperation(T0);
        assertThat(claim(leased.id(), "driver-a", T0, T0.plus(LEASE))).isTrue();
        Operation withoutAttemptTime = insert(new Operation(UUID.randomUUID(), storedVps().id(), OperationKind.STOP,
                OperationStatus.ACCEPTED, null, 0, null, null, null, T1, T1, null));

        assertThat(findDue(T0.plusSeconds(5), 10))
                .containsExactly(withoutAttemptTime.id(), earliest.id(), running.id(), later.id())
                .doesNotContain(finished.id(), notYetDue.id(), leased.id());
        assertThat(findDue(T0.plusSeconds(5), 2))
                .containsExactly(withoutAttemptTime.id(), earliest.id());
    }

    @Test
    void anOperationIsDueFromItsNextAttemptTimeOn() {
        Operation operation = storedOperation(T1);

        assertThat(findDue(T1.minusNanos(1000), 10)).isEmpty();
        assertThat(findDue(T1, 10)).containsExactly(operation.id());
    }

    @Test
    void operationsDueAtTheSameTimeComeInTheOrderTheyWereStored() {
        Operation first = storedOperation(T0);
        Operation second = storedOperation(T0);
        Operation third = storedOperation(T0);

        assertThat(findDue(T0, 10)).containsExactly(first.id(), second.id(), third.id());
    }

    @Test
    void operationsAreCountedByKindAndStatusAndTheBacklogByLease() {
        Instant now = T1.plusSeconds(3600);
        Vps a = storedVps();
        insert(accepted(a, OperationKind.PROVISION, T0).succeed(T0.plusSeconds(5)));
        insert(accepted(a, OperationKind.STOP, T0.plusSeconds(10)).succeed(T0.plusSeconds(15)));
        Operation due = insert(accepted(a, OperationKind.START, T0.plusSeconds(20)));
        Vps b = storedVps();
        Operation leased = insert(accepted(b, OperationKind.PROVISION, T0).progress("under way", T0, T0));
        Vps c = storedVps();
        insert(accepted(c, OperationKind.PROVISION, T0).fail("broken", T0.plusSeconds(5)));
        insert(accepted(c, OperationKind.UNPROVISION, T0.plusSeconds(10)).progress("waiting", now.plusSeconds(60), now));
        assertThat(claim(leased.id(), "node-1", now, now.plusSeconds(60))).isTrue();

        List<OperationCount> counts = countByKindAndStatus();
        OperationRepository.Backlog backlog = backlog(now);

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
        assertThat(backlog(now.plusSeconds(61)))
                .as("the lease ran out, and the other is due")
                .isEqualTo(new OperationRepository.Backlog(3, 0));
    }

    @Test
    void anEmptyDatabaseHasNoBacklogAndNothingToCount() {
        assertThat(countByKindAndStatus()).isEmpty();
        assertThat(backlog(T0)).isEqualTo(new OperationRepository.Backlog(0, 0));
        assertThat(findDue(T0, 10)).isEmpty();
        assertThat(listRecent(10)).isEmpty();
    }

    private List<Operation> listForVps(UUID vpsId, int limit) {
        return read(repositories -> repositories.operations().listForVps(vpsId, limit));
    }

    private List<Operation> listRecent(int limit) {
        return read(repositories -> repositories.operations().listRecent(limit));
    }

    private boolean claim(UUID operationId, String owner, Instant now, Instant until) {
        return read(repositories -> repositories.operations().claim(operationId, owner, now, until));
    }

    private List<OperationCount> countByKindAndStatus() {
        return read(repositories -> repositories.operations().countByKindAndStatus());
    }

    private OperationRepository.Backlog backlog(Instant now) {
        return read(repositories -> repositories.operations().backlog(now));
    }

    private Optional<Operation> latestFor(UUID vpsId) {
        return read(repositories -> repositories.operations().latestFor(vpsId));
    }

    private List<UUID> findDue(Instant now, int limit) {
        return read(repositories -> repositories.operations().findDue(now, limit));
    }
}
