package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.vpsconnector.domain.Secret;

/**
 * The private registry scripts/start-registry.sh runs on 127.0.0.1:5000, with its password: an
 * image pushed to it under a name of its own, gone from the engine, and deleted from the registry on close.
 */
public final class LocalRegistry implements AutoCloseable {
    public static final String ADDRESS = "127.0.0.1:5000";
    private static final Path CREDENTIALS = Path.of("/var/lib/vps-connector/registry/credentials");

    private final RegistryCredentials account;
    private final String repository;
    private final String tag;

    private LocalRegistry(RegistryCredentials account, String repository, String tag) {
        this.account = account;
        this.repository = repository;
        this.tag = tag;
    }

    /** Pushes the base image as {@code 127.0.0.1:5000/vps-connector-test/<name>-<random>:<tag>} and removes it from the engine. */
    public static LocalRegistry pushBaseImage(String name, String tag) throws IOException, InterruptedException {
        LocalRegistry registry = new LocalRegistry(readAccount(),
                ADDRESS + "/vps-connector-test/" + name + "-" + UUID.randomUUID().toString().substring(0, 8), tag);
        DockerTestEngine.docker().tagImageCmd(DockerSettings.BUSYBOX_IMAGE, registry.repository, tag).exec();
        long started = System.nanoTime();
        List<String> errors = new ArrayList<>();
        boolean pushed = DockerTestEngine.docker().pushImageCmd(registry.repository).withTag(tag)
                .withAuthConfig(auth(registry.account))
                .exec(new ResultCallback.Adapter<PushResponseItem>() {
                    @Override
                    public void onNext(PushResponseItem item) {
                        if (item.getErrorDetail() != null) {
                            errors.add(item.getErrorDetail().getMessage());
                        }
                    }
                }).awaitCompletion(60, TimeUnit.SECONDS);
        assertThat(pushed).isTrue();
        assertThat(errors).as("push to " + ADDRESS).isEmpty();
        System.out.printf("pushed %s in %d ms%n", registry.image(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        registry.removeFromEngine();
        return registry;
    }

    public String image() {
        return repository + ":" + tag;
    }

    public RegistryCredentials account() {
        return account;
    }

    public void removeFromEngine() {
        try {
            DockerTestEngine.docker().removeImageCmd(image()).exec();
        } catch (NotFoundException alreadyGone) {
            // not pulled
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        removeFromEngine();
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (account.username() + ":" + account.password().reveal()).getBytes(StandardCharsets.UTF_8));
        String manifests = "http://" + ADDRESS + "/v2/" + repository.substring(ADDRESS.length() + 1) + "/manifests/";
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(manifests + tag))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Authorization", basic)
                        .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.discarding());
        String digest = head.headers().firstValue("Docker-Content-Digest").orElseThrow();
        HttpResponse<Void> deleted = http.send(HttpRequest.newBuilder(URI.create(manifests + digest)).DELETE()
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(deleted.statusCode()).isEqualTo(202);
    }

    public static RegistryCredentials readAccount() throws IOException {
        if (!Files.isReadable(CREDENTIALS)) {
            throw new AssertionError("no " + CREDENTIALS + ": run scripts/start-registry.sh first");
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(CREDENTIALS)) {
            properties.load(reader);
        }
        return new RegistryCredentials(ADDRESS, properties.getProperty("REGISTRY_USER"),
                Secret.of(properties.getProperty("REGISTRY_PASSWORD")));
    }

    private static AuthConfig auth(RegistryCredentials credentials) {
        return new AuthConfig().withRegistryAddress(credentials.host()).withUsername(credentials.username())
                .withPassword(credentials.password().reveal());
    }
}
