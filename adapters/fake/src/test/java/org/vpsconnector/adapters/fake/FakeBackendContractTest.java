package org.vpsconnector.adapters.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.vpsconnector.application.port.out.ContainerBackend;
import org.vpsconnector.application.port.out.HypervisorBackend;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.contract.ContainerBackendContract;
import org.vpsconnector.application.port.out.contract.HypervisorBackendContract;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.Technology;

/** The backend contract that Docker and libvirt also pass, run against both fakes on a test clock. */
class FakeBackendContractTest {

    @Nested
    class Containers extends ContainerBackendContract {
        private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        private final FakeServerFarm farm = new FakeServerFarm();
        private final FakeContainerBackend backend = new FakeContainerBackend(farm, clock,
                new FakeBackendSettings(Duration.ZERO, Duration.ZERO, FaultSettings.none()));

        @Override
        protected ContainerBackend backend() {
            return backend;
        }

        @Override
        protected Hardware hardware(int memoryGb, int cpuCount) {
            return new Hardware(memoryGb, 10, cpuCount, false);
        }

        @Override
        protected void createForeignServer(UUID id) {
            new FakeHypervisorBackend(farm, clock, new FakeBackendSettings(Duration.ZERO, Duration.ZERO, FaultSettings.none()))
                    .create(new ServerSpec(id, UUID.randomUUID(), "foreign", new Hardware(1, 10, 1, true), Platform.UNSPECIFIED));
        }

        @Override
        protected void removeForeignServer(UUID id) {
            farm.remove(Technology.VIRTUAL_MACHINE, id);
        }

        @Override
        protected void letTimePass(Duration duration) {
            clock.advance(duration);
        }
    }

    @Nested
    class VirtualMachines extends HypervisorBackendContract {
        private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        private final FakeServerFarm farm = new FakeServerFarm();
        private final FakeHypervisorBackend backend = new FakeHypervisorBackend(farm, clock,
                new FakeBackendSettings(Duration.ZERO, Duration.ofSeconds(3), FaultSettings.none()));

        @Override
        protected HypervisorBackend backend() {
            return backend;
        }

        @Override
        protected Hardware hardware(int memoryGb, int cpuCount) {
            return new Hardware(memoryGb, 10, cpuCount, true);
        }

        @Override
        protected void createForeignServer(UUID id) {
            new FakeContainerBackend(farm, clock, new FakeBackendSettings(Duration.ZERO, Duration.ZERO, FaultSettings.none()))
                    .create(new ServerSpec(id, UUID.randomUUID(), "foreign", new Hardware(1, 10, 1, false), Platform.UNSPECIFIED));
        }

        @Override
        protected void removeForeignServer(UUID id) {
            farm.remove(Technology.CONTAINER, id);
        }

        @Override
        protected void letTimePass(Duration duration) {
            clock.advance(duration);
        }
    }
}
