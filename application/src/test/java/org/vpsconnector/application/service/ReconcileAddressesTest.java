package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.application.port.in.ReconcileMode.APPLY;
import static org.vpsconnector.application.port.in.ReconcileMode.DRY_RUN;
import static org.vpsconnector.application.port.in.ReconcileMode.SAFE_REPAIRS;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.port.in.ReconcileReport;
import org.vpsconnector.application.port.in.ReconcileReport.Entry;
import org.vpsconnector.application.port.in.ReconcileReport.Outcome;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;

/**
 * Reconcile keeps the address of a ready VPS as its backend shows it and the server of a disabled VPS stopped,
 * and judges only records that held still while the backend was listed.
 */
class ReconcileAddressesTest {
    private static final String OLD_ADDRESS = "10.9.9.9";

    private final World world = new World();
    private final Reconciler reconciler = new Reconciler(world.db, Fleet.of(world.containers, world.hypervisor), world.clock,
            world.controllerUpdates);
    private final UUID instanceId = world.installInstance();

    /** A running container whose stored address is not the one its server has now. */
    private UUID containerWithAnOldAddress() {
        UUID vpsId = UUID.randomUUID();
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.db.inTransaction(repositories -> {
            repositories.vpses().update(repositories.vpses().find(vpsId).orElseThrow().seenAt(OLD_ADDRESS));
            return null;
        });
        return vpsId;
    }

    private List<ControllerUpdate> updatesOf(UUID vpsId) {
        return world.db.controllerUpdates().stream().filter(update -> update.resourceId().equals(vpsId)).toList();
    }

    @Test
    void a_ready_vps_gets_the_address_its_server_shows_now_and_the_controller_is_told() {
        UUID vpsId = containerWithAnOldAddress();
        Vps before = world.storedVps(vpsId);
        int updatesBefore = updatesOf(vpsId).size();

        ReconcileReport report = reconciler.reconcile(SAFE_REPAIRS);

        assertThat(report.powerStateDrift()).isEmpty();
        Vps after = world.storedVps(vpsId);
        assertThat(after.ipv4()).isEqualTo(ControllableBackend.addressOf(vpsId));
        assertThat(after).isEqualTo(before.seenAt(ControllableBackend.addressOf(vpsId)));
        assertThat(updatesOf(vpsId)).hasSize(updatesBefore + 1);
        assertThat(updatesOf(vpsId).get(updatesBefore).representation()).isEqualTo(World.representation(after));

        reconciler.reconcile(SAFE_REPAIRS);
        assertThat(updatesOf(vpsId)).as("an address that agrees is not told again").hasSize(updatesBefore + 1);
    }

    @Test
    void a_dry_run_changes_no_address() {
        UUID vpsId = containerWithAnOldAddress();
        int updatesBefore = updatesOf(vpsId).size();

        reconciler.reconcile(DRY_RUN);

        assertThat(world.storedVps(vpsId).ipv4()).isEqualTo(OLD_ADDRESS);
        assertThat(updatesOf(vpsId)).hasSize(updatesBefore);
    }

    @Test
    void a_reconcile_of_one_vps_changes_the_address_of_that_one_only() {
        UUID one = containerWithAnOldAddress();
        UUID other = containerWithAnOldAddress();

        reconciler.reconcile(APPLY, Optional.of(one));

        assertThat(world.storedVps(one).ipv4()).isEqualTo(ControllableBackend.addressOf(one));
        assertThat(world.storedVps(other).ipv4()).isEqualTo(OLD_ADDRESS);
    }

    @Test
    void the_address_of_a_vps_whose_operation_is_in_flight_is_left_to_that_operation() {
        UUID vpsId = containerWithAnOldAddress();
        world.containers.failNext(Call.STOP, 1, true);
        world.requests.stop(command(instanceId, vpsId, SYNC));
        assertThat(world.latestOperation(vpsId).isFinished()).isFalse();
        Vps stopping = world.storedVps(vpsId);

        reconciler.reconcile(APPLY);

        assertThat(world.storedVps(vpsId)).isEqualTo(stopping);
    }

    @Test
    void the_server_of_a_disabled_vps_started_behind_the_connectors_back_is_stopped_and_recorded_stopped() {
        UUID vpsId = UUID.randomUUID();
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.requests.disable(command(instanceId, vpsId, SYNC));
        world.containers.start(vpsId);
        world.clock.advance(Duration.ofMinutes(5));

        ReconcileReport report = reconciler.reconcile(SAFE_REPAIRS);

        assertThat(report.powerStateDrift()).singleElement().satisfies(drift -> {
            assertThat(drift.found()).isEqualTo("Running");
            assertThat(drift.outcome()).isEqualTo(Outcome.REPAIRED);
        });
        assertThat(world.containers.server(vpsId).orElseThrow().running()).isFalse();
        Vps vps = world.storedVps(vpsId);
        assertThat(vps.state()).isEqualTo(PowerState.STOPPED);
        assertThat(vps.suspended()).isTrue();
        assertThat(vps.modifiedAt()).as("recorded by reconcile").isEqualTo(world.clock.instant());
        List<OperationTransition> log = world.db.transitions().stream()
                .filter(transition -> transition.vpsId().equals(vpsId)).toList();
        assertThat(log.get(log.size() - 1).info())
                .isEqualTo("Reconcile stopped the server of the disabled VPS recorded state Stopped: expected "
                        + report.powerStateDrift().get(0).expected() + ", the backend showed Running");
        assertThat(reconciler.reconcile(DRY_RUN).powerStateDrift()).extracting(Entry::vpsId).isEmpty();
    }

    @Test
    void a_record_changed_while_the_backend_was_listed_is_left_to_the_next_pass() {
        UUID vpsId = UUID.randomUUID();
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        // Another replica's reconcile records the VPS stopped while this one lists the (running) servers.
        world.containers.afterNext(Call.LIST, listed -> world.db.inTransaction(repositories -> {
            Vps vps = repositories.vpses().find(vpsId).orElseThrow();
            repositories.vpses().update(vps.observed(PowerState.STOPPED, world.clock.instant()));
            return null;
        }));

        ReconcileReport report = reconciler.reconcile(APPLY);

        assertThat(report.powerStateDrift()).isEmpty();
        assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.STOPPED);
        assertThat(reconciler.reconcile(DRY_RUN).powerStateDrift()).as("judged by the next pass")
                .extracting(Entry::vpsId).containsExactly(vpsId);
    }
}
