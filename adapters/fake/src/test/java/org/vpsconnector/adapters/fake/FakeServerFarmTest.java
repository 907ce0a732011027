package org.vpsconnector.adapters.fake;

import org.vpsconnector.domain.Login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void aFarmKeptInAStateFileWritesEveryChangeThereBeforeTheCallReturns(@TempDir Path data) throws IOException {
        Path stateFile = data.resolve("fake-servers.properties");
        FakeServerFarm farm = FakeServerFarm.storedIn(stateFile);
        FakeHypervisorBackend vms = new FakeHypervisorBackend(farm, Clock.systemUTC(), QUICK);
        FakeContainerBackend containers = new FakeContainerBackend(FakeServerFarm.storedIn(stateFile), Clock.systemUTC(), QUICK);
        UUID vm = UUID.randomUUID();
        UUID container = UUID.randomUUID();

        vms.create(new ServerSpec(vm, UUID.randomUUID(), "db \u00e9=1", new Hardware(2, 20, 2, true), Platform.UNSPECIFIED));
        vms.start(vm);
        containers.create(new ServerSpec(container, UUID.randomUUID(), null, new Hardware(1, 10, 1, false), Platform.UNSPECIFIED));
        vms.reconfigure(vm, new Hardware(4, 30, 2, true), Login.NONE);

        FakeHypervisorBackend vmsSeenAfterACrash = new FakeHypervisorBackend(FakeServerFarm.readFrom(stateFile), Clock.systemUTC(), QUICK);
        FakeContainerBackend containersSeenAfterACrash = new FakeContainerBackend(FakeServerFarm.readFrom(stateFile), Clock.systemUTC(), QUICK);
        assertThat(vmsSeenAfterACrash.inspect(vm)).hasValueSatisfying(server -> {
            assertThat(server.hardware()).isEqualTo(new Hardware(4, 30, 2, true));
            assertThat(server.running()).isEqualTo(vms.inspect(vm).orElseThrow().running());
        });
        assertThat(containersSeenAfterACrash.list()).extracting(ServerStatus::vpsId).containsExactly(container);

        vms.destroy(vm);
        assertThat(new FakeHypervisorBackend(FakeServerFarm.readFrom(stateFile), Clock.systemUTC(), QUICK).list()).isEmpty();
        try (var files = Files.list(data)) {
            assertThat(files).as("no temporary file is left beside the state file").containsExactly(stateFile);
        }
    }

    @Test
    void backendsNamingTheSameStateFileShareOneFarm(@TempDir Path data) {
        assertThat(FakeServerFarm.storedIn(data.resolve("farm.properties")))
                .isSameAs(FakeServerFarm.storedIn(data.resolve("sub/../farm.properties")));
    }
}
