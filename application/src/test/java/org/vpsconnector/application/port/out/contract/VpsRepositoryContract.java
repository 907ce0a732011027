package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.vpsconnector.application.port.out.VpsRevision;
import org.vpsconnector.application.port.out.RevisedVps;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.HostLoad;
import org.vpsconnector.application.port.out.RequestedVps;
import org.vpsconnector.application.port.out.VpsFilter;
import org.vpsconnector.application.port.out.VpsRepository;
import org.vpsconnector.application.port.out.VpsWithLatestOperation;
import org.vpsconnector.application.port.out.VpsWithUsage;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.MeteredUsage;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.UsageReading;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/** What {@link VpsRepository} promises: the VPSes stored field by field, their listings and the load of each host. */
public abstract class VpsRepositoryContract extends RepositoryContract {
    // Equal in their first half but for the sign bit: a database orders them as unsigned bytes, Java's
    // UUID.compareTo as signed numbers, the other way round.
    private static final UUID LOW_ID = UUID.fromString("7fffffff-0000-4000-8000-000000000001");
    private static final UUID HIGH_ID = UUID.fromString("80000000-0000-4000-8000-000000000001");

    @Test
    void storesEveryFieldOfAVps() {
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.READY, PowerState.RUNNING, T0, T1,
                null, "10.88.0.7");

        store(vps);

