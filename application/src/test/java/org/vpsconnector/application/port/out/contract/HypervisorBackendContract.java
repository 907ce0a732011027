package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.HypervisorBackend;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.domain.Technology;

/** The contract of {@link HypervisorBackend}: a started virtual machine is ready only once its guest has booted. */
public abstract class HypervisorBackendContract extends ServerBackendContract {

    @Override
    protected abstract HypervisorBackend backend();

    @Test
    void itRunsVirtualMachines() {
        assertThat(backend().technology()).isEqualTo(Technology.VIRTUAL_MACHINE);
    }

    @Test
    void aStartedVirtualMachineRunsBeforeItsGuestIsReady() {
        UUID vpsId = create(hardware(1, 1));

        backend().start(vpsId);

        ServerStatus justStarted = backend().inspect(vpsId).orElseThrow();
        assertThat(justStarted.power()).isEqualTo(ServerStatus.Power.RUNNING);
        assertThat(justStarted.guestReady()).as("the guest has not booted yet").isFalse();
        assertThat(awaitReady(vpsId).guestReady()).isTrue();
    }
}
