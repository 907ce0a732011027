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
        // No API version: unversioned URLs get the engine's own version, which works with old engines
        // (1.41 here refuses a pinned newer version) and with new ones alike.
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.dockerHost())
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(settings.callTimeout())
                .responseTimeout(settings.callTimeout())
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
