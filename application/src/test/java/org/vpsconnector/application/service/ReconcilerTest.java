package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.vpsconnector.application.port.in.ReconcileMode.APPLY;
import static org.vpsconnector.application.port.in.ReconcileMode.DRY_RUN;
import static org.vpsconnector.application.port.in.ReconcileMode.SAFE_REPAIRS;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.ASYNC;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.port.in.ReconcileReport;
import org.vpsconnector.application.port.in.ReconcileReport.Entry;
import org.vpsconnector.application.port.in.ReconcileReport.Outcome;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

class ReconcilerTest {
    private final World world = new World();
    private final Reconciler reconciler = new Reconciler(world.db, Fleet.of(world.containers, world.hypervisor), world.clock,
            world.controllerUpdates);
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    @Nested
    class Orphans {
        @Test
        void theServerAFailedRollbackLeftIsReportedByADryRunAndRemovedByThePeriodicPass() {
            world.containers.failNext(Call.START, 1, false).failNext(Call.DESTROY, 1, true);
            world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
            assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);

            ReconcileReport dryRun = reconciler.reconcile(DRY_RUN);

            assertThat(dryRun.orphans()).singleElement().satisfies(orphan -> {
                assertThat(orphan.vpsId()).isEqualTo(vpsId);
                assertThat(orphan.technology()).isEqualTo(Technology.CONTAINER);
                assertThat(orphan.expected()).isEqualTo("no server: the provision of the VPS failed");
                assertThat(orphan.found()).isEqualTo("Stopped server");
                assertThat(orphan.action()).isEqualTo("destroy the server");
                assertThat(orphan.outcome()).isEqualTo(Outcome.REPORTED);
            });
            assertThat(world.containers.serverIds()).containsExactly(vpsId);

            ReconcileReport periodic = reconciler.reconcile(SAFE_REPAIRS);

            assertThat(periodic.orphans()).extracting(Entry::outcome).containsExactly(Outcome.REPAIRED);
            assertThat(world.containers.serverIds()).isEmpty();
            assertThat(world.storedVps(vpsId).lifecycle()).as("the controller may still provision it again").isEqualTo(Lifecycle.FAILED);
            assertThat(reconciler.reconcile(DRY_RUN).orphans()).isEmpty();
        }

        @Test
        void aServerThatCameBackForADeletedVpsIsRemovedOnlyWhenAsked() {
            world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
            world.requests.unprovision(command(instanceId, vpsId, SYNC));
            world.containers.create(serverSpec(vpsId, CONTAINER_SPEC));

            assertThat(reconciler.reconcile(DRY_RUN).orphans()).extracting(Entry::vpsId, Entry::expected, Entry::outcome)
                    .containsExactly(tuple(vpsId, "no server: the VPS is deleted", Outcome.REPORTED));
            assertThat(world.containers.serverIds()).containsExactly(vpsId);

            assertThat(reconciler.reconcile(APPLY).orphans()).extracting(Entry::outcome).containsExactly(Outcome.REPAIRED);
            assertThat(world.containers.serverIds()).isEmpty();
        }

        @Test
        void aServerOfAnIdTheDatabaseDoesNotKnowIsRemovedByApplyButNeverByThePeriodicPass() {
            UUID unknown = UUID.randomUUID();
            world.hypervisor.create(serverSpec(unknown, VM_SPEC));

            ReconcileReport periodic = reconciler.reconcile(SAFE_REPAIRS);

            assertThat(periodic.orphans()).singleElement().satisfies(orphan -> {
                assertThat(orphan.vpsId()).isEqualTo(unknown);
                assertThat(orphan.technology()).isEqualTo(Technology.VIRTUAL_MACHINE);
                assertThat(orphan.expected()).isEqualTo("no server: no VPS has this id");
                assertThat(orphan.action()).isEqualTo("destroy the server");
                assertThat(orphan.outcome()).isEqualTo(Outcome.REPORTED);
            });
            assertThat(world.hypervisor.serverIds()).containsExactly(unknown);

            assertThat(reconciler.reconcile(APPLY).orphans()).extracting(Entry::outcome).containsExactly(Outcome.REPAIRED);
            assertThat(world.hypervisor.serverIds()).isEmpty();
        }

