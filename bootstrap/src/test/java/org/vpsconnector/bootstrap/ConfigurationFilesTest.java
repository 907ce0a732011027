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
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vpsconnector.bootstrap.backend.DockerContainerBackendFactory;
import org.vpsconnector.bootstrap.backend.FakeContainerBackendFactory;
import org.vpsconnector.bootstrap.backend.FakeHypervisorBackendFactory;
import org.vpsconnector.bootstrap.backend.LibvirtHypervisorBackendFactory;

/** Every shipped configuration file parses and validates, and chooses the backends it says. */
class ConfigurationFilesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "vps-connector.yml, fake, fake, org.h2.Driver, true",
            "real-backends.yml, docker, libvirt, org.h2.Driver, true",
            "production.yml, docker, libvirt, org.postgresql.Driver, false"})
    void aShippedConfigurationIsValid(String file, String container, String hypervisor, String driver, boolean plainHttp)
            throws Exception {
        YamlConfigurationFactory<VpsConnectorConfiguration> factory = new YamlConfigurationFactory<>(
                VpsConnectorConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        VpsConnectorConfiguration configuration = factory.build(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
                Path.of("..", "config", file).toString());

        assertThat(configuration.getBackends().getContainer())
                .isInstanceOf(container.equals("fake") ? FakeContainerBackendFactory.class : DockerContainerBackendFactory.class);
        assertThat(configuration.getBackends().getHypervisor())
                .isInstanceOf(hypervisor.equals("fake") ? FakeHypervisorBackendFactory.class : LibvirtHypervisorBackendFactory.class);
        assertThat(configuration.getDatabase().getDriverClass()).isEqualTo(driver);
        assertThat(configuration.getAps().isAllowPlainHttp()).isEqualTo(plainHttp);
    }

    @Test
    void aLeaseThatABackendCallCouldOutliveIsRefused() {
        YamlConfigurationFactory<VpsConnectorConfiguration> factory = new YamlConfigurationFactory<>(
                VpsConnectorConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        String yaml = """
                backends:
                  callTimeout: 30s
                driver:
                  leaseDuration: 30s
                """;

        assertThatThrownBy(() -> factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("driver.leaseDuration must exceed backends.callTimeout by at least 500 ms");
    }
}
