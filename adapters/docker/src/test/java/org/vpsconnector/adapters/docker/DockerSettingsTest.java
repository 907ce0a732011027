package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vpsconnector.domain.Platform;

class DockerSettingsTest {
    private final DockerSettings settings = new DockerSettings(DockerSettings.DEFAULT_DOCKER_HOST,
            Map.of("debian-12", "images/debian:12", "debian", "images/debian:latest"), "images/base",
            DockerSettings.DEFAULT_OWNER, DockerSettings.DEFAULT_NETWORK_MODE, DockerSettings.DEFAULT_CALL_TIMEOUT);

    @Test
    void theImageOfTheOsVersionComesFirstThenTheOsThenTheDefault() {
        assertThat(settings.imageFor(new Platform("x86_64", "debian", "12"))).isEqualTo("images/debian:12");
        assertThat(settings.imageFor(new Platform("x86_64", "debian", "11"))).isEqualTo("images/debian:latest");
        assertThat(settings.imageFor(new Platform("x86_64", "debian", null))).isEqualTo("images/debian:latest");
        assertThat(settings.imageFor(new Platform("x86_64", "alpine", "3.20"))).isEqualTo("images/base");
        assertThat(settings.imageFor(Platform.UNSPECIFIED)).isEqualTo("images/base");
    }

    @Test
    void theDefaultsUseTheLocalSocketAndTheLocallyBuiltImageWithoutNetwork() {
        DockerSettings defaults = DockerSettings.defaults();

        assertThat(defaults.dockerHost()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(defaults.imageFor(Platform.UNSPECIFIED)).isEqualTo("vps-connector/base:latest");
        assertThat(defaults.owner()).isEqualTo("vps-connector");
        assertThat(defaults.networkMode()).isEqualTo("none");
    }
}
