package org.vpsconnector.adapters.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;

class FakeServerFarmTest {

    private static final FakeBackendSettings QUICK = new FakeBackendSettings(Duration.ZERO, Duration.ZERO, FaultSettings.none());

    @Test
    void aNamedFarmIsTheSameFarmEachTime() {
        String name = "farm-" + UUID.randomUUID();

        assertThat(FakeServerFarm.named(name)).isSameAs(FakeServerFarm.named(name))
                .isNotSameAs(FakeServerFarm.named(name + "-other"));
    }

    @Test
    void aRestartedApplicationFindsTheServersOfTheFirstRunOnANamedFarm() {
        String name = "farm-" + UUID.randomUUID();
        UUID vpsId = UUID.randomUUID();
        FakeHypervisorBackend firstRun = new FakeHypervisorBackend(FakeServerFarm.named(name), Clock.systemUTC(), QUICK);
        firstRun.create(new ServerSpec(vpsId, UUID.randomUUID(), "web", new Hardware(1, 10, 1, true), Platform.UNSPECIFIED));

        FakeHypervisorBackend secondRun = new FakeHypervisorBackend(FakeServerFarm.named(name), Clock.systemUTC(), QUICK);

        assertThat(secondRun.list()).extracting(ServerStatus::vpsId).containsExactly(vpsId);
    }

    @Test
    void privateFarmsShareNothing() {
        FakeContainerBackend one = new FakeContainerBackend(new FakeServerFarm(), Clock.systemUTC(), QUICK);
        FakeContainerBackend another = new FakeContainerBackend(new FakeServerFarm(), Clock.systemUTC(), QUICK);

        one.create(new ServerSpec(UUID.randomUUID(), UUID.randomUUID(), "web", new Hardware(1, 10, 1, false), Platform.UNSPECIFIED));

        assertThat(another.list()).isEmpty();
    }
}