        @Test
        void theServerAnInFlightProvisionBuildsIsNoOrphan() {
            world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
            world.driveDue();
            Vps building = world.storedVps(vpsId);
            assertThat(world.hypervisor.server(vpsId).orElseThrow().running()).isTrue();

            ReconcileReport report = reconciler.reconcile(APPLY);

            assertThat(report.orphans()).isEmpty();
            assertThat(report.missingServers()).isEmpty();
            assertThat(report.powerStateDrift()).isEmpty();
            assertThat(world.storedVps(vpsId)).isEqualTo(building);
            assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
        }

        @Test
        void aLeftoverOfAFailedVpsWhoseProvisionWasRequestedAgainIsNeverTouched() {
            leaveAFailedVmWithItsServer();
            world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));

            ReconcileReport report = reconciler.reconcile(APPLY);

            assertThat(report.orphans()).isEmpty();
            assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
            assertThat(world.hypervisor.calls(Call.DESTROY, vpsId)).isEqualTo(1);
        }

        @Test
        void aLeftoverIsNotDestroyedWhenAProvisionIsAdmittedWhileItIsJudged() {
            leaveAFailedVmWithItsServer();
            // The controller provisions the VPS again while reconcile takes its second look at the server.
            world.hypervisor.afterNext(Call.INSPECT, id -> world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC)));

            ReconcileReport report = reconciler.reconcile(APPLY);

            assertThat(report.orphans()).extracting(Entry::outcome).containsExactly(Outcome.CHANGED_MEANWHILE);
            assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
            assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.PROVISIONING);
        }

        @Test
        void aServerOfAVpsOfTheOtherTechnologyIsLeftToAnOperator() {
            world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
            world.hypervisor.create(serverSpec(vpsId, VM_SPEC));

            ReconcileReport periodic = reconciler.reconcile(SAFE_REPAIRS);

            assertThat(periodic.orphans()).extracting(Entry::technology, Entry::outcome)
                    .containsExactly(tuple(Technology.VIRTUAL_MACHINE, Outcome.REPORTED));
            assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
            assertThat(world.containers.serverIds()).containsExactly(vpsId);
        }

        private void leaveAFailedVmWithItsServer() {
            world.hypervisor.failNext(Call.START, 1, false).failNext(Call.DESTROY, 1, true);
            world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
            world.driveDue();
            assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);
            assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);
        }
    }

    @Nested
    class MissingServers {
        @Test
        void aPassOverMoreVpsesThanItReadsAtOnceJudgesEachOfThem() {
            List<UUID> vpsIds = new ArrayList<>();
            for (int i = 0; i < 1_201; i++) {
                UUID id = UUID.randomUUID();
                world.requests.provision(provision(instanceId, id, SYNC, CONTAINER_SPEC));
                vpsIds.add(id);
            }
            List<UUID> gone = List.of(vpsIds.get(0), vpsIds.get(600), vpsIds.get(1_200));
            gone.forEach(world.containers::destroy);
            UUID unknown = UUID.randomUUID();
            world.containers.create(serverSpec(unknown, CONTAINER_SPEC));

            ReconcileReport report = reconciler.reconcile(DRY_RUN);

            assertThat(report.missingServers()).extracting(Entry::vpsId).containsExactlyInAnyOrderElementsOf(gone);
            assertThat(report.orphans()).extracting(Entry::vpsId).containsExactly(unknown);
            assertThat(report.powerStateDrift()).isEmpty();
            assertThat(report.problems()).isEmpty();
        }

        @Test
        void aReportListsTheFirstThousandFindingsOfAKindAndCountsThemAllWhileApplyRepairsThemAll() {
            int orphans = ReconcileReport.ENTRIES_LISTED + 5;
            for (int i = 0; i < orphans; i++) {
                world.containers.create(serverSpec(UUID.randomUUID(), CONTAINER_SPEC));
            }

            ReconcileReport dryRun = reconciler.reconcile(DRY_RUN);
            ReconcileReport applied = reconciler.reconcile(APPLY);

            assertThat(dryRun.counts()).isEqualTo(new ReconcileReport.Counts(orphans, 0, 0, 0));
            assertThat(dryRun.orphans()).hasSize(ReconcileReport.ENTRIES_LISTED).allMatch(entry -> entry.outcome() == Outcome.REPORTED);
            assertThat(applied.counts().orphans()).isEqualTo(orphans);
            assertThat(applied.orphans()).hasSize(ReconcileReport.ENTRIES_LISTED).allMatch(entry -> entry.outcome() == Outcome.REPAIRED);
            assertThat(world.containers.serverIds()).isEmpty();
            assertThat(reconciler.reconcile(DRY_RUN).counts()).isEqualTo(new ReconcileReport.Counts(0, 0, 0, 0));
        }

        @Test
        void aDryRunAndThePeriodicPassOnlyReportAServerThatIsGone() {
            world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
            world.containers.destroy(vpsId);
            Vps before = world.storedVps(vpsId);
            int created = world.containers.serversCreated();
            long starts = world.containers.calls(Call.START);

            for (ReconcileReport report : List.of(reconciler.reconcile(DRY_RUN), reconciler.reconcile(SAFE_REPAIRS))) {
                assertThat(report.missingServers()).singleElement().satisfies(missing -> {
                    assertThat(missing.vpsId()).isEqualTo(vpsId);
                    assertThat(missing.technology()).isEqualTo(Technology.CONTAINER);
                    assertThat(missing.expected()).isEqualTo("a server (the VPS is aps:ready, Running)");
                    assertThat(missing.found()).isEqualTo("no server");
                    assertThat(missing.action()).isEqualTo("record state Error");
                    assertThat(missing.outcome()).isEqualTo(Outcome.REPORTED);
                });
            }
            assertThat(world.storedVps(vpsId)).isEqualTo(before);
            assertThat(world.containers.serversCreated()).isEqualTo(created);
            assertThat(world.containers.calls(Call.START)).isEqualTo(starts);
        }

        @Test
        void applyRecordsTheVpsAsErrorAndNeverBuildsABlankServerInItsPlace() {
            world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
            world.containers.destroy(vpsId);
            world.clock.advance(Duration.ofMinutes(3));
            int created = world.containers.serversCreated();

            ReconcileReport applied = reconciler.reconcile(APPLY);

            assertThat(applied.missingServers()).extracting(Entry::outcome).containsExactly(Outcome.REPAIRED);
            Vps vps = world.storedVps(vpsId);
            assertThat(vps.state()).isEqualTo(PowerState.ERROR);
            assertThat(vps.lifecycle()).isEqualTo(Lifecycle.READY);
            assertThat(vps.modifiedAt()).isEqualTo(world.clock.instant());
            assertThat(world.containers.serversCreated()).isEqualTo(created);
            assertThat(world.containers.serverIds()).isEmpty();
            assertThat(lastTransitionOf(vpsId).info()).contains("Reconcile recorded state Error");
            world.assertEveryStatusChangeIsLogged();

            ReconcileReport again = reconciler.reconcile(APPLY);

            assertThat(again.missingServers()).singleElement().satisfies(missing -> {
                assertThat(missing.action()).startsWith("nothing");
                assertThat(missing.outcome()).isEqualTo(Outcome.REPORTED);
            });
        }

        @Test
        void aVpsWhoseOperationIsUnderWayIsNotMissing() {
            world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));

            ReconcileReport report = reconciler.reconcile(APPLY);

            assertThat(report.missingServers()).isEmpty();
            assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.CREATING);
        }

        @Test
        void aVmUnprovisionedWhileTheContainersAreListedIsNotMissing() {
            provisionReadyVm();
            world.containers.afterNext(Call.LIST, ignored -> {
                world.requests.unprovision(command(instanceId, vpsId, SYNC));
                world.driveDue();
            });

            ReconcileReport report = reconciler.reconcile(APPLY);

            assertThat(report.missingServers()).isEmpty();
            assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.DELETED);
        }

        @Test
        void noVpsIsCalledMissingFromABackendThatCouldNotBeListed() {
            world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
            world.containers.failNext(Call.LIST, 1, true);

            ReconcileReport report = reconciler.reconcile(APPLY);

            assertThat(report.missingServers()).isEmpty();
            assertThat(report.problems()).singleElement().asString().contains("container host containers", "none of them was judged");
        }
    }

    @Nested
    class PowerStateDrift {
        @Test
        void aServerStoppedBehindTheConnectorsBackIsReportedThenRecordedByThePeriodicPass() {
            world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
            world.clock.advance(Duration.ofMinutes(5));
            world.containers.stop(vpsId);
            Vps before = world.storedVps(vpsId);

            ReconcileReport dryRun = reconciler.reconcile(DRY_RUN);

            assertThat(dryRun.powerStateDrift()).singleElement().satisfies(drift -> {
                assertThat(drift.vpsId()).isEqualTo(vpsId);
                assertThat(drift.expected()).isEqualTo("Running");
                assertThat(drift.found()).isEqualTo("Stopped");
                assertThat(drift.action()).isEqualTo("record state Stopped");
                assertThat(drift.outcome()).isEqualTo(Outcome.REPORTED);
            });
            assertThat(world.storedVps(vpsId)).isEqualTo(before);

            ReconcileReport periodic = reconciler.reconcile(SAFE_REPAIRS);

            assertThat(periodic.powerStateDrift()).extracting(Entry::outcome).containsExactly(Outcome.REPAIRED);
            Vps vps = world.storedVps(vpsId);
            assertThat(vps.state()).isEqualTo(PowerState.STOPPED);
            assertThat(vps.lifecycle()).isEqualTo(Lifecycle.READY);
            assertThat(vps.modifiedAt()).isEqualTo(world.clock.instant());
            assertThat(world.containers.server(vpsId).orElseThrow().running()).as("nothing was started").isFalse();
            OperationTransition recorded = lastTransitionOf(vpsId);
            assertThat(recorded.info()).isEqualTo("Reconcile recorded state Stopped: expected Running, the backend showed Stopped");
            assertThat(recorded.from()).isEqualTo(recorded.to());
            assertThat(recorded.at()).isEqualTo(world.clock.instant());
            world.assertEveryStatusChangeIsLogged();
            assertThat(reconciler.reconcile(DRY_RUN).powerStateDrift()).isEmpty();
        }

        @Test
        void aRecordedStateIsNotAnOperationOfItsOwn() {
            world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
            world.containers.stop(vpsId);

            reconciler.reconcile(APPLY);

            // A late poll of the provision still finds the provision as the VPS's newest operation.
            assertThat(world.db.operationsOf(vpsId)).hasSize(1);
            assertThat(world.requests.provision(provision(instanceId, vpsId, ASYNC, CONTAINER_SPEC)).outcome()).isEqualTo(VpsAnswer.Outcome.DONE);
        }

        @Test
        void aServerStartedByTheControllerWhileTheBackendIsListedIsNoDrift() {
            world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
            world.requests.stop(command(instanceId, vpsId, SYNC));
            // The listing shows the server stopped; the controller's start runs before reconcile reads the VPS again.
            world.containers.afterNext(Call.LIST, ignored -> world.requests.start(command(instanceId, vpsId, SYNC)));

            ReconcileReport report = reconciler.reconcile(APPLY);

            assertThat(report.powerStateDrift()).isEmpty();
            assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.RUNNING);
            assertThat(world.containers.server(vpsId).orElseThrow().running()).isTrue();
        }

        @Test
        void aVpsWhoseStopIsUnderWayIsLeftToIt() {
            provisionReadyVm();
            world.requests.stop(command(instanceId, vpsId, SYNC));
            world.hypervisor.stop(vpsId);
            Vps stopping = world.storedVps(vpsId);

            ReconcileReport report = reconciler.reconcile(APPLY);

            assertThat(report.powerStateDrift()).isEmpty();
            assertThat(world.storedVps(vpsId)).isEqualTo(stopping);
        }
    }

    @Test
    void thePeriodicPassRepairsOnlyWhatIsSafeAndNeverStartsOrCreatesAnything() {
        UUID deleted = containerVps();
        world.requests.unprovision(command(instanceId, deleted, SYNC));
        world.containers.create(serverSpec(deleted, CONTAINER_SPEC));
        UUID unknown = UUID.randomUUID();
        world.containers.create(serverSpec(unknown, CONTAINER_SPEC));
        UUID gone = containerVps();
        world.containers.destroy(gone);
        UUID stopped = containerVps();
        world.containers.stop(stopped);
        UUID building = UUID.randomUUID();
        world.requests.provision(provision(instanceId, building, SYNC, VM_SPEC));
        Vps goneBefore = world.storedVps(gone);
        int created = world.containers.serversCreated() + world.hypervisor.serversCreated();
        long starts = world.containers.calls(Call.START) + world.hypervisor.calls(Call.START);

        ReconcileReport report = reconciler.reconcile(SAFE_REPAIRS);

        assertThat(report.orphans()).extracting(Entry::vpsId, Entry::outcome).containsExactlyInAnyOrder(
                tuple(deleted, Outcome.REPAIRED),
                tuple(unknown, Outcome.REPORTED));
        assertThat(report.missingServers()).extracting(Entry::vpsId, Entry::outcome)
                .containsExactly(tuple(gone, Outcome.REPORTED));
        assertThat(report.powerStateDrift()).extracting(Entry::vpsId, Entry::outcome)
                .containsExactly(tuple(stopped, Outcome.REPAIRED));
        assertThat(report.problems()).isEmpty();
        assertThat(world.containers.serverIds()).containsExactlyInAnyOrder(unknown, stopped);
        assertThat(world.storedVps(gone)).isEqualTo(goneBefore);
        assertThat(world.storedVps(building).lifecycle()).isEqualTo(Lifecycle.PROVISIONING);
        assertThat(world.containers.serversCreated() + world.hypervisor.serversCreated()).isEqualTo(created);
        assertThat(world.containers.calls(Call.START) + world.hypervisor.calls(Call.START)).isEqualTo(starts);
    }

    @Test
    void applyForOneVpsRepairsThatOneAndReportsTheRest() {
        UUID stopped = containerVps();
        world.containers.stop(stopped);
        UUID unknown = UUID.randomUUID();
        world.containers.create(serverSpec(unknown, CONTAINER_SPEC));

        ReconcileReport report = reconciler.reconcile(APPLY, Optional.of(unknown));

        assertThat(report.orphans()).extracting(Entry::outcome).containsExactly(Outcome.REPAIRED);
        assertThat(report.powerStateDrift()).extracting(Entry::outcome).containsExactly(Outcome.REPORTED);
        assertThat(world.storedVps(stopped).state()).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void aRepairThatFailsIsReportedAndTheRestGoesOn() {
        UUID unknown = UUID.randomUUID();
        world.containers.create(serverSpec(unknown, CONTAINER_SPEC));
        UUID stopped = containerVps();
        world.containers.stop(stopped);
        world.containers.failNext(Call.DESTROY, 1, true);

        ReconcileReport report = reconciler.reconcile(APPLY);

        assertThat(report.orphans()).extracting(Entry::outcome).containsExactly(Outcome.REPAIR_FAILED);
        assertThat(report.problems()).singleElement().asString().contains(unknown.toString(), "destroy the server failed");
        assertThat(report.powerStateDrift()).extracting(Entry::outcome).containsExactly(Outcome.REPAIRED);
        assertThat(world.containers.serverIds()).contains(unknown);
    }

    @Test
    void anUnreachableBackendIsReportedAndTheOtherIsStillReconciled() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.containers.stop(vpsId);
        world.hypervisor.failNext(Call.LIST, 1, true);

        ReconcileReport report = reconciler.reconcile(SAFE_REPAIRS);

        assertThat(report.problems()).singleElement().asString().contains("hypervisor host hypervisor");
        assertThat(report.powerStateDrift()).extracting(Entry::vpsId).containsExactly(vpsId);
    }

    @Test
    void aVpsWhoseServerAgreesIsNotReported() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        Vps before = world.storedVps(vpsId);

        ReconcileReport report = reconciler.reconcile(APPLY);

        assertThat(report.orphans()).isEmpty();
        assertThat(report.missingServers()).isEmpty();
        assertThat(report.powerStateDrift()).isEmpty();
        assertThat(report.problems()).isEmpty();
        assertThat(world.storedVps(vpsId)).isEqualTo(before);
    }

    private UUID containerVps() {
        UUID id = UUID.randomUUID();
        world.requests.provision(provision(instanceId, id, SYNC, CONTAINER_SPEC));
        assertThat(world.storedVps(id).lifecycle()).isEqualTo(Lifecycle.READY);
        return id;
    }

    private void provisionReadyVm() {
        world.hypervisor.setGuestsBootAtOnce(true);
        world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
        world.driveDue();
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
    }

    private ServerSpec serverSpec(UUID id, VpsSpec spec) {
        return new ServerSpec(id, instanceId, spec.name(), spec.hardware(), spec.platform());
    }

    private OperationTransition lastTransitionOf(UUID id) {
        List<OperationTransition> log = world.db.transitions().stream().filter(transition -> transition.vpsId().equals(id)).toList();
        return log.get(log.size() - 1);
    }
}
