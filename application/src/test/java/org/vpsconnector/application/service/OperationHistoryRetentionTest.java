package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.in.VpsAnswer.Outcome;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.RequestPhase;

/** What a retention pass forgets of the work the connector did, and what it keeps for late polls. */
class OperationHistoryRetentionTest {
    private static final Duration KEEP = Duration.ofDays(30);

    private final World world = new World();
    private final UUID instanceId = world.installInstance();

    @Test
    void oldFinishedOperationsGoAndTheLatestOfEveryVpsStaysForALatePoll() {
        UUID old = UUID.randomUUID();
        world.requests.provision(provision(instanceId, old, RequestPhase.SYNC, CONTAINER_SPEC));
        world.requests.stop(command(instanceId, old, RequestPhase.SYNC));
        world.requests.start(command(instanceId, old, RequestPhase.SYNC));
        UUID building = UUID.randomUUID();
        world.requests.provision(provision(instanceId, building, RequestPhase.SYNC, VM_SPEC));
        List<Operation> ofOld = world.db.operationsOf(old);
        assertThat(ofOld).hasSize(3).allMatch(Operation::isFinished);
        world.clock.advance(KEEP.plusDays(10));
        UUID recent = UUID.randomUUID();
        world.requests.provision(provision(instanceId, recent, RequestPhase.SYNC, CONTAINER_SPEC));
        world.requests.stop(command(instanceId, recent, RequestPhase.SYNC));

        OperationHistoryRetention.Pruned pruned = new OperationHistoryRetention(world.db, world.clock, KEEP, 1).prune();

        assertThat(pruned.operations()).as("the provision and the stop of the old VPS").isEqualTo(2);
        assertThat(pruned.batches()).isEqualTo(2);
        assertThat(pruned.transitions()).isPositive();
        assertThat(world.db.operationsOf(old)).extracting(Operation::kind).containsExactly(OperationKind.START);
        assertThat(world.db.transitions()).noneMatch(transition -> transition.operationId().equals(ofOld.get(0).id())
                || transition.operationId().equals(ofOld.get(1).id()));
        assertThat(world.db.operationsOf(building)).singleElement().extracting(Operation::status)
                .as("unfinished, whatever its age").isEqualTo(OperationStatus.ACCEPTED);
        assertThat(world.db.operationsOf(recent)).hasSize(2);
        assertThat(world.requests.start(command(instanceId, old, RequestPhase.ASYNC)).outcome())
                .as("a late poll of the start still gets its answer").isEqualTo(Outcome.DONE);
    }

    @Test
    void aPassWithNothingOldEnoughChangesNothing() {
        UUID vpsId = UUID.randomUUID();
        world.requests.provision(provision(instanceId, vpsId, RequestPhase.SYNC, CONTAINER_SPEC));
        world.requests.stop(command(instanceId, vpsId, RequestPhase.SYNC));
        int transitions = world.db.transitions().size();

        OperationHistoryRetention.Pruned pruned = new OperationHistoryRetention(world.db, world.clock, KEEP, 100).prune();

        assertThat(pruned.operations()).isZero();
        assertThat(pruned.batches()).isZero();
        assertThat(world.db.transitions()).hasSize(transitions);
    }

    @Test
    void aPeriodOrBatchThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new OperationHistoryRetention(world.db, world.clock, Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OperationHistoryRetention(world.db, world.clock, KEEP, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
