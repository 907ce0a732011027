package org.vpsconnector.adapters.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.OperatingSystem;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.Secret;

/**
 * What the Debian image's VMs are made of on the real libvirtd, without booting one (the end-to-end
 * test boots one): an overlay of the base volume, a seed next to it, login changes recorded, both
 * volumes gone after destroy.
 */
class GuestImageVolumesTest {
    private static final long GIB = 1024L * 1024 * 1024;
    private static final Platform DEBIAN = new Platform("x86_64", "debian", "12");
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH0ZxvYtV6c2x1mQmJx0yH6Z0hQ8b9tqP7u2fQx1mZ4c test";

    private static LibvirtHypervisorBackend backend;
    private final UUID vpsId = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        RealLibvirt.requireDaemonAndGuestImage();
        backend = new LibvirtHypervisorBackend(RealLibvirt.settings("vps-connector-image-test"));
    }

    @AfterAll
    static void disconnect() {
        backend.close();
    }

    @AfterEach
    void destroyTheServer() {
        backend.destroy(vpsId);
    }

    @Test
    void theDiskIsAnOverlayOfTheBaseVolumeWithTheSeedNextToIt() throws Exception {
        assertThat(backend.operatingSystems()).containsExactly(new OperatingSystem("busybox", "1"), new OperatingSystem("debian", "12"));

        backend.create(spec(new Hardware(1, 4, 1, true), new Login(List.of(KEY), null)));

        assertThat(RealLibvirt.volumeCapacity(vpsId)).isEqualTo(4 * GIB);
        assertThat(volumeXml(GuestVolumes.volumeName(vpsId))).contains("<backingStore>", "debian-12.qcow2");
        assertThat(volumeXml(GuestVolumes.seedName(vpsId))).contains("<capacity");

        backend.destroy(vpsId);

        assertThat(volumeNames()).noneMatch(name -> name.contains(vpsId.toString()));
    }

    @Test
    void loginAndHardwareChangesOfAStoppedVmWaitForItsNextStartAndARepeatChangesNothing() {
        Login login = new Login(List.of(KEY), null);
        backend.create(spec(new Hardware(1, 4, 1, true), login));

        assertThat(backend.reconfigure(vpsId, new Hardware(1, 4, 1, true), login)).isEqualTo(Reconfiguration.UNCHANGED);
        Login withPassword = new Login(List.of(KEY), Secret.of("$6$saltsalt$hash"));
        assertThat(backend.reconfigure(vpsId, new Hardware(1, 4, 1, true), withPassword)).isEqualTo(Reconfiguration.AT_NEXT_START);
        assertThat(backend.reconfigure(vpsId, new Hardware(1, 4, 1, true), withPassword)).isEqualTo(Reconfiguration.UNCHANGED);
        assertThat(backend.reconfigure(vpsId, new Hardware(2, 5, 2, true), withPassword)).isEqualTo(Reconfiguration.AT_NEXT_START);
        assertThat(backend.inspect(vpsId).orElseThrow().hardware()).isEqualTo(new Hardware(2, 5, 2, true));
        assertThat(backend.inspect(vpsId).orElseThrow().ipv4()).as("a stopped VM has no address").isNull();
    }

    @Test
    void aDiskSmallerThanTheImageOrAnOsNotOfferedIsRefused() {
        assertThatThrownBy(() -> backend.create(spec(new Hardware(1, 1, 1, true), Login.NONE)))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("smaller than the image");
        assertThatThrownBy(() -> backend.create(new ServerSpec(vpsId, UUID.randomUUID(), "web", new Hardware(1, 4, 1, true),
                new Platform("x86_64", "windows", "2022"))))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("busybox 1, debian 12");
        assertThat(backend.inspect(vpsId)).isEmpty();
    }

    private ServerSpec spec(Hardware hardware, Login login) {
        return new ServerSpec(vpsId, UUID.randomUUID(), "Image Test", hardware, DEBIAN, login);
    }

    private static String volumeXml(String name) throws LibvirtException {
        Connect connect = RealLibvirt.open();
        try {
            return pool(connect).storageVolLookupByName(name).getXMLDesc(0);
        } finally {
            connect.close();
        }
    }

    private static List<String> volumeNames() throws LibvirtException {
        Connect connect = RealLibvirt.open();
        try {
            StoragePool pool = pool(connect);
            pool.refresh(0);
            return List.of(pool.listVolumes());
        } finally {
            connect.close();
        }
    }

    private static StoragePool pool(Connect connect) throws LibvirtException {
        return connect.storagePoolLookupByName(RealLibvirt.TEST_POOL);
    }
}
