package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vpsconnector.domain.OperatingSystem;

class DockerSettingsTest {

    @Test
    void theOperatingSystemsAreOfferedInTheConfiguredOrderEachWithItsImage() {
        Map<String, String> images = new LinkedHashMap<>();
        images.put("ubuntu-24.04", "images/ubuntu:24.04");
        images.put("debian-12", "images/debian:12");
        images.put("centos-stream-9", "images/centos:stream9");
        DockerSettings settings = new DockerSettings(DockerSettings.DEFAULT_DOCKER_HOST, images,
                DockerSettings.DEFAULT_OWNER, DockerSettings.DEFAULT_NETWORK_MODE, DockerSettings.DEFAULT_CALL_TIMEOUT);

        assertThat(settings.operatingSystems()).containsExactly(new OperatingSystem("ubuntu", "24.04"),
                new OperatingSystem("debian", "12"), new OperatingSystem("centos-stream", "9"));
        assertThat(settings.imageFor(new OperatingSystem("debian", "12"))).isEqualTo("images/debian:12");
        assertThat(settings.imageFor(new OperatingSystem("centos-stream", "9"))).isEqualTo("images/centos:stream9");
        assertThat(settings.defaultImage()).isEqualTo("images/ubuntu:24.04");
    }

    @Test
    void anOperatingSystemWithoutVersionOrWithoutAnyImageIsRefused() {
        assertThatThrownBy(() -> new DockerSettings(DockerSettings.DEFAULT_DOCKER_HOST, Map.of("debian", "images/debian"),
                DockerSettings.DEFAULT_OWNER, DockerSettings.DEFAULT_NETWORK_MODE, DockerSettings.DEFAULT_CALL_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name-version");
        assertThatThrownBy(() -> new DockerSettings(DockerSettings.DEFAULT_DOCKER_HOST, Map.of(),
                DockerSettings.DEFAULT_OWNER, DockerSettings.DEFAULT_NETWORK_MODE, DockerSettings.DEFAULT_CALL_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> DockerSettings.defaults().withLxcfs("var/lib/lxcfs"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    }

    @Test
    void theDefaultsUseTheLocalSocketAndTheLocallyBuiltImagesWithoutNetwork() {
        DockerSettings defaults = DockerSettings.defaults();

        assertThat(defaults.dockerHost()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(defaults.operatingSystems()).containsExactly(new OperatingSystem("debian", "12"),
                new OperatingSystem("busybox", "1"));
        assertThat(defaults.defaultImage()).isEqualTo("vps-connector/debian:12");
        assertThat(defaults.imageFor(new OperatingSystem("busybox", "1"))).isEqualTo("vps-connector/base:latest");
        assertThat(defaults.owner()).isEqualTo("vps-connector");
        assertThat(defaults.networkMode()).isEqualTo("none");
        assertThat(defaults.lxcfsDirectory()).isNull();
        assertThat(defaults.withLxcfs(" ").lxcfsDirectory()).isNull();
    }
}
