package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.port.in.OperationHistory;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.Vps;

class VpsHistoriesTest {
    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();
    private final VpsHistories histories = new VpsHistories(world.db, world.fleet);

    @Test
    void gives_the_operations_of_a_vps_newest_first_each_with_the_vps_its_host_and_its_transitions() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, World.CONTAINER_SPEC));
        world.clock.advance(Duration.ofSeconds(1));
        world.requests.stop(command(instanceId, vpsId, SYNC));

        List<OperationHistory> history = histories.history(vpsId, 10);

        assertThat(history).extracting(entry -> entry.operation().kind())
                .containsExactly(OperationKind.STOP, OperationKind.PROVISION);
        assertThat(history).allSatisfy(entry -> {
            assertThat(entry.vps()).isEqualTo(world.storedVps(vpsId));
            assertThat(entry.host()).isEqualTo(Fleet.CONTAINER_HOST);
            assertThat(entry.transitions()).isEqualTo(world.db.transitions().stream()
                    .filter(transition -> transition.operationId().equals(entry.operation().id())).toList());
            assertThat(entry.transitions()).isNotEmpty();
        });
        assertThat(histories.history(vpsId, 1)).extracting(entry -> entry.operation().kind())
                .containsExactly(OperationKind.STOP);
    }

    @Test
    void a_vps_stored_before_hosts_were_named_lives_on_the_first_host_of_its_technology() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, World.VM_SPEC));
        world.db.inTransaction(repositories -> {
            Vps stored = repositories.vpses().find(vpsId).orElseThrow();
            repositories.vpses().update(stored.placedOn(null));
            return null;
        });

        assertThat(histories.history(vpsId, 5)).singleElement()
                .satisfies(entry -> assertThat(entry.host()).isEqualTo(Fleet.HYPERVISOR_HOST));
    }

    @Test
    void a_vps_that_is_not_stored_has_no_history() {
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> histories.history(unknown, 10))
                .isInstanceOf(NotFoundException.class).hasMessage("no VPS " + unknown);
    }

    @Test
    void the_limit_is_1_to_200() {
        world.requests.provision(provision(instanceId, vpsId, SYNC, World.CONTAINER_SPEC));

        assertThat(histories.history(vpsId, VpsHistories.MOST)).hasSize(1);
        assertThatThrownBy(() -> histories.history(vpsId, 0))
                .isInstanceOf(InvalidRequestException.class).hasMessage("limit must be 1 to 200");
        assertThatThrownBy(() -> histories.history(vpsId, 201))
                .isInstanceOf(InvalidRequestException.class).hasMessage("limit must be 1 to 200");
    }
}
