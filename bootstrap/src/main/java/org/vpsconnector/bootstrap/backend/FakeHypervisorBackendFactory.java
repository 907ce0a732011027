package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import org.vpsconnector.adapters.fake.FakeBackendSettings;
import org.vpsconnector.adapters.fake.FakeHypervisorBackend;
import org.vpsconnector.application.port.out.HypervisorBackend;

@JsonTypeName("fake")
public class FakeHypervisorBackendFactory extends FakeBackendConfiguration implements HypervisorBackendFactory {
    public FakeHypervisorBackendFactory() {
        super(FakeBackendSettings.vmDefaults());
    }

    @Override
    public HypervisorBackend build(Environment environment, Clock clock, String host) {
        return new FakeHypervisorBackend(farm(), clock, settings());
    }
}
