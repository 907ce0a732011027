package org.vpsconnector.bootstrap;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.util.UUID;
import org.vpsconnector.adapters.fake.FakeContainerBackend;
import org.vpsconnector.adapters.fake.FakeHypervisorBackend;
import org.vpsconnector.application.port.out.ServerBackend;

/** The controller's end-to-end run on the embedded database and the fake backends of test-config.yml. */
class FakeBackendsEndToEndTest extends ControllerEndToEndContract {
    private static final String FARM = "e2e-" + UUID.randomUUID();

    static final DropwizardAppExtension<VpsConnectorConfiguration> APP = new DropwizardAppExtension<>(
            VpsConnectorApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", "jdbc:h2:mem:" + FARM + ";DB_CLOSE_DELAY=-1"),
            ConfigOverride.config("backends.container.farm", FARM),
            ConfigOverride.config("backends.hypervisor.farm", FARM));

    // Views of the application's farm with its boot time (test-config.yml) and no latency or faults.
    private static final FakeContainerBackend CONTAINERS = FarmView.containers(FARM);
    private static final FakeHypervisorBackend HYPERVISOR = FarmView.hypervisor(FARM, Duration.ofMillis(1500));

    @Override
    protected DropwizardAppExtension<VpsConnectorConfiguration> app() {
        return APP;
    }

    @Override
    protected ServerBackend containers() {
        return CONTAINERS;
    }

    @Override
    protected ServerBackend hypervisor() {
        return HYPERVISOR;
    }

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(30);
    }
}
