package org.vpsconnector.bootstrap;

import java.time.Clock;
import java.time.Duration;
import org.vpsconnector.adapters.fake.FakeBackendSettings;
import org.vpsconnector.adapters.fake.FakeContainerBackend;
import org.vpsconnector.adapters.fake.FakeHypervisorBackend;
import org.vpsconnector.adapters.fake.FakeServerFarm;
import org.vpsconnector.adapters.fake.FaultSettings;

/**
 * Backends on the fake farm a running connector uses, seen from outside it: no latency and no
 * faults, so a test sees what the connector made. A hypervisor view needs the connector's boot
 * time to tell whether a guest is ready.
 */
final class FarmView {
    private FarmView() {
    }

    static FakeContainerBackend containers(String farm) {
        return new FakeContainerBackend(FakeServerFarm.named(farm), Clock.systemUTC(),
                new FakeBackendSettings(Duration.ZERO, Duration.ZERO, FaultSettings.none()));
    }

    static FakeHypervisorBackend hypervisor(String farm, Duration bootTime) {
        return new FakeHypervisorBackend(FakeServerFarm.named(farm), Clock.systemUTC(),
                new FakeBackendSettings(Duration.ZERO, bootTime, FaultSettings.none()));
    }
}
