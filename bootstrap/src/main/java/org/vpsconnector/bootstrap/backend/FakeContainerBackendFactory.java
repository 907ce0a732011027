package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import org.vpsconnector.adapters.fake.FakeBackendSettings;
import org.vpsconnector.adapters.fake.FakeContainerBackend;
import org.vpsconnector.application.port.out.ContainerBackend;

@JsonTypeName("fake")
public class FakeContainerBackendFactory extends FakeBackendConfiguration implements ContainerBackendFactory {
    public FakeContainerBackendFactory() {
        super(FakeBackendSettings.containerDefaults());
    }

    @Override
    public ContainerBackend build(Environment environment, Clock clock, String host) {
        return new FakeContainerBackend(farm(), clock, settings());
    }
}
