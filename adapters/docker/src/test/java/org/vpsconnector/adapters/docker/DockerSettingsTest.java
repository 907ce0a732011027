package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void tlsMaterialIsForAnEngineReachedOverTcpAndNamedByAnAbsolutePath() {
        DockerSettings remote = DockerSettings.defaults().withEngine("tcp://docker-07.example.net:2376");

        assertThat(remote.withTls(Path.of("/etc/vps-connector/docker-07")).tlsDirectory())
                .isEqualTo(Path.of("/etc/vps-connector/docker-07"));
        assertThat(DockerSettings.defaults().tlsDirectory()).isNull();
        assertThatThrownBy(() -> DockerSettings.defaults().withTls(Path.of("/etc/vps-connector/docker-07")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcp://");
        assertThatThrownBy(() -> remote.withTls(Path.of("docker-07")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    }

    @Test
    void everyOtherChangeKeepsTheTlsMaterial() {
        Path material = Path.of("/etc/vps-connector/docker-07");
        DockerSettings remote = DockerSettings.defaults().withEngine("tcp://docker-07.example.net:2376").withTls(material);

        assertThat(java.util.List.of(remote.withOwner("other"), remote.withNetworkMode("bridge"), remote.withLxcfs("/var/lib/lxcfs"),
                remote.withEngine("tcp://docker-08.example.net:2376"),
                remote.withUnenforceableDiskLimits(DockerSettings.UnenforceableDiskLimits.ACCEPT),
                remote.withPulls(java.util.List.of(), Duration.ofSeconds(10)), remote.withImages(Map.of("debian-12", "debian:12"))))
                .allSatisfy(changed -> assertThat(changed.tlsDirectory()).isEqualTo(material));
    }

    @Test
    void theSettingsNameTheTlsDirectoryButNeverShowTheKey(@TempDir Path material) throws IOException {
        Files.writeString(material.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nTHE-KEY-ITSELF\n-----END PRIVATE KEY-----\n");
        DockerSettings remote = DockerSettings.defaults().withEngine("tcp://docker-07.example.net:2376").withTls(material);

        assertThat(remote.toString()).contains(material.toString()).doesNotContain("THE-KEY-ITSELF").doesNotContain("PRIVATE KEY");
    }
}