        assertThat(find(vps.id())).isEqualTo(vps);
        assertThat(find(vps.id()).spec().login()).isEqualTo(LOGIN);
        assertThat(find(vps.id()).ipv4()).isEqualTo("10.88.0.7");
    }

    @Test
    void findsAVpsOfAnInstalledInstanceAlsoAsSuch() {
        ApplicationInstance installed = new ApplicationInstance(UUID.randomUUID(), null, null, null, null, T0);
        write(repositories -> repositories.instances().save(installed));
        Vps ofInstalled = store(new Vps(UUID.randomUUID(), installed.id(), fullSpec(), Lifecycle.READY, PowerState.RUNNING,
                T0, T1, null, null));
        Vps ofRemoved = store(new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.DELETED,
                PowerState.STOPPED, T0, T1, null, null));

        assertThat(findOfInstalled(ofInstalled.id())).contains(new VpsWithUsage(ofInstalled, Optional.empty()));
        assertThat(findOfInstalled(ofRemoved.id())).isEmpty();
        assertThat(findOfInstalled(UUID.randomUUID())).isEmpty();

        write(repositories -> repositories.instances().delete(installed.id()));
        assertThat(findOfInstalled(ofInstalled.id())).isEmpty();
        assertThat(findVps(ofInstalled.id())).contains(ofInstalled);
    }

    @Test
    void findsAVpsOfAnInstalledInstanceWithItsMeasuredUsageOnly() {
        ApplicationInstance installed = new ApplicationInstance(UUID.randomUUID(), null, null, null, null, T0);
        write(repositories -> repositories.instances().save(installed));
        Vps measured = store(new Vps(UUID.randomUUID(), installed.id(), fullSpec(), Lifecycle.READY, PowerState.RUNNING,
                T0, T1, null, "10.88.0.9"));
        Vps claimedOnly = store(new Vps(UUID.randomUUID(), installed.id(), fullSpec(), Lifecycle.READY, PowerState.RUNNING,
                T0, T1, null, null));
        MeteredUsage usage = MeteredUsage.first(measured.id(),
                new UsageReading(9_000_000_000_000L, 3L << 30, 40L << 30, 7L << 40, 5L << 40, "run-1"), T0)
                .next(new UsageReading(1_000L, 1L << 30, 41L << 30, 3L, 4L, "run-2"), T1);
        write(repositories -> {
            repositories.usage().claim(measured.id(), "meter", T0, T1);
            repositories.usage().saveIfClaimedBy(usage, "meter", T0);
            repositories.usage().claim(claimedOnly.id(), "meter", T0, T1);
        });

        assertThat(findOfInstalled(measured.id())).contains(new VpsWithUsage(measured, Optional.of(usage)));
        assertThat(findOfInstalled(claimedOnly.id())).contains(new VpsWithUsage(claimedOnly, Optional.empty()));
    }

    private Optional<VpsWithUsage> findOfInstalled(UUID id) {
        return read(repositories -> repositories.vpses().findWithUsageOfInstalledInstance(id));
    }

    @Test
    void findsWhatARequestIsDecidedOnInOneRead() {
        ApplicationInstance installed = new ApplicationInstance(UUID.randomUUID(), null, null, null, null, T0);
        write(repositories -> repositories.instances().save(installed));
        Vps ofOther = store(new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.PROVISIONING,
                PowerState.CREATING, T0, T1, null, null));
        Operation older = Operation.accept(UUID.randomUUID(), ofOther.id(), OperationKind.PROVISION, fullSpec(), "txn-1", T0);
        Operation latest = Operation.accept(UUID.randomUUID(), ofOther.id(), OperationKind.STOP, null, "txn-2", T1);
        Operation sameTickInsertedBefore = Operation.accept(UUID.randomUUID(), ofOther.id(), OperationKind.START, null,
                "txn-3", T1);
        write(repositories -> {
            repositories.operations().insert(sameTickInsertedBefore);
            repositories.operations().insert(latest);
            repositories.operations().insert(older);
        });

        assertThat(requested(installed.id(), ofOther.id()))
                .isEqualTo(new RequestedVps(true, Optional.of(ofOther), Optional.of(latest)));
        assertThat(requested(UUID.randomUUID(), ofOther.id()))
                .isEqualTo(new RequestedVps(false, Optional.of(ofOther), Optional.of(latest)));
        UUID unknown = UUID.randomUUID();
        assertThat(requested(installed.id(), unknown)).isEqualTo(new RequestedVps(true, Optional.empty(), Optional.empty()));
        assertThat(requested(unknown, unknown)).isEqualTo(new RequestedVps(false, Optional.empty(), Optional.empty()));

        Vps withoutOperations = store(new Vps(UUID.randomUUID(), installed.id(), fullSpec(), Lifecycle.READY,
                PowerState.RUNNING, T0, T1, null, "10.88.0.7"));
        assertThat(requested(installed.id(), withoutOperations.id()))
                .isEqualTo(new RequestedVps(true, Optional.of(withoutOperations), Optional.empty()));
    }

    private RequestedVps requested(UUID instanceId, UUID vpsId) {
        return read(repositories -> repositories.vpses().findRequested(instanceId, vpsId));
    }

    @Test
    void findsAVpsWithItsLatestOperationAndTheirRevisionInOneRead() {
        Vps vps = store(new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.DELETED, PowerState.DELETING,
                T0, T1, null, null));
        Operation older = Operation.accept(UUID.randomUUID(), vps.id(), OperationKind.PROVISION, fullSpec(), "txn-1", T0);
        Operation latest = Operation.accept(UUID.randomUUID(), vps.id(), OperationKind.UNPROVISION, null, "txn-2", T1);
        Operation sameTickInsertedBefore = Operation.accept(UUID.randomUUID(), vps.id(), OperationKind.STOP, null,
                "txn-3", T1);
        Vps withoutOperations = store(new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.READY,
                PowerState.RUNNING, T0, T1, null, "10.88.0.7"));
        write(repositories -> {
            repositories.operations().insert(sameTickInsertedBefore);
            repositories.operations().insert(latest);
            repositories.operations().insert(older);
        });

        assertThat(revised(vps.id())).contains(new RevisedVps(new VpsWithLatestOperation(vps, Optional.of(latest)), 0, 0));
        assertThat(revised(vps.id()).orElseThrow().revision()).isEqualTo(
                new VpsRevision(vps.id(), vps.instanceId(), Technology.VIRTUAL_MACHINE, null, 0, Optional.of(latest.id()), 0));
        assertThat(revised(withoutOperations.id())).contains(new RevisedVps(
                new VpsWithLatestOperation(withoutOperations, Optional.empty()), 0, 0));
        assertThat(revised(withoutOperations.id()).orElseThrow().revision()).isEqualTo(
                new VpsRevision(withoutOperations.id(), withoutOperations.instanceId(), Technology.VIRTUAL_MACHINE, null, 0,
                        Optional.empty(), 0));
        assertThat(revised(UUID.randomUUID())).isEmpty();
        List<UUID> several = List.of(withoutOperations.id(), UUID.randomUUID(), vps.id());
        List<RevisedVps> together = read(repositories -> repositories.vpses().findRevised(several));
        assertThat(together).containsExactlyInAnyOrder(revised(vps.id()).orElseThrow(),
                revised(withoutOperations.id()).orElseThrow());
        List<RevisedVps> none = read(repositories -> repositories.vpses().findRevised(List.of()));
        assertThat(none).isEmpty();
    }

    private Optional<RevisedVps> revised(UUID vpsId) {
        List<RevisedVps> found = read(repositories -> repositories.vpses().findRevised(List.of(vpsId)));
        assertThat(found).hasSizeLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    @Test
    void everyUpdateOfAVpsOrOfItsLatestOperationRaisesTheirRevisionAndALeaseDoesNot() {
        Vps vps = store(new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.READY, PowerState.RUNNING,
                T0, T1, null, "10.88.0.7"));
        Operation stop = Operation.accept(UUID.randomUUID(), vps.id(), OperationKind.STOP, null, "txn-1", T0);
        write(repositories -> repositories.operations().insert(stop));
        VpsRevision first = revised(vps.id()).orElseThrow().revision();

        write(repositories -> repositories.vpses().update(vps));
        VpsRevision vpsWritten = revised(vps.id()).orElseThrow().revision();
        write(repositories -> repositories.operations().update(stop));
        VpsRevision operationWritten = revised(vps.id()).orElseThrow().revision();
        write(repositories -> {
            repositories.operations().claim(stop.id(), "driver", T0, T1);
            repositories.operations().release(stop.id(), "driver");
        });
        VpsRevision leased = revised(vps.id()).orElseThrow().revision();
        Operation start = Operation.accept(UUID.randomUUID(), vps.id(), OperationKind.START, null, "txn-2", T1);
        write(repositories -> repositories.operations().insert(start));
        VpsRevision newOperation = revised(vps.id()).orElseThrow().revision();

        assertThat(List.of(first.vpsRevision(), vpsWritten.vpsRevision(), operationWritten.vpsRevision()))
                .containsExactly(0L, 1L, 1L);
        assertThat(List.of(first.latestOperationRevision(), vpsWritten.latestOperationRevision(),
                operationWritten.latestOperationRevision())).containsExactly(0L, 0L, 1L);
        assertThat(leased).isEqualTo(operationWritten);
        assertThat(newOperation).isNotEqualTo(leased);
        assertThat(newOperation.latestOperationId()).contains(start.id());
        List<VpsRevision> listed = read(repositories -> repositories.vpses().listNotDeletedRevisions());
        assertThat(listed).containsExactly(newOperation);
    }

    @Test
    void storesAVpsWithEveryOptionalFieldMissing() {
        VpsSpec bare = new VpsSpec(null, null, new Hardware(1, 10, 1, false), Platform.UNSPECIFIED, null, null);
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), bare, Lifecycle.PROVISIONING, PowerState.CREATING, null, null);

        store(vps);

        assertThat(find(vps.id())).isEqualTo(vps);
    }

    @Test
    void keepsInstantsToTheMicrosecondRoundedHalfUp() {
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.READY, PowerState.RUNNING,
                T0.plusNanos(500), T1.plusNanos(499));

        store(vps);

        assertThat(find(vps.id()).createdAt()).isEqualTo(T0.plusNanos(1000));
        assertThat(find(vps.id()).modifiedAt()).isEqualTo(T1);
    }

    @Test
    void findsNothingUnderAnUnknownId() {
        storedVps();

        assertThat(findVps(UUID.randomUUID())).isEmpty();
        assertThat(lock(UUID.randomUUID())).isEmpty();
    }

    @Test
    void lockingAVpsReadsItAsStored() {
        Vps vps = storedVps();

        assertThat(lock(vps.id())).contains(vps);
    }

    @Test
    void updatesAVps() {
        Vps vps = storedVps();
        Vps ready = vps.completed(OperationKind.PROVISION, vps.spec(), PowerState.STOPPED, T1);

        write(repositories -> repositories.vpses().update(ready));

        assertThat(find(vps.id())).isEqualTo(ready);
    }

    @Test
    void refusesToUpdateAMissingVps() {
        Vps never = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);

        assertThatThrownBy(() -> write(repositories -> repositories.vpses().update(never)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(findVps(never.id())).isEmpty();
    }

    @Test
    void keepsTheLoginAndTheAddressAcrossUpdates() {
        Vps vps = store(new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec().withLogin(Login.NONE), Lifecycle.READY,
                PowerState.RUNNING, T0, T1));
        assertThat(find(vps.id()).spec().login()).isEqualTo(Login.NONE);
        assertThat(find(vps.id()).ipv4()).isNull();

        Vps keysOnly = new Vps(vps.id(), vps.instanceId(), vps.spec().withLogin(new Login(LOGIN.sshKeys().subList(0, 1), null)),
                vps.lifecycle(), vps.state(), T0, T1, null, "192.168.122.40");
        write(repositories -> repositories.vpses().update(keysOnly));

        assertThat(find(vps.id())).isEqualTo(keysOnly);

        Vps stopped = keysOnly.observed(PowerState.STOPPED, T1).seenAt(null);
        write(repositories -> repositories.vpses().update(stopped));

        assertThat(find(vps.id()).ipv4()).isNull();
    }

    @Test
    void keepsASuspensionAndThePowerStateToBringBack() {
        Vps running = store(new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.READY, PowerState.RUNNING, T0, T0));
        Vps suspended = running.accept(OperationKind.DISABLE, null, T1).completed(OperationKind.DISABLE, null, PowerState.STOPPED, T1);

        write(repositories -> repositories.vpses().update(suspended));

        assertThat(find(running.id())).isEqualTo(suspended);
        assertThat(find(running.id()).resumeTo()).isEqualTo(PowerState.RUNNING);

        Vps enabled = suspended.accept(OperationKind.ENABLE, null, T1).completed(OperationKind.ENABLE, null, PowerState.RUNNING, T1);
        write(repositories -> repositories.vpses().update(enabled));

        assertThat(find(running.id())).isEqualTo(enabled);
        assertThat(find(running.id()).suspended()).isFalse();
    }

    @Test
    void theHostOfAVpsIsStoredAndChangedWithIt() {
        Vps placed = store(vps(false, 2, 1, null, Lifecycle.PROVISIONING).placedOn("engine-a"));
        assertThat(find(placed.id()).host()).isEqualTo("engine-a");

        Vps moved = placed.placedOn("engine-b");
        write(repositories -> repositories.vpses().update(moved));

        assertThat(find(placed.id()).host()).isEqualTo("engine-b");
        assertThat(find(store(vps(false, 1, 1, null, Lifecycle.READY)).id()).host()).as("stored before hosts were named").isNull();
    }

    @Test
    void listsTheVpsesOfOneInstanceInTheOrderTheyWereCreatedThenByIdAndThoseWithoutACreationTimeLast() {
        UUID instanceId = UUID.randomUUID();
        Vps first = Vps.provisioning(LOW_ID, instanceId, fullSpec(), T0);
        Vps sameTick = Vps.provisioning(HIGH_ID, instanceId, fullSpec(), T0);
        Vps second = Vps.provisioning(UUID.randomUUID(), instanceId, fullSpec(), T1);
        Vps undated = new Vps(UUID.randomUUID(), instanceId, fullSpec(), Lifecycle.READY, PowerState.RUNNING, null, null);
        Vps elsewhere = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);
        write(repositories -> {
            repositories.vpses().insert(undated);
            repositories.vpses().insert(second);
            repositories.vpses().insert(elsewhere);
            repositories.vpses().insert(sameTick);
            repositories.vpses().insert(first);
        });

        assertThat(listByInstance(instanceId)).containsExactly(first, sameTick, second, undated);
        assertThat(listByInstance(UUID.randomUUID())).isEmpty();
    }

    @Test
    void listsTheRevisionOfEveryVpsButTheDeletedOnesInTheOrderTheyWereCreated() {
        Vps building = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);
        Vps failed = building.failed(OperationKind.PROVISION, PowerState.ERROR, T1);
        Vps ready = new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.READY, PowerState.RUNNING, T1, T1);
        Vps deleted = new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.DELETED, PowerState.DELETING, T0, T1);
        Operation provision = Operation.accept(UUID.randomUUID(), failed.id(), OperationKind.PROVISION, fullSpec(), "txn-1", T0);
        Operation sameTickInsertedBefore = Operation.accept(UUID.randomUUID(), ready.id(), OperationKind.STOP, null, "txn-2", T1);
        Operation latestOfReady = Operation.accept(UUID.randomUUID(), ready.id(), OperationKind.START, null, "txn-3", T1);
        Operation olderOfReady = Operation.accept(UUID.randomUUID(), ready.id(), OperationKind.PROVISION, fullSpec(), "txn-4", T0);
        write(repositories -> {
            repositories.vpses().insert(ready);
            repositories.vpses().insert(deleted);
            repositories.vpses().insert(failed);
            repositories.operations().insert(provision);
            repositories.operations().insert(sameTickInsertedBefore);
            repositories.operations().insert(latestOfReady);
            repositories.operations().insert(olderOfReady);
        });
        Vps container = new Vps(UUID.randomUUID(), UUID.randomUUID(), spec(false, 1, 1, null), Lifecycle.READY,
                PowerState.RUNNING, T1.plusSeconds(1), T1.plusSeconds(1), null, "10.88.0.8").placedOn("docker-2");
        store(container);

        List<VpsRevision> notDeleted = read(repositories -> repositories.vpses().listNotDeletedRevisions());

        assertThat(notDeleted).containsExactly(
                new VpsRevision(failed.id(), failed.instanceId(), Technology.VIRTUAL_MACHINE, null, 0,
                        Optional.of(provision.id()), 0),
                new VpsRevision(ready.id(), ready.instanceId(), Technology.VIRTUAL_MACHINE, null, 0,
                        Optional.of(latestOfReady.id()), 0),
                new VpsRevision(container.id(), container.instanceId(), Technology.CONTAINER, "docker-2", 0, Optional.empty(), 0));
        assertThat(notDeleted).containsExactlyElementsOf(Stream.of(failed, ready, container)
                .map(vps -> revised(vps.id()).orElseThrow().revision()).toList());
    }

    @Test
    void listsTheVpsesThatMayHaveAServerPageByPageInTheDatabasesOrderOfIds() {
        Vps high = store(new Vps(HIGH_ID, UUID.randomUUID(), fullSpec(), Lifecycle.READY, PowerState.RUNNING, T0, T1, null, null));
        Vps low = store(new Vps(LOW_ID, UUID.randomUUID(), fullSpec(), Lifecycle.FAILED, PowerState.ERROR, T1, T1, null, null));
        store(new Vps(UUID.fromString("7fffffff-0000-4000-8000-000000000002"), UUID.randomUUID(), fullSpec(), Lifecycle.DELETED,
                PowerState.STOPPED, T0, T1, null, null));
        Vps last = store(new Vps(UUID.fromString("ffffffff-0000-4000-8000-000000000001"), UUID.randomUUID(), fullSpec(),
                Lifecycle.PROVISIONING, PowerState.CREATING, T0, T1, null, null));

        assertThat(page(null, 2)).containsExactly(low, high);
        assertThat(page(HIGH_ID, 2)).containsExactly(last);
        assertThat(page(last.id(), 2)).isEmpty();
        assertThat(page(LOW_ID, 10)).containsExactly(high, last);
    }

    private List<Vps> page(UUID after, int limit) {
        return read(repositories -> repositories.vpses().listNotDeletedAfter(after, limit));
    }

    @Test
    void anOperatorListsVpsesByInstanceStateAndHostWithUnplacedOnesOnTheFirstHost() {
        UUID instance = UUID.randomUUID();
        Vps onA = store(of(instance, vps(false, 1, 1, null, Lifecycle.READY).placedOn("engine-a"), PowerState.RUNNING));
        Vps onB = store(of(instance, vps(false, 1, 1, null, Lifecycle.READY).placedOn("engine-b"), PowerState.STOPPED));
        Vps unplaced = store(of(instance, vps(false, 1, 1, null, Lifecycle.READY), PowerState.RUNNING));
        Vps vmOnA = store(of(instance, vps(true, 1, 1, null, Lifecycle.READY).placedOn("engine-a"), PowerState.RUNNING));
        store(of(instance, vps(false, 1, 1, null, Lifecycle.DELETED).placedOn("engine-a"), PowerState.RUNNING));
        Vps ofAnotherInstance = store(of(UUID.randomUUID(), vps(false, 1, 1, null, Lifecycle.READY).placedOn("engine-a"),
                PowerState.RUNNING));

        assertThat(list(new VpsFilter(instance, null, null, null, false, 100))).extracting(Vps::id)
                .containsExactlyInAnyOrder(onA.id(), onB.id(), unplaced.id(), vmOnA.id());
        assertThat(list(new VpsFilter(instance, PowerState.STOPPED, null, null, false, 100))).extracting(Vps::id)
                .containsExactly(onB.id());
        assertThat(list(new VpsFilter(instance, null, "engine-a", Technology.CONTAINER, true, 100))).extracting(Vps::id)
                .containsExactlyInAnyOrder(onA.id(), unplaced.id());
        assertThat(list(new VpsFilter(instance, null, "engine-b", Technology.CONTAINER, false, 100))).extracting(Vps::id)
                .containsExactly(onB.id());
        assertThat(list(new VpsFilter(null, null, "engine-a", Technology.VIRTUAL_MACHINE, false, 100))).extracting(Vps::id)
                .containsExactly(vmOnA.id());
        assertThat(list(new VpsFilter(null, null, "engine-a", Technology.CONTAINER, false, 100))).extracting(Vps::id)
                .containsExactlyInAnyOrder(onA.id(), ofAnotherInstance.id());
        assertThat(list(new VpsFilter(instance, null, null, null, false, 2))).hasSize(2);
    }

    @Test
    void anOperatorSeesTheMostRecentlyChangedVpsesFirstThenByIdAndThoseNeverChangedLast() {
        UUID instance = UUID.randomUUID();
        Vps neverChanged = store(changedAt(UUID.randomUUID(), instance, null));
        Vps older = store(changedAt(UUID.randomUUID(), instance, T0));
        Vps highInTheSameTick = store(changedAt(HIGH_ID, instance, T1));
        Vps lowInTheSameTick = store(changedAt(LOW_ID, instance, T1));

        assertThat(list(new VpsFilter(instance, null, null, null, false, 100)))
                .containsExactly(lowInTheSameTick, highInTheSameTick, older, neverChanged);
        assertThat(list(new VpsFilter(instance, null, null, null, false, 1))).containsExactly(lowInTheSameTick);
    }

    @Test
    void theLoadOfEachHostCountsLiveVpsesOfItsTechnologyAndTheSubscriptionApart() {
        UUID subscription = UUID.randomUUID();
        store(vps(false, 2, 1, subscription, Lifecycle.READY).placedOn("engine-a"));
        store(vps(false, 4, 2, null, Lifecycle.PROVISIONING).placedOn("engine-a"));
        store(vps(false, 8, 4, subscription, Lifecycle.READY).placedOn("engine-b"));
        store(vps(false, 16, 8, subscription, Lifecycle.DELETED).placedOn("engine-b"));
        store(vps(false, 16, 8, subscription, Lifecycle.FAILED).placedOn("engine-b"));
        store(vps(true, 32, 16, subscription, Lifecycle.READY).placedOn("engine-b"));
        store(vps(false, 1, 1, subscription, Lifecycle.READY));

        List<HostLoad> loads = read(repositories -> repositories.vpses().loadByHost(Technology.CONTAINER, subscription));
        assertThat(loads)
                .extracting(HostLoad::host, HostLoad::vpses, HostLoad::memoryGb, HostLoad::cpus, HostLoad::ofSubscription)
                .containsExactlyInAnyOrder(tuple("engine-a", 2, 6L, 3L, 1), tuple("engine-b", 1, 8L, 4L, 1),
                        tuple(null, 1, 1L, 1L, 1));

        List<HostLoad> withoutSubscription = read(repositories -> repositories.vpses().loadByHost(Technology.CONTAINER, null));
        assertThat(withoutSubscription).extracting(HostLoad::ofSubscription).containsOnly(0);
        List<HostLoad> vms = read(repositories -> repositories.vpses().loadByHost(Technology.VIRTUAL_MACHINE, subscription));
        assertThat(vms).containsExactly(new HostLoad("engine-b", 1, 32, 16, 1));
    }

    @Test
    void theLoadsFollowEachVpsThroughDeletionFailureResizingAndAMoveAndBack() {
        Vps deleted = store(vps(false, 2, 1, null, Lifecycle.READY).placedOn("engine-a"));
        Vps resized = store(vps(false, 4, 2, null, Lifecycle.PROVISIONING).placedOn("engine-a"));
        Vps failed = store(vps(false, 8, 4, null, Lifecycle.READY).placedOn("engine-b"));
        Vps moved = store(vps(false, 1, 1, null, Lifecycle.READY));
        Vps revived = store(vps(false, 3, 3, null, Lifecycle.FAILED).placedOn("engine-b"));
        Vps completed = store(vps(false, 5, 5, null, Lifecycle.PROVISIONING).placedOn("engine-b"));

        write(repositories -> {
            repositories.vpses().update(changed(deleted, deleted.spec(), Lifecycle.DELETED, deleted.host()));
            repositories.vpses().update(changed(resized, spec(false, 16, 8, null), Lifecycle.PROVISIONING, resized.host()));
            repositories.vpses().update(changed(failed, failed.spec(), Lifecycle.FAILED, failed.host()));
            repositories.vpses().update(changed(moved, moved.spec(), Lifecycle.READY, "engine-b"));
            repositories.vpses().update(changed(revived, revived.spec(), Lifecycle.READY, revived.host()));
            repositories.vpses().update(changed(completed, completed.spec(), Lifecycle.READY, completed.host()));
        });

        assertThat(containerLoads())
                .containsExactlyInAnyOrder(new HostLoad("engine-a", 1, 16, 8, 0), new HostLoad("engine-b", 3, 9, 9, 0));

        write(repositories -> {
            repositories.vpses().update(changed(moved, moved.spec(), Lifecycle.READY, null));
            repositories.vpses().update(changed(resized, resized.spec(), Lifecycle.DELETED, resized.host()));
        });

        assertThat(containerLoads())
                .as("a host whose VPSes are all gone has no load to list")
                .containsExactlyInAnyOrder(new HostLoad(null, 1, 1, 1, 0), new HostLoad("engine-b", 2, 8, 8, 0));
    }

    @Test
    void aTransactionRolledBackLeavesTheLoadsAsTheyWere() {
        Vps kept = store(vps(true, 2, 1, null, Lifecycle.READY).placedOn("kvm-a"));

        assertThatThrownBy(() -> write(repositories -> {
            repositories.vpses().insert(vps(true, 4, 2, null, Lifecycle.PROVISIONING).placedOn("kvm-a"));
            repositories.vpses().update(changed(kept, kept.spec(), Lifecycle.DELETED, kept.host()));
            throw new IllegalStateException("the backend refused");
        })).hasMessage("the backend refused");

        List<HostLoad> loads = read(repositories -> repositories.vpses().loadByHost(Technology.VIRTUAL_MACHINE, null));
        assertThat(loads).containsExactly(new HostLoad("kvm-a", 1, 2, 1, 0));
    }

    private List<HostLoad> containerLoads() {
        return read(repositories -> repositories.vpses().loadByHost(Technology.CONTAINER, null));
    }

    private static Vps changed(Vps vps, VpsSpec spec, Lifecycle lifecycle, String host) {
        return new Vps(vps.id(), vps.instanceId(), spec, lifecycle, vps.state(), vps.createdAt(), T1, null, null, host);
    }

    @Test
    void aHostNamedNullIsNotWhereTheVpsesStoredBeforeHostsWereNamedAre() {
        store(vps(false, 2, 1, null, Lifecycle.READY).placedOn("null"));
        store(vps(false, 4, 2, null, Lifecycle.READY));

        List<HostLoad> loads = read(repositories -> repositories.vpses().loadByHost(Technology.CONTAINER, null));

        assertThat(loads).containsExactlyInAnyOrder(new HostLoad("null", 1, 2, 1, 0), new HostLoad(null, 1, 4, 2, 0));
    }

    @Test
    void placementsOfOneTechnologyFollowEachOtherSoTheSecondCountsTheFirstsVps() throws Exception {
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = threads.submit(() -> transactions.inTransaction(repositories -> {
                repositories.vpses().lockPlacement(Technology.CONTAINER);
                firstHoldsTheLock.countDown();
                sleep(300);
                repositories.vpses().insert(vps(false, 3, 1, null, Lifecycle.PROVISIONING).placedOn("engine-a"));
                return null;
            }));
            assertThat(firstHoldsTheLock.await(10, TimeUnit.SECONDS)).isTrue();
            Future<List<HostLoad>> second = threads.submit(() -> transactions.inTransaction(repositories -> {
                repositories.vpses().lockPlacement(Technology.CONTAINER);
                return repositories.vpses().loadByHost(Technology.CONTAINER, null);
            }));

            first.get(20, TimeUnit.SECONDS);
            assertThat(second.get(20, TimeUnit.SECONDS))
                    .as("the second placement read the loads after the first one's VPS was stored")
                    .containsExactly(new HostLoad("engine-a", 1, 3, 1, 0));
        } finally {
            threads.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Vps find(UUID id) {
        return findVps(id).orElseThrow();
    }

    private Optional<Vps> lock(UUID id) {
        return read(repositories -> repositories.vpses().lock(id));
    }

    private List<Vps> listByInstance(UUID instanceId) {
        return read(repositories -> repositories.vpses().listByInstance(instanceId));
    }

    private List<Vps> list(VpsFilter filter) {
        return read(repositories -> repositories.vpses().list(filter));
    }

    private static Vps of(UUID instance, Vps vps, PowerState state) {
        return new Vps(vps.id(), instance, vps.spec(), vps.lifecycle(), state, vps.createdAt(), vps.modifiedAt(),
                vps.resumeTo(), vps.ipv4(), vps.host());
    }

    private static Vps changedAt(UUID id, UUID instance, Instant modifiedAt) {
        return new Vps(id, instance, spec(false, 1, 1, null), Lifecycle.READY, PowerState.RUNNING, T0, modifiedAt);
    }
}
