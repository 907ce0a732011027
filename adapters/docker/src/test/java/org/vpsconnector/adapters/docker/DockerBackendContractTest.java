package org.vpsconnector.adapters.docker;

import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.application.port.out.contract.ContainerBackendContract;
import org.vpsconnector.domain.Hardware;

/** The backend contract of the fakes, against real containers on this machine's Docker engine. */
class DockerBackendContractTest extends ContainerBackendContract {
    private static final DockerContainerBackend BACKEND = new DockerContainerBackend(DockerTestEngine.SETTINGS);

    @AfterAll
    static void disconnect() throws IOException {
        BACKEND.close();
    }

    @BeforeEach
    void engineRuns() {
        DockerTestEngine.docker();
    }

    @Override
    protected ContainerBackend backend() {
        return BACKEND;
    }

    @Override
    protected Hardware hardware(int memoryGb, int cpuCount) {
        return new Hardware(memoryGb, 10, cpuCount, false);
    }

    @Override
    protected void createForeignServer(UUID id) {
        DockerTestEngine.createForeignContainer(id);
    }

    @Override
    protected void removeForeignServer(UUID id) {
        DockerTestEngine.removeContainer(id);
    }
}
