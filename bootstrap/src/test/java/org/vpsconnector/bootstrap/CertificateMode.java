package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.vpsconnector.bootstrap.ApsController.Reply;
import org.vpsconnector.bootstrap.TestCertificates.Identity;

/** What the tests of config/certificates.yml share: how to start it, install with real certificates, and a 403. */
final class CertificateMode {
    private CertificateMode() {
    }

    /** Random ports, a fresh key store and sealing key under {@code directory}, an in-memory database, a fake farm. */
    static List<ConfigOverride> overrides(Path directory, Identity server, String database, String farm) {
        return List.of(
                ConfigOverride.config("server.applicationConnectors[0].bindHost", "127.0.0.1"),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.applicationConnectors[0].keyStorePath",
                        server.writeKeyStore(directory.resolve("server.p12")).toString()),
                ConfigOverride.config("server.applicationConnectors[0].keyStorePassword", new String(TestCertificates.PASSWORD)),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                // All four, so that no database setting another test left in the system properties applies.
                ConfigOverride.config("database.driverClass", "org.h2.Driver"),
                ConfigOverride.config("database.url", database),
                ConfigOverride.config("database.user", "sa"),
                ConfigOverride.config("database.password", ""),
                ConfigOverride.config("aps.certificates.secretKeyFile", directory.resolve("data/instance-secret.key").toString()),
                ConfigOverride.config("backends.container.farm", farm),
                ConfigOverride.config("backends.hypervisor.farm", farm));
    }

    static Path configuration() {
        return Path.of("..", "config", "certificates.yml").toAbsolutePath();
    }

    static Reply install(ApsController aps, Identity controller, Identity instance) {
        return aps.send("POST", "/clouds", cloud(aps.instanceId(), controller, instance), "sync");
    }

    /** An install body naming {@code controller} as the controller and carrying {@code instance}'s certificate and key. */
    static ObjectNode cloud(UUID instanceId, Identity controller, Identity instance) {
        ObjectNode cloud = ApsController.fixture("cloud-install.json");
        ObjectNode aps = (ObjectNode) cloud.get("aps");
        aps.put("id", instanceId.toString());
        aps.putObject("x509").put("self", instance.certificateAndKeyPem()).put("controller", controller.certificatePem());
        return cloud;
    }

    static void assertForbidden(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
        assertThat(reply.body().path("code").asInt()).isEqualTo(403);
        assertThat(reply.body().path("type").asText()).isEqualTo("Forbidden");
        assertThat(reply.body().path("message").asText()).isNotBlank();
    }

    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
