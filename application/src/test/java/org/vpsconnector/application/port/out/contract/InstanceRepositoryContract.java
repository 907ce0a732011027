package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.InstanceRepository;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.Secret;

/** What {@link InstanceRepository} promises: an instance, its private key included, read back as saved. */
public abstract class InstanceRepositoryContract extends RepositoryContract {
    private static final String SELF = "-----BEGIN CERTIFICATE-----\nself\n-----END CERTIFICATE-----\n"
            + "-----BEGIN PRIVATE KEY-----\ninstance-key\n-----END PRIVATE KEY-----\n";
    private static final String CONTROLLER = "-----BEGIN CERTIFICATE-----\ncontroller\n-----END CERTIFICATE-----";

    @Test
    void savesFindsReplacesAndDeletesAnInstance() {
        ApplicationInstance instance = new ApplicationInstance(UUID.randomUUID(), "https://controller.example:6308/",
                Secret.of(SELF), CONTROLLER, "1.0-1", T0);
        ApplicationInstance bare = new ApplicationInstance(UUID.randomUUID(), null, null, null, null, T1);

        write(repositories -> {
            repositories.instances().save(instance);
            repositories.instances().save(bare);
        });
        assertThat(find(instance.id())).contains(instance);
        assertThat(find(instance.id()).orElseThrow().selfCertificate().reveal()).isEqualTo(SELF);
        assertThat(find(bare.id())).contains(bare);
        assertThat(installed(instance.id())).isTrue();
        assertThat(installed(bare.id())).isTrue();
        assertThat(installed(UUID.randomUUID())).isFalse();
        assertThat(controllerCertificate(instance.id())).contains(CONTROLLER);
        assertThat(controllerCertificate(bare.id())).contains("");
        assertThat(controllerCertificate(UUID.randomUUID())).isEmpty();

        write(repositories -> repositories.instances().save(instance.upgradedTo("1.1-1")));
        assertThat(find(instance.id())).contains(instance.upgradedTo("1.1-1"));

        write(repositories -> repositories.instances().delete(instance.id()));
        assertThat(find(instance.id())).isEmpty();
        assertThat(installed(instance.id())).isFalse();
        assertThat(controllerCertificate(instance.id())).isEmpty();
        assertThat(find(bare.id())).contains(bare);
    }

    @Test
    void aRepeatedSaveKeepsTheInstanceAndANewKeyReplacesTheOld() {
        ApplicationInstance instance = new ApplicationInstance(UUID.randomUUID(), "https://controller.example:6308/",
                Secret.of(SELF), CONTROLLER, "1.0-1", T0);
        write(repositories -> repositories.instances().save(instance));

        write(repositories -> repositories.instances().save(instance));
        assertThat(find(instance.id())).contains(instance);

        ApplicationInstance renewed = new ApplicationInstance(instance.id(), instance.controllerUri(),
                Secret.of(SELF + "\nrenewed"), CONTROLLER, instance.version(), instance.installedAt());
        write(repositories -> repositories.instances().save(renewed));
        assertThat(find(instance.id())).contains(renewed);

        ApplicationInstance keyless = new ApplicationInstance(instance.id(), instance.controllerUri(), null, CONTROLLER,
                instance.version(), instance.installedAt());
        write(repositories -> repositories.instances().save(keyless));
        assertThat(find(instance.id())).contains(keyless);
    }

    @Test
    void deletingAnUnknownInstanceChangesNothing() {
        ApplicationInstance instance = new ApplicationInstance(UUID.randomUUID(), null, null, null, null, T0);
        write(repositories -> repositories.instances().save(instance));

        write(repositories -> repositories.instances().delete(UUID.randomUUID()));

        assertThat(find(instance.id())).contains(instance);
        assertThat(find(UUID.randomUUID())).isEmpty();
    }

    private Optional<ApplicationInstance> find(UUID id) {
        return read(repositories -> repositories.instances().find(id));
    }

    private Optional<String> controllerCertificate(UUID id) {
        return read(repositories -> repositories.instances().controllerCertificateOf(id));
    }

    private boolean installed(UUID id) {
        return read(repositories -> repositories.instances().isInstalled(id));
    }
}
