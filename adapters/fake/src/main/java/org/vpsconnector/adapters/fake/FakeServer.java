package org.vpsconnector.adapters.fake;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus.Power;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Technology;

/** One server in a fake farm; {@code startedAt} is when it last started, and null while it is stopped. */
record FakeServer(UUID vpsId, UUID instanceId, String name, Technology technology, Hardware hardware,
                  Power power, Instant startedAt) {

    FakeServer {
        Objects.requireNonNull(vpsId, "vpsId");
        Objects.requireNonNull(technology, "technology");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(power, "power");
        if ((power == Power.RUNNING) != (startedAt != null)) {
            throw new IllegalArgumentException("a server has a start time exactly while it runs");
        }
    }

    static FakeServer created(Technology technology, ServerSpec spec) {
        return new FakeServer(spec.vpsId(), spec.instanceId(), spec.name(), technology, spec.hardware(), Power.STOPPED, null);
    }

    boolean running() {
        return power == Power.RUNNING;
    }

    FakeServer startedAt(Instant at) {
        return new FakeServer(vpsId, instanceId, name, technology, hardware, Power.RUNNING, at);
    }

    FakeServer stopped() {
        return new FakeServer(vpsId, instanceId, name, technology, hardware, Power.STOPPED, null);
    }

    FakeServer withHardware(Hardware newHardware) {
        return new FakeServer(vpsId, instanceId, name, technology, newHardware, power, startedAt);
    }
}
