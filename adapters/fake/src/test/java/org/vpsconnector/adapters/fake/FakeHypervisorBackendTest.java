package org.vpsconnector.adapters.fake;

import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.OperatingSystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.domain.Technology;

class FakeHypervisorBackendTest extends FakeServerBackendContract {

    private static final Duration BOOT_TIME = FakeBackendSettings.vmDefaults().bootTime();
    private static final Duration JUST_UNDER_BOOT_TIME = BOOT_TIME.minusMillis(1);

    @Override
    FakeServerBackend backendOn(FakeServerFarm farm, Clock clock, FakeBackendSettings settings) {
        return new FakeHypervisorBackend(farm, clock, settings);
    }

    @Override
    FakeServerBackend otherBackendOn(FakeServerFarm farm, Clock clock, FakeBackendSettings settings) {
        return new FakeContainerBackend(farm, clock, settings);
    }

    @Override
    FakeBackendSettings settings(Duration latency, FaultSettings faults) {
        return new FakeBackendSettings(latency, BOOT_TIME, faults);
    }

    @Test
    void runsVirtualMachines() {
        assertThat(backend.technology()).isEqualTo(Technology.VIRTUAL_MACHINE);
    }

    @Test
    void aGuestIsReadyOnlyOnceItHasBooted() {
        UUID vpsId = startedServer();
        assertThat(inspect(vpsId).guestReady()).isFalse();

        clock.advance(JUST_UNDER_BOOT_TIME);
        assertThat(inspect(vpsId).guestReady()).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(inspect(vpsId).guestReady()).isTrue();
    }

    @Test
    void aGuestBootsAgainAfterAStopAndStart() {
        UUID vpsId = startedServer();
        clock.advance(BOOT_TIME);
        backend.stop(vpsId);
        clock.advance(BOOT_TIME);

        backend.start(vpsId);

        assertThat(inspect(vpsId).guestReady()).isFalse();
        clock.advance(BOOT_TIME);
        assertThat(inspect(vpsId).guestReady()).isTrue();
    }

    @Test
    void reconfiguringARunningGuestRestartsIt() {
        UUID vpsId = startedServer();
        clock.advance(BOOT_TIME);

        backend.reconfigure(vpsId, hardware(4, 2), Login.NONE);

        assertThat(inspect(vpsId).guestReady()).isFalse();
        clock.advance(BOOT_TIME);
        assertThat(inspect(vpsId).guestReady()).isTrue();
    }

    @Test
    void reconfiguringABootingGuestToTheSameHardwareLetsItBootOn() {
        UUID vpsId = startedServer();
        clock.advance(JUST_UNDER_BOOT_TIME);

        backend.reconfigure(vpsId, hardware(1, 1), Login.NONE);

        clock.advance(Duration.ofMillis(1));
        assertThat(inspect(vpsId).guestReady()).isTrue();
    }

    @Test
    void saysWhetherAReconfigureRestartedTheGuest() {
        UUID vpsId = startedServer();
        clock.advance(BOOT_TIME);
        Login login = new Login(java.util.List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE0 a"), null);

        assertThat(backend.reconfigure(vpsId, hardware(4, 2), Login.NONE)).isEqualTo(Reconfiguration.RESTARTED);
        assertThat(backend.reconfigure(vpsId, hardware(4, 2), Login.NONE)).isEqualTo(Reconfiguration.UNCHANGED);
        assertThat(backend.reconfigure(vpsId, hardware(4, 2), login)).isEqualTo(Reconfiguration.APPLIED);
        backend.stop(vpsId);
        assertThat(backend.reconfigure(vpsId, hardware(2, 2), login)).isEqualTo(Reconfiguration.AT_NEXT_START);
    }

    @Test
    void aRunningServerHasAStablePrivateAddressAndAStoppedOneNone() {
        UUID vpsId = startedServer();
        String address = inspect(vpsId).ipv4();

        assertThat(address).matches("10\\.122\\.\\d{1,3}\\.\\d{1,3}");
        backend.stop(vpsId);
        assertThat(inspect(vpsId).ipv4()).isNull();
        backend.start(vpsId);
        assertThat(inspect(vpsId).ipv4()).isEqualTo(address);
    }

    @Test
    void offersTheOperatingSystemsOfItsSettings() {
        java.util.List<OperatingSystem> offered = java.util.List.of(new OperatingSystem("debian", "12"), new OperatingSystem("ubuntu", "24.04"));
        FakeServerBackend configured = backendOn(FakeServerFarm.named("os-" + UUID.randomUUID()), clock,
                new FakeBackendSettings(Duration.ZERO, BOOT_TIME, FaultSettings.none(), offered));

        assertThat(configured.operatingSystems()).isEqualTo(offered);
        assertThat(backend.operatingSystems()).containsExactly(new OperatingSystem("debian", "12"));
    }
}
