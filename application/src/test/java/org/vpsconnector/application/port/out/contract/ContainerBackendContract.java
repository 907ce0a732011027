package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.domain.Technology;

/** The contract of {@link ContainerBackend}: a server backend whose servers are usable as soon as they run. */
public abstract class ContainerBackendContract extends ServerBackendContract {

    @Override
    protected abstract ContainerBackend backend();

    @Test
    void itRunsContainers() {
        assertThat(backend().technology()).isEqualTo(Technology.CONTAINER);
    }

    @Test
    void aStartedContainerIsReadyAtOnce() {
        UUID vpsId = create(hardware(1, 1));

        backend().start(vpsId);

        assertThat(backend().inspect(vpsId).orElseThrow().guestReady()).isTrue();
    }
}
