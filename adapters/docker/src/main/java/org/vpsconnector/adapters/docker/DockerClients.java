package org.vpsconnector.adapters.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Connects docker-java to the engine of the settings. */
final class DockerClients {

    private DockerClients() {
    }

    static DockerClient connect(DockerSettings settings) {
        return connect(settings, settings.callTimeout());
    }

    /** A client that waits {@code responseTimeout} for an answer: pulls and commits take long. */
    static DockerClient connect(DockerSettings settings, java.time.Duration responseTimeout) {
        // No API version: unversioned URLs get the engine's own version, which works with old engines
        // (1.41 here refuses a pinned newer version) and with new ones alike.
        // TLS comes from the settings alone, never from DOCKER_TLS_VERIFY or DOCKER_CERT_PATH: one
        // process drives several engines, each with its own material or none.
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.dockerHost())
                .withDockerTlsVerify(settings.tlsDirectory() != null);
        if (settings.tlsDirectory() != null) {
            builder.withDockerCertPath(requireTlsFiles(settings.tlsDirectory()).toString());
        }
        DockerClientConfig config = builder.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(settings.callTimeout())
                .responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /**
     * docker-java quietly speaks plain HTTP when a file of the directory is missing: an engine that
     * asks for TLS would refuse it, one that does not would be commanded in the clear.
     */
    private static Path requireTlsFiles(Path directory) {
        List<String> unreadable = DockerSettings.TLS_FILES.stream()
                .filter(file -> !Files.isReadable(directory.resolve(file)))
                .toList();
        if (!unreadable.isEmpty()) {
            throw new IllegalStateException("the Docker TLS directory " + directory + " lacks " + unreadable
                    + " (Docker's layout: ca.pem, cert.pem, key.pem); not connecting without TLS");
        }
        return directory;
    }
}
