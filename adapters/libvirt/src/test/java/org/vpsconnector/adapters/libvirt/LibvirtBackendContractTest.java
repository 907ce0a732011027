package org.vpsconnector.adapters.libvirt;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.libvirt.LibvirtException;
import org.vpsconnector.application.port.out.HypervisorBackend;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.contract.HypervisorBackendContract;
import org.vpsconnector.domain.Hardware;

/** The backend contract that the fakes and Docker pass, run against the real libvirtd with real QEMU guests. */
class LibvirtBackendContractTest extends HypervisorBackendContract {

    private static LibvirtHypervisorBackend backend;

    @BeforeAll
    static void connect() {
        RealLibvirt.requireDaemonAndGuestImage();
        backend = new LibvirtHypervisorBackend(RealLibvirt.settings("vps-connector-contract-test"));
    }

    @AfterAll
    static void disconnect() {
        backend.close();
    }

    @Override
    protected HypervisorBackend backend() {
        return backend;
    }

    @Override
    protected Hardware hardware(int memoryGb, int cpuCount) {
        return new Hardware(memoryGb, 5, cpuCount, true);
    }

    @Override
    protected ServerSpec spec(UUID vpsId, Hardware hardware) {
        ServerSpec spec = super.spec(vpsId, hardware);
        return new ServerSpec(spec.vpsId(), spec.instanceId(), spec.name(), spec.hardware(), RealLibvirt.BUSYBOX, spec.login());
    }

    @Override
    protected void createForeignServer(UUID id) {
        try {
            RealLibvirt.defineForeignDomain(id);
        } catch (LibvirtException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void removeForeignServer(UUID id) {
        try {
            RealLibvirt.undefineDomain(id);
        } catch (LibvirtException e) {
            throw new IllegalStateException(e);
        }
    }
}
