package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.LeasedOperation;
import org.vpsconnector.application.port.out.OperationRepository;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.Vps;

/**
 * What {@link OperationRepository} promises of the leases drivers hold on operations: one holder
 * at a time, live while its time has not passed ({@code until >= now}), one operation of a VPS
 * leased at a time, and a new epoch at every claim that fences off any older claim.
 */
public abstract class OperationLeaseContract extends RepositoryContract {

    @Test
    void aLiveLeaseBlocksASecondClaim() {
        Operation operation = storedOperation(T0);

        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        assertThat(claim(operation.id(), "driver-b", T0.plusSeconds(1))).isFalse();
        assertThat(claim(operation.id(), "driver-a", T0.plusSeconds(1))).as("not even by its holder").isFalse();
    }

    @Test
    void aLeaseIsLiveUntilTheEndOfItsTime() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        Instant until = T0.plus(LEASE);

        assertThat(findDue(until, 10)).isEmpty();
        assertThat(claim(operation.id(), "driver-b", until)).isFalse();
        assertThat(renew(leaseOf(operation.id()).orElseThrow(), until, until.plus(LEASE))).isTrue();
    }

    @Test
    void anExpiredLeaseCanBeClaimedAgain() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        Instant afterExpiry = T0.plus(LEASE).plusNanos(1000);

        assertThat(findDue(afterExpiry, 10)).containsExactly(operation.id());
        assertThat(claim(operation.id(), "driver-b", afterExpiry)).isTrue();
    }

    @Test
    void aClaimLeavesWhetherTheOperationIsDueToTheCaller() {
        Operation operation = storedOperation(T1);

        assertThat(findDue(T0, 10)).isEmpty();
        assertThat(claim(operation.id(), "request-node", T0)).as("a request runs its own operation at once").isTrue();
        assertThat(isLeasedBy(operation.id(), "request-node")).isTrue();
    }

    @Test
    void aFinishedOperationCannotBeClaimed() {
        Operation operation = update(storedOperation(T0).fail("refused", T0));

        assertThat(claim(operation.id(), "driver-a", T0)).isFalse();
        assertThat(leaseOf(operation.id())).isEmpty();
    }

    @Test
    void anUnknownOperationCannotBeClaimedAndHasNoLease() {
        storedOperation(T0);
        UUID unknown = UUID.randomUUID();

        assertThat(claim(unknown, "driver-a", T0)).isFalse();
        assertThat(leaseOf(unknown)).isEmpty();
        assertThat(isLeasedBy(unknown, "driver-a")).isFalse();
    }

    @Test
    void hidesAnOperationWhileAnotherOfTheSameVpsIsLeased() {
        Vps vps = storedVps();
        Operation build = insert(accepted(vps, OperationKind.PROVISION, T0));
        assertThat(claim(build.id(), "driver-a", T0)).isTrue();
        Operation unprovision = insert(accepted(vps, OperationKind.UNPROVISION, T0));
        Operation elsewhere = storedOperation(T0);

        assertThat(findDue(T0, 10)).containsExactly(elsewhere.id());
        assertThat(claim(unprovision.id(), "driver-b", T0)).isFalse();
        assertThat(findDue(T0.plus(LEASE).plusSeconds(1), 10))
                .containsExactlyInAnyOrder(build.id(), unprovision.id(), elsewhere.id());
    }

    @Test
    void anOperationOfAVpsIsClaimedOnceTheOtherOperationsLeaseIsGivenUp() {
        Vps vps = storedVps();
        Operation build = insert(accepted(vps, OperationKind.PROVISION, T0));
        Operation unprovision = insert(accepted(vps, OperationKind.UNPROVISION, T0));
        assertThat(claim(build.id(), "driver-a", T0)).isTrue();

        release(build.id(), "driver-a");

        assertThat(findDue(T0, 10)).containsExactly(build.id(), unprovision.id());
        assertThat(claim(unprovision.id(), "driver-b", T0)).isTrue();
    }

    @Test
    void updatesAnOperationButNotItsLease() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        Lease held = leaseOf(operation.id()).orElseThrow();
        Operation progressed = operation.progress("Provisioning: guest booting", T1, T1);

        update(progressed);

        assertThat(findOperation(operation.id())).contains(progressed);
        assertThat(leaseOf(operation.id())).contains(held);
        assertThat(claim(operation.id(), "driver-b", T0)).as("the lease of driver-a still holds").isFalse();
    }

    @Test
    void theLeaseHolderIsKnownUntilAnotherDriverTakesTheLeaseOver() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        assertThat(isLeasedBy(operation.id(), "driver-a")).isTrue();
        assertThat(isLeasedBy(operation.id(), "driver-b")).isFalse();

        assertThat(claim(operation.id(), "driver-b", T0.plus(LEASE).plusNanos(1000))).isTrue();

        assertThat(isLeasedBy(operation.id(), "driver-a")).as("overtaken").isFalse();
        assertThat(isLeasedBy(operation.id(), "driver-b")).isTrue();
    }

    @Test
    void everyClaimGivesTheLeaseANewEpochAndOnlyThatClaimCanRenewIt() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        Lease first = leaseOf(operation.id()).orElseThrow();
        assertThat(first.operationId()).isEqualTo(operation.id());
        assertThat(first.owner()).isEqualTo("driver-a");
        assertThat(first.until()).isEqualTo(T0.plus(LEASE));

        assertThat(renew(first, T0.plusSeconds(10), T0.plusSeconds(40))).isTrue();
        assertThat(leaseOf(operation.id()).orElseThrow().until()).isEqualTo(T0.plusSeconds(40));
        assertThat(renew(first, T0.plusSeconds(41), T0.plusSeconds(70))).as("expired before renewal").isFalse();
        assertThat(leaseOf(operation.id()).orElseThrow().until()).as("a failed renewal changes nothing")
                .isEqualTo(T0.plusSeconds(40));

        Instant afterExpiry = T0.plusSeconds(41);
        assertThat(claim(operation.id(), "driver-a", afterExpiry)).as("taken again by the same owner name").isTrue();
        Lease second = leaseOf(operation.id()).orElseThrow();
        assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
        assertThat(second.sameClaimAs(first)).isFalse();
        assertThat(renew(first, afterExpiry, afterExpiry.plus(LEASE))).as("the older claim is fenced off").isFalse();
        assertThat(leaseOf(operation.id()).orElseThrow().until()).isEqualTo(afterExpiry.plus(LEASE));
        assertThat(renew(second, afterExpiry, afterExpiry.plusSeconds(60))).isTrue();

        release(operation.id(), "driver-a");
        assertThat(leaseOf(operation.id())).isEmpty();
    }

    @Test
    void anOperationInsertedClaimedIsHeldAsAfterAFirstClaim() {
        Vps vps = storedVps();
        Operation begun = accepted(vps, OperationKind.PROVISION, T0).progress("Provisioning", T0, T0);
        Operation claimedLater = storedOperation(T0);
        assertThat(claim(claimedLater.id(), "driver-a", T0)).isTrue();

        Lease lease = read(repositories -> repositories.operations().insertClaimed(begun, "request-node", T0.plus(LEASE)));

        assertThat(lease).isEqualTo(new Lease(begun.id(), "request-node", leaseOf(claimedLater.id()).orElseThrow().epoch(),
                T0.plus(LEASE)));
        assertThat(findLeased(begun.id())).contains(new LeasedOperation(begun, Optional.of(lease)));
        assertThat(claim(begun.id(), "driver-b", T0.plusSeconds(1))).as("held").isFalse();
        assertThat(renew(lease, T0.plusSeconds(1), T0.plusSeconds(90))).isTrue();
        assertThat(findDue(T0.plusSeconds(1), 10)).doesNotContain(begun.id());
    }

    @Test
    void anOperationIsReadWithItsLeaseInOneRead() {
        Operation operation = storedOperation(T0);
        assertThat(findLeased(operation.id())).contains(new LeasedOperation(operation, Optional.empty()));

        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        Lease held = leaseOf(operation.id()).orElseThrow();
        assertThat(findLeased(operation.id())).contains(new LeasedOperation(operation, Optional.of(held)));

        release(operation.id(), "driver-a");
        assertThat(findLeased(operation.id())).contains(new LeasedOperation(operation, Optional.empty()));
        assertThat(findLeased(UUID.randomUUID())).isEmpty();
    }

    @Test
    void anUpdateThatReleasesWritesTheOperationAndGivesUpOnlyTheHoldersLease() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        Lease held = leaseOf(operation.id()).orElseThrow();

        Operation progressed = operation.progress("waiting for the guest", T0.plusSeconds(5), T0.plusSeconds(1));
        write(repositories -> repositories.operations().updateReleasing(progressed, "driver-b"));
        assertThat(findOperation(operation.id())).contains(progressed);
        assertThat(leaseOf(operation.id())).as("another owner's release").contains(held);

        Operation succeeded = progressed.succeed(T0.plusSeconds(2));
        write(repositories -> repositories.operations().updateReleasing(succeeded, "driver-a"));
        assertThat(findOperation(operation.id())).contains(succeeded);
        assertThat(leaseOf(operation.id())).isEmpty();
        assertThat(renew(held, T0, T0.plus(LEASE))).as("the released claim stays fenced off").isFalse();
    }

    @Test
    void theEpochKeepsGrowingAcrossAReleasedLease() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        Lease first = leaseOf(operation.id()).orElseThrow();
        release(operation.id(), "driver-a");

        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();

        Lease second = leaseOf(operation.id()).orElseThrow();
        assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
        assertThat(renew(first, T0, T0.plus(LEASE))).as("the released claim stays fenced off").isFalse();
    }

    @Test
    void onlyTheHolderReleasesALease() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        Lease held = leaseOf(operation.id()).orElseThrow();

        release(operation.id(), "driver-b");
        assertThat(leaseOf(operation.id())).contains(held);
        assertThat(claim(operation.id(), "driver-c", T0)).isFalse();

        release(operation.id(), "driver-a");
        assertThat(leaseOf(operation.id())).isEmpty();
        assertThat(isLeasedBy(operation.id(), "driver-a")).isFalse();
        assertThat(renew(held, T0, T0.plus(LEASE))).as("a released lease is not renewed").isFalse();
        assertThat(findDue(T0, 10)).containsExactly(operation.id());
        assertThat(claim(operation.id(), "driver-c", T0)).isTrue();
    }

    @Test
    void aTakeOverFencesOffALiveLeaseWithANewEpochAndLeavesAFinishedOperationAlone() {
        Operation build = storedOperation(T0);
        Operation finished = update(storedOperation(T0).succeed(T0));
        Instant now = T0.plusSeconds(10);
        assertThat(claim(build.id(), "driver-a", now)).isTrue();
        Lease held = leaseOf(build.id()).orElseThrow();

        assertThat(takeOver(build.id(), "operator-cancel/a", now.plusSeconds(120))).isTrue();

        Lease ours = leaseOf(build.id()).orElseThrow();
        assertThat(ours.owner()).isEqualTo("operator-cancel/a");
        assertThat(ours.epoch()).isEqualTo(held.epoch() + 1);
        assertThat(ours.until()).isEqualTo(now.plusSeconds(120));
        assertThat(renew(held, now.plusSeconds(1), now.plusSeconds(61))).isFalse();
        assertThat(isLeasedBy(build.id(), "driver-a")).isFalse();
        assertThat(takeOver(finished.id(), "operator-cancel/a", now.plusSeconds(120))).isFalse();
        assertThat(leaseOf(finished.id())).isEmpty();
        assertThat(takeOver(UUID.randomUUID(), "operator-cancel/a", now.plusSeconds(120))).isFalse();
    }

    @Test
    void aTakeOverNeedsNoLeaseToBreakAndDoesNotWaitForTheOtherOperationsOfItsVps() {
        Vps vps = storedVps();
        Operation build = insert(accepted(vps, OperationKind.PROVISION, T0));
        Operation unprovision = insert(accepted(vps, OperationKind.UNPROVISION, T1));
        assertThat(claim(build.id(), "driver-a", T0)).isTrue();

        assertThat(takeOver(unprovision.id(), "operator-cancel/a", T0.plus(LEASE))).isTrue();

        Lease taken = leaseOf(unprovision.id()).orElseThrow();
        assertThat(taken.owner()).isEqualTo("operator-cancel/a");
        assertThat(taken.until()).isEqualTo(T0.plus(LEASE));
        assertThat(isLeasedBy(build.id(), "driver-a")).as("the other operation's lease stands").isTrue();
        assertThat(renew(taken, T0, T0.plusSeconds(45))).isTrue();
    }

    @Test
    void ofAllTheOperationsDueThoseOfAVpsWithALeasedOneWait() {
        Vps busy = storedVps();
        Operation leased = insert(accepted(busy, OperationKind.PROVISION, T0));
        Operation waiting = insert(accepted(busy, OperationKind.STOP, T0));
        Operation free = storedOperation(T0);
        assertThat(claim(leased.id(), "driver-a", T0)).isTrue();

        assertThat(findDue(T0, 10)).containsExactly(free.id()).doesNotContain(leased.id(), waiting.id());
        OperationRepository.Backlog backlog = read(repositories -> repositories.operations().backlog(T0));
        assertThat(backlog).as("the backlog counts what is due and not leased, whatever its VPS")
                .isEqualTo(new OperationRepository.Backlog(2, 1));
    }

    private boolean claim(UUID operationId, String owner, Instant now) {
        return read(repositories -> repositories.operations().claim(operationId, owner, now, now.plus(LEASE)));
    }

    private Optional<LeasedOperation> findLeased(UUID operationId) {
        return read(repositories -> repositories.operations().findLeased(operationId));
    }

    private Optional<Lease> leaseOf(UUID operationId) {
        return read(repositories -> repositories.operations().leaseOf(operationId));
    }

    private boolean renew(Lease lease, Instant now, Instant until) {
        return read(repositories -> repositories.operations().renew(lease, now, until));
    }

    private boolean isLeasedBy(UUID operationId, String owner) {
        return read(repositories -> repositories.operations().isLeasedBy(operationId, owner));
    }

    private boolean takeOver(UUID operationId, String owner, Instant until) {
        return read(repositories -> repositories.operations().takeOver(operationId, owner, until));
    }

    private void release(UUID operationId, String owner) {
        write(repositories -> repositories.operations().release(operationId, owner));
    }

    private List<UUID> findDue(Instant now, int limit) {
        return read(repositories -> repositories.operations().findDue(now, limit));
    }
}
