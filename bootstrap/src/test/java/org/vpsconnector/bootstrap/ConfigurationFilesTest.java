package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.client.Client;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vpsconnector.bootstrap.backend.ContainerBackendFactory;
import org.vpsconnector.bootstrap.backend.ContainerFleetFactory;
import org.vpsconnector.bootstrap.backend.DockerContainerBackendFactory;
import org.vpsconnector.bootstrap.backend.HypervisorFleetFactory;
import org.vpsconnector.bootstrap.backend.FakeContainerBackendFactory;
import org.vpsconnector.adapters.docker.DockerSettings;
import org.vpsconnector.domain.OperatingSystem;
import org.vpsconnector.bootstrap.backend.FakeHypervisorBackendFactory;
import org.vpsconnector.bootstrap.backend.HypervisorBackendFactory;
import org.vpsconnector.bootstrap.backend.LibvirtHypervisorBackendFactory;
import org.vpsconnector.bootstrap.tls.ControllerCertificateConnectorFactory;

/** Every shipped configuration file parses and validates, and chooses the backends it says; certificates.yml also starts. */
class ConfigurationFilesTest {
    // Not "dw": overrides that another test's app set as dw.* system properties must not reach these files.
    private static final String UNOVERRIDDEN = "vps-configuration-files-test";


    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "vps-connector.yml, fake, fake, org.h2.Driver, true",
            "certificates.yml, fake, fake, org.h2.Driver, false",
            "real-backends.yml, docker, libvirt, org.h2.Driver, true",
            "fleet.yml, fleet of docker, fleet of libvirt, org.h2.Driver, true",
            "production.yml, fleet of docker, fleet of libvirt, org.postgresql.Driver, false",
            "benchmark.yml, fake, fake, org.postgresql.Driver, true",
            "benchmark-tls.yml, fake, fake, org.postgresql.Driver, false"})
    void aShippedConfigurationIsValid(String file, String container, String hypervisor, String driver, boolean plainHttp)
            throws Exception {
        YamlConfigurationFactory<VpsConnectorConfiguration> factory = new YamlConfigurationFactory<>(
                VpsConnectorConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), UNOVERRIDDEN);
        VpsConnectorConfiguration configuration = factory.build(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
                Path.of("..", "config", file).toString());

        ContainerBackendFactory containers = configuration.getBackends().getContainer();
        HypervisorBackendFactory hypervisors = configuration.getBackends().getHypervisor();
        assertThat(containers).isInstanceOf(container.startsWith("fleet of ") ? ContainerFleetFactory.class
                : containerFactory(container));
        assertThat(containers.hosts()).isNotEmpty().allMatch(containerFactory(container.replace("fleet of ", ""))::isInstance);
        assertThat(hypervisors).isInstanceOf(hypervisor.startsWith("fleet of ") ? HypervisorFleetFactory.class
                : hypervisorFactory(hypervisor));
        assertThat(hypervisors.hosts()).isNotEmpty().allMatch(hypervisorFactory(hypervisor.replace("fleet of ", ""))::isInstance);
        assertThat(configuration.getDatabase().getDriverClass()).isEqualTo(driver);
        assertThat(configuration.getAps().isAllowPlainHttp()).isEqualTo(plainHttp);
        // Finished operations' history is kept for a month unless the environment says otherwise.
        assertThat(configuration.getRetention().transitions()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(configuration.getRetention().interval()).isEqualTo(java.time.Duration.ofHours(1));
        // A database that goes away costs a request a few seconds and a 503, never a hung thread.
        assertThat(configuration.getDatabase().getMaxWaitForConnection().toSeconds()).isBetween(1L, 5L);
        assertThat(configuration.getDatabase().getCheckConnectionOnBorrow()).isTrue();
        assertThat(configuration.getDatabase().getValidationQueryTimeout()).isPresent();
        if (driver.equals("org.postgresql.Driver")) {
            assertThat(configuration.getDatabase().getProperties())
                    .containsKeys("connectTimeout", "loginTimeout", "socketTimeout");
        }
        if (!plainHttp) {
            assertThat(((DefaultServerFactory) configuration.getServerFactory()).getApplicationConnectors())
                    .as("every APS connector asks for the controller's certificate")
                    .allMatch(ControllerCertificateConnectorFactory.class::isInstance);
        }
    }

    /** certificates.yml starts as shipped, given a key store, and refuses a client without a certificate. */
    @Test
    void theCertificateModeConfigurationStarts(@TempDir Path directory) throws Exception {
        TestCertificates.Identity server = TestCertificates.server();
        DropwizardTestSupport<VpsConnectorConfiguration> app = new DropwizardTestSupport<>(VpsConnectorApplication.class,
                CertificateMode.configuration().toString(),
                CertificateMode.overrides(directory, server,
                        "jdbc:h2:mem:configuration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "configuration-" + UUID.randomUUID())
                        .toArray(ConfigOverride[]::new));
        app.before();
        try (Client anonymous = TestCertificates.client(server, null)) {
            ApsController aps = new ApsController(anonymous, "https://localhost:" + app.getLocalPort(), UUID.randomUUID());
            CertificateMode.assertForbidden(aps.install());
        } finally {
            app.after();
        }
    }

    @Test
    void aLeaseThatABackendCallCouldOutliveIsRefused() {
        String yaml = """
                backends:
                  callTimeout: 30s
                driver:
                  leaseDuration: 30s
                """;

        assertThatThrownBy(() -> inline(yaml))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("driver.leaseDuration must exceed backends.callTimeout by at least 500 ms");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a host without a name | [{type: fake}, {type: fake, name: b}]       | every host of a fleet has a name of its own",
            "two hosts of one name | [{type: fake, name: a}, {type: fake, name: a}] | every host of a fleet has a name of its own",
            "a fleet in a fleet    | [{type: fleet, hosts: [{type: fake, name: b}]}] | every host of a fleet has a name of its own",
            "a name with a slash   | [{type: fake, name: a/b}]                       | container.hosts[0].name must be 1 to 63",
            "no host               | []                                              | container.hosts must not be empty"})
    void aFleetWhoseHostsAreNotEachNamedOnceIsRefused(String problem, String hosts, String message) throws Exception {
        String fleet = "backends:\n  container:\n    type: fleet\n    hosts: ";
        assertThat(inline("database:\n  url: jdbc:h2:mem:fleet\n" + fleet + "[{type: fake, name: a}]\n").getBackends()
                .getContainer().hosts()).as("the same file with one named host is valid").hasSize(1);

        assertThatThrownBy(() -> inline("database:\n  url: jdbc:h2:mem:fleet\n" + fleet + hosts + "\n")).as(problem)
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining(message);
    }

    @Test
    void hostsListedWithoutTypesAreAFleetOfDockerEnginesAndLibvirtHosts() throws Exception {
        String yaml = """
                database:
                  url: jdbc:h2:mem:untyped-fleet
                backends:
                  container:
                    hosts:
                      - {name: docker-07, dockerHost: "tcp://docker-07.example.net:2376", tlsDirectory: /etc/vps-connector/docker-07,
                         capacity: {memoryGb: 128, cpus: 32}}
                      - {name: docker-08, dockerHost: "unix:///run/docker-08.sock"}
                  hypervisor:
                    hosts:
                      - name: kvm-07
                        uri: "qemu+ssh://root@kvm-07.example.net/system"
                        images:
                          - {os: debian, version: "12", basePool: vps-connector-images, baseVolume: debian-12.qcow2,
                             kernel: /var/lib/vps-connector/vm-images/debian-12.vmlinuz,
                             initrd: /var/lib/vps-connector/vm-images/debian-12.initrd.img,
                             kernelCommandLine: "root=/dev/vda rw console=ttyS0", readiness: guest-agent}
                """;

        VpsConnectorConfiguration configuration = inline(yaml);

        assertThat(configuration.getBackends().getContainer()).isInstanceOf(ContainerFleetFactory.class);
        assertThat(configuration.getBackends().getContainer().hosts()).hasSize(2)
                .allSatisfy(host -> assertThat(host).isInstanceOf(DockerContainerBackendFactory.class));
        assertThat(configuration.getBackends().getContainer().hosts().get(0).capacity().sellableMemoryGb()).isEqualTo(128);
        assertThat(configuration.getBackends().getHypervisor().hosts()).singleElement()
                .isInstanceOf(LibvirtHypervisorBackendFactory.class).extracting(host -> host.getName()).isEqualTo("kvm-07");
    }

    @Test
    void aFleetHostsCapacityIsItsMemoryAndCpusTimesItsOvercommit() throws Exception {
        String yaml = """
                database:
                  url: jdbc:h2:mem:fleet-capacity
                backends:
                  hypervisor:
                    type: fleet
                    hosts:
                      - {type: fake, name: kvm-07, capacity: {memoryGb: 256, cpus: 64}, overcommit: {memory: 1.0, cpus: 4.0}}
                      - {type: fake, name: kvm-08}
                """;

        var hosts = inline(yaml).getBackends().getHypervisor().hosts();

        assertThat(hosts).extracting(host -> host.getName()).containsExactly("kvm-07", "kvm-08");
        assertThat(hosts.get(0).capacity().sellableMemoryGb()).isEqualTo(256);
        assertThat(hosts.get(0).capacity().sellableCpus()).isEqualTo(256);
        assertThat(hosts.get(1).capacity()).isEqualTo(org.vpsconnector.application.fleet.HostCapacity.UNLIMITED);
        assertThatThrownBy(() -> inline(yaml.replace("cpus: 4.0", "cpus: 0.5")))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("overcommit.cpus");
    }

    @Test
    void aPullThatTheCreateCallWouldOutliveIsRefused() {
        String yaml = """
                backends:
                  callTimeout: 30s
                  container:
                    type: docker
                    pullTimeout: 30s
                """;

        assertThatThrownBy(() -> inline(yaml))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("container.pullTimeout must be shorter than backends.callTimeout");
    }

    @Test
    void aDockerBackendWithoutAPullTimeoutPullsWithinTheDefaultCall() throws Exception {
        String yaml = """
                database:
                  url: jdbc:h2:mem:pull-timeout
                backends:
                  container:
                    type: docker
                """;

        VpsConnectorConfiguration configuration = inline(yaml);

        assertThat(configuration.getBackends().getContainer().longestStep())
                .isLessThan(configuration.getBackends().callTimeout());
    }

    @Test
    void aFakeOffersTheOperatingSystemsItIsConfiguredWithEachNamedWithItsVersion() throws Exception {
        String offered = """
                database:
                  url: jdbc:h2:mem:configuration-files
                backends:
                  container:
                    type: fake
                    operatingSystems: ["debian 12", "ubuntu 24.04"]
                """;
        String unversioned = """
                backends:
                  container:
                    type: fake
                    operatingSystems: ["debian"]
                """;

        VpsConnectorConfiguration configuration = inline(offered);
        assertThat(((FakeContainerBackendFactory) configuration.getBackends().getContainer()).settings().operatingSystems())
                .containsExactly(new OperatingSystem("debian", "12"), new OperatingSystem("ubuntu", "24.04"));
        assertThatThrownBy(() -> inline(unversioned))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("operatingSystems");
    }

    /** production.yml's engines are remote, each reached over TLS with the connector's client material. */
    @Test
    void theProductionEnginesAreReachedOverTls() throws Exception {
        VpsConnectorConfiguration production = new YamlConfigurationFactory<>(VpsConnectorConfiguration.class,
                Validators.newValidator(), Jackson.newObjectMapper(), UNOVERRIDDEN).build(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
                Path.of("..", "config", "production.yml").toString());

        assertThat(production.getBackends().getContainer().hosts()).hasSize(2).allSatisfy(host -> {
            DockerSettings settings = ((DockerContainerBackendFactory) host).settings();
            assertThat(settings.dockerHost()).startsWith("tcp://").endsWith(":2376");
            assertThat(settings.tlsDirectory()).isEqualTo(Path.of("/etc/vps-connector/tls/docker"));
        });
    }

    @Test
    void aTcpEngineWithoutTlsIsRefusedUnlessPlainTcpIsAllowedExplicitly() throws Exception {
        String plain = """
                database:
                  url: jdbc:h2:mem:plain-tcp
                backends:
                  container:
                    type: docker
                    dockerHost: tcp://docker-07.example.net:2375
                """;

        assertThatThrownBy(() -> inline(plain))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("a tcp:// dockerHost needs a tlsDirectory");
        DockerContainerBackendFactory allowed = (DockerContainerBackendFactory)
                inline(plain + "    allowPlainTcp: true\n").getBackends().getContainer();
        assertThat(allowed.settings().tlsDirectory()).isNull();
        DockerContainerBackendFactory overTls = (DockerContainerBackendFactory)
                inline(plain.replace(":2375", ":2376") + "    tlsDirectory: /etc/vps-connector/tls/docker\n").getBackends().getContainer();
        assertThat(overTls.settings().tlsDirectory()).isEqualTo(Path.of("/etc/vps-connector/tls/docker"));
    }

    @Test
    void tlsMaterialForAnEngineOnASocketOrARelativeDirectoryIsRefused() {
        String onSocket = """
                backends:
                  container:
                    type: docker
                    dockerHost: unix:///var/run/docker.sock
                    tlsDirectory: /etc/vps-connector/tls/docker
                """;
        String relative = """
                backends:
                  container:
                    type: docker
                    dockerHost: tcp://docker-07.example.net:2376
                    tlsDirectory: tls/docker
                """;

        for (String yaml : new String[] {onSocket, relative}) {
            assertThatThrownBy(() -> inline(yaml))
                    .isInstanceOf(ConfigurationValidationException.class)
                    .hasMessageContaining("a tlsDirectory is an absolute path, for a tcp:// dockerHost only");
        }
    }

    private static Class<?> containerFactory(String type) {
        return type.equals("fake") ? FakeContainerBackendFactory.class : DockerContainerBackendFactory.class;
    }

    private static Class<?> hypervisorFactory(String type) {
        return type.equals("fake") ? FakeHypervisorBackendFactory.class : LibvirtHypervisorBackendFactory.class;
    }

    /** {@code yaml} parsed and validated as a configuration file is, without the dw.* overrides of other tests. */
    @Test
    void aRetentionTooShortForALatePollOrABatchTooLargeIsRefused() throws Exception {
        String database = "database:\n  url: jdbc:h2:mem:retention\n";
        assertThat(inline(database + "retention: {transitions: 7d, interval: 10m, batchSize: 200}\n").getRetention()
                .transitions()).isEqualTo(java.time.Duration.ofDays(7));

        assertThatThrownBy(() -> inline(database + "retention: {transitions: 10m}\n"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("retention.transitions");
        assertThatThrownBy(() -> inline(database + "retention: {batchSize: 100000}\n"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("retention.batchSize");
    }

    private static VpsConnectorConfiguration inline(String yaml) throws Exception {
        return new YamlConfigurationFactory<>(VpsConnectorConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), UNOVERRIDDEN)
                .build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline");
    }
}
