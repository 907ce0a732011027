package org.vpsconnector.adapters.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

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
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.dockerHost())
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(settings.callTimeout())
                .responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
