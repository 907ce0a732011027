package org.vpsconnector.bootstrap;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.vpsconnector.adapters.fake.FakeBackendSettings;
import org.vpsconnector.adapters.fake.FakeContainerBackend;
import org.vpsconnector.adapters.fake.FakeHypervisorBackend;
import org.vpsconnector.adapters.fake.FakeServerFarm;
import org.vpsconnector.adapters.fake.FaultSettings;
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
    private static final FakeContainerBackend CONTAINERS = new FakeContainerBackend(FakeServerFarm.named(FARM),
            Clock.systemUTC(), new FakeBackendSettings(Duration.ZERO, Duration.ZERO, FaultSettings.none()));
    private static final FakeHypervisorBackend HYPERVISOR = new FakeHypervisorBackend(FakeServerFarm.named(FARM),
            Clock.systemUTC(), new FakeBackendSettings(Duration.ZERO, Duration.ofMillis(1500), FaultSettings.none()));

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
