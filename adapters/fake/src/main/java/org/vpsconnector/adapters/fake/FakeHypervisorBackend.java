package org.vpsconnector.adapters.fake;

import java.time.Clock;
import java.time.Instant;
import org.vpsconnector.application.port.out.HypervisorBackend;
import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Technology;

/** Virtual machines on a fake farm; a guest is ready once its boot time has passed since it last started. */
public final class FakeHypervisorBackend extends FakeServerBackend implements HypervisorBackend {

    public FakeHypervisorBackend(FakeServerFarm farm, Clock clock, FakeBackendSettings settings) {
        super(Technology.VIRTUAL_MACHINE, farm, clock, settings);
    }

    /** A guest sees new memory and vCPU limits only after a reboot, so a running one restarts (and boots again). */
    @Override
    FakeServer reconfigured(FakeServer server, Hardware hardware, Instant now) {
        FakeServer resized = server.withHardware(hardware);
        return server.running() ? resized.startedAt(now) : resized;
    }

    @Override
    Reconfiguration hardwareChanged(FakeServer server) {
        return server.running() ? Reconfiguration.RESTARTED : Reconfiguration.AT_NEXT_START;
    }

    /** Like libvirt's default NAT network. */
    @Override
    String network() {
        return "10.122";
    }
}
