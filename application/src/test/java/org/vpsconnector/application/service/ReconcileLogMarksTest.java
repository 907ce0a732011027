package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.application.port.in.ReconcileMode.DRY_RUN;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.port.in.ReconcileReport;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.ThreadMarks;
import org.vpsconnector.application.testing.World;

/** What reconcile does about a VPS is logged with the VPS's application instance. */
class ReconcileLogMarksTest {
    private final World world = new World();
    private final ThreadMarks marks = new ThreadMarks();
    private final Reconciler reconciler = new Reconciler(world.db, Fleet.of(world.containers, world.hypervisor),
            world.clock, world.controllerUpdates, marks);
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    @Test
    void theBackendCallsAboutAVpsAndItsFindingCarryTheVpsInstance() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
        world.containers.stop(vpsId);
        List<String> seen = new CopyOnWriteArrayList<>();
        world.containers.afterNext(Call.INSPECT, id -> seen.add(marks.here()));

        ReconcileReport report = reconciler.reconcile(DRY_RUN);

        assertThat(report.powerStateDrift()).singleElement()
                .satisfies(drift -> assertThat(drift.instanceId()).isEqualTo(instanceId));
        assertThat(seen).containsExactly("null " + instanceId);
        assertThat(marks.here()).as("the pass leaves its thread unmarked").isNull();
    }
}
