package org.vpsconnector.adapters.fake;

import java.time.Clock;
import java.time.Instant;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Technology;

/** Containers on a fake farm. */
public final class FakeContainerBackend extends FakeServerBackend implements ContainerBackend {

    public FakeContainerBackend(FakeServerFarm farm, Clock clock, FakeBackendSettings settings) {
        super(Technology.CONTAINER, farm, clock, settings);
    }

    /** Container limits change in place, as {@code docker update} does: a running container keeps running. */
    @Override
    FakeServer reconfigured(FakeServer server, Hardware hardware, Instant now) {
        return server.withHardware(hardware);
    }

    @Override
    Reconfiguration hardwareChanged(FakeServer server) {
        return Reconfiguration.APPLIED;
    }

    /** Like Docker's default bridge network. */
    @Override
    String network() {
        return "10.88";
    }
}
