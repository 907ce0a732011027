package org.vpsconnector.application.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.RequestPhase;

/** The observer hears of every attempt, and once of every operation that ends, whoever ends it. */
class OperationObservationTest {
    private final World world = new World();
    private final UUID instanceId = world.installInstance();

    @Test
    void anOperationEndedWithinItsRequestIsToldOnceWithItsHost() {
        UUID vpsId = UUID.randomUUID();

        world.requests.provision(provision(instanceId, vpsId, RequestPhase.SYNC, CONTAINER_SPEC));
        world.requests.provision(provision(instanceId, vpsId, RequestPhase.ASYNC, CONTAINER_SPEC));

        assertThat(world.observer.told()).as("a repeat ends nothing")
                .containsExactlyInAnyOrder("attempted container:containers PROVISION",
                        "finished container:containers PROVISION SUCCEEDED");
        Operation finished = world.observer.finished().get(0);
        assertThat(finished.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(finished.createdAt()).isNotNull();
        assertThat(finished.updatedAt()).isAfterOrEqualTo(finished.createdAt());
    }

    @Test
    void aFailureThatGivesUpIsToldAsFailedAndRetriedAttemptsAsAttemptsOnly() {
        UUID vpsId = UUID.randomUUID();
        world.containers.failNext(Call.CREATE, 1, false);

        world.requests.provision(provision(instanceId, vpsId, RequestPhase.SYNC, CONTAINER_SPEC));

        assertThat(world.observer.told())
                .containsExactlyInAnyOrder("attempted container:containers PROVISION",
                        "finished container:containers PROVISION FAILED");
    }

    @Test
    void aBuildCancelledByAnUnprovisionIsToldAsCancelled() {
        UUID vpsId = UUID.randomUUID();
        world.requests.provision(provision(instanceId, vpsId, RequestPhase.SYNC, VM_SPEC));
        world.driveDue();
        assertThat(world.observer.told()).containsExactly("attempted hypervisor:hypervisor PROVISION");

        world.requests.unprovision(command(instanceId, vpsId, RequestPhase.SYNC));

        assertThat(world.observer.told()).containsExactly("attempted hypervisor:hypervisor PROVISION",
                "finished hypervisor:hypervisor PROVISION CANCELLED");
        world.driveDue();
        assertThat(world.observer.told()).containsExactlyInAnyOrder("attempted hypervisor:hypervisor PROVISION",
                "finished hypervisor:hypervisor PROVISION CANCELLED", "attempted hypervisor:hypervisor UNPROVISION",
                "finished hypervisor:hypervisor UNPROVISION SUCCEEDED");
    }
}
