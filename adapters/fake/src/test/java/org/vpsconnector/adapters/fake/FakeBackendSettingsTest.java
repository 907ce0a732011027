package org.vpsconnector.adapters.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeBackendSettingsTest {

    @Test
    void containersAreQuickAndReadyOnceRunning() {
        assertThat(FakeBackendSettings.containerDefaults())
                .isEqualTo(new FakeBackendSettings(Duration.ofMillis(100), Duration.ZERO, FaultSettings.none()));
    }

    @Test
    void virtualMachinesAreSlowerAndBootForThreeSeconds() {
        assertThat(FakeBackendSettings.vmDefaults())
                .isEqualTo(new FakeBackendSettings(Duration.ofMillis(250), Duration.ofSeconds(3), FaultSettings.none()));
    }

    @Test
    void refusesNegativeDurations() {
        assertThatThrownBy(() -> new FakeBackendSettings(Duration.ofMillis(-1), Duration.ZERO, FaultSettings.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency");
        assertThatThrownBy(() -> new FakeBackendSettings(Duration.ZERO, Duration.ofMillis(-1), FaultSettings.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootTime");
    }
}
