package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1:5000/vps/debian:12, 127.0.0.1:5000, 127.0.0.1:5000/vps/debian, 12",
            "registry.example.net/vps/ubuntu, registry.example.net, registry.example.net/vps/ubuntu, latest",
            "localhost/base:1, localhost, localhost/base, 1",
            "debian:12, docker.io, debian, 12",
            "vps-connector/base:latest, docker.io, vps-connector/base, latest",
            "registry.example.net:443/vps/debian@sha256:abc, registry.example.net:443, registry.example.net:443/vps/debian, sha256:abc"})
    void anImageNameNamesItsRegistryRepositoryAndTag(String image, String registry, String repository, String tag) {
        assertThat(ImageReference.parse(image)).isEqualTo(new ImageReference(registry, repository, tag));
    }
}
