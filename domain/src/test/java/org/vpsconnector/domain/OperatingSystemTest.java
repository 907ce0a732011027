package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OperatingSystemTest {
    private static final OperatingSystem DEBIAN_12 = new OperatingSystem("debian", "12");
    private static final OperatingSystem DEBIAN_11 = new OperatingSystem("debian", "11");
    private static final List<OperatingSystem> OFFERED = List.of(DEBIAN_12, DEBIAN_11);

    @Test
    void aPlatformWithoutAnOsGetsTheFirstOffered() {
        assertThat(OperatingSystem.choose(OFFERED, Platform.UNSPECIFIED)).isEqualTo(DEBIAN_12);
        assertThat(OperatingSystem.choose(OFFERED, new Platform("x86_64", null, null))).isEqualTo(DEBIAN_12);
    }

    @Test
    void theNameMatchesInAnyCaseAndTheVersionWhenGiven() {
        assertThat(OperatingSystem.choose(OFFERED, new Platform(null, "Debian", "11"))).isEqualTo(DEBIAN_11);
        assertThat(OperatingSystem.choose(OFFERED, new Platform(null, "debian", null))).isEqualTo(DEBIAN_12);
    }

    @Test
    void anOsNotOfferedIsAnInvalidRequestNamingWhatIs() {
        assertThatThrownBy(() -> OperatingSystem.choose(OFFERED, new Platform(null, "windows", "2022")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("windows 2022").hasMessageContaining("debian 12, debian 11");
        assertThatThrownBy(() -> OperatingSystem.choose(OFFERED, new Platform(null, "debian", "13")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> OperatingSystem.choose(OFFERED, new Platform(null, null, "12")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aHostNameIsAValidLabelMadeFromTheName() {
        UUID id = UUID.fromString("1d3f5b7d-9f1b-4d3f-8b7d-9f1b3d5f7b9d");
        assertThat(HostName.of("db-01", id)).isEqualTo("db-01");
        assertThat(HostName.of("  Web Server #2 (prod)  ", id)).isEqualTo("web-server-2-prod");
        assertThat(HostName.of("x".repeat(80), id)).hasSize(63);
        assertThat(HostName.of("Ünïcode ☃", id)).isEqualTo("n-code");
        assertThat(HostName.of("☃☃", id)).isEqualTo("vps-1d3f5b7d");
        assertThat(HostName.of(null, id)).isEqualTo("vps-1d3f5b7d");
    }
}
