package org.vpsconnector.adapters.fake;

import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.domain.Login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.domain.Technology;

class FakeContainerBackendTest extends FakeServerBackendContract {

    @Override
    FakeServerBackend backendOn(FakeServerFarm farm, Clock clock, FakeBackendSettings settings) {
        return new FakeContainerBackend(farm, clock, settings);
    }

    @Override
    FakeServerBackend otherBackendOn(FakeServerFarm farm, Clock clock, FakeBackendSettings settings) {
        return new FakeHypervisorBackend(farm, clock, settings);
    }

    @Override
    FakeBackendSettings settings(Duration latency, FaultSettings faults) {
        return new FakeBackendSettings(latency, FakeBackendSettings.containerDefaults().bootTime(), faults);
    }

    @Test
    void runsContainers() {
        assertThat(backend.technology()).isEqualTo(Technology.CONTAINER);
    }

    @Test
    void aContainerIsReadyAsSoonAsItRuns() {
        UUID vpsId = startedServer();

        assertThat(inspect(vpsId).guestReady()).isTrue();
    }

    @Test
    void aRunningContainerTakesNewLimitsWithoutRestarting() {
        UUID vpsId = startedServer();

        assertThat(backend.reconfigure(vpsId, hardware(4, 2), Login.NONE)).isEqualTo(Reconfiguration.APPLIED);

        assertThat(inspect(vpsId).guestReady()).isTrue();
        assertThat(backend.reconfigure(vpsId, hardware(4, 2), Login.NONE)).isEqualTo(Reconfiguration.UNCHANGED);
    }

    @Test
    void aRunningContainerHasAnAddressOfTheEngineNetwork() {
        UUID vpsId = startedServer();

        assertThat(inspect(vpsId).ipv4()).matches("10\\.88\\.\\d{1,3}\\.\\d{1,3}");
    }
}
