package org.vpsconnector.adapters.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.domain.Hardware;

/**
 * A remote hypervisor over TLS: kvm-b of scripts/start-fleet.sh, which also listens on
 * qemu+tls://127.0.0.1:16514, reached with the fleet's client certificate from {@code pkipath} (the
 * host's /etc/pki plays no part). Fails, never skips, when the fleet is not running.
 */
class LibvirtOverTlsTest {
    private static final Path CLIENT_MATERIAL = Path.of("/var/lib/vps-connector/fleet/tls/libvirt-client");
    private static final String KVM_B_OVER_TLS = "qemu+tls://127.0.0.1:16514/system?pkipath=" + CLIENT_MATERIAL;
    /** The same daemon without TLS, to look behind the adapter's back. */
    private static final String KVM_B_OVER_TCP = "qemu+tcp://127.0.0.1:16519/system";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);

    private static LibvirtHypervisorBackend backend;
    private final UUID vpsId = UUID.randomUUID();

    @BeforeAll
    static void connect() {
        for (String file : new String[] {"cacert.pem", "clientcert.pem", "clientkey.pem"}) {
            if (!Files.isReadable(CLIENT_MATERIAL.resolve(file))) {
                fail(CLIENT_MATERIAL.resolve(file) + " is missing: run scripts/start-fleet.sh (it makes the fleet's TLS material)");
            }
        }
        for (String file : new String[] {"vmlinuz", "initrd.gz"}) {
            if (!Files.isReadable(RealLibvirt.GUEST_IMAGE.resolve(file))) {
                fail("guest image " + RealLibvirt.GUEST_IMAGE.resolve(file) + " is missing: run scripts/build-guest-image.sh");
            }
        }
        try {
            new Connect(KVM_B_OVER_TLS, false).close();
        } catch (LibvirtException | LinkageError e) {
            fail("kvm-b does not answer on " + KVM_B_OVER_TLS + " (" + e.getMessage() + "): run scripts/start-fleet.sh");
        }
        backend = new LibvirtHypervisorBackend(RealLibvirt.settings("vps-connector-tls-test").withUri(KVM_B_OVER_TLS));
    }

    @AfterEach
    void destroyTheServer() {
        backend.destroy(vpsId);
    }

    @AfterAll
    static void disconnect() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void aDomainDefinedOverTlsIsOnKvmBAndUndefinedAgain() throws LibvirtException {
        String name = "vps-" + vpsId;
        Connect overTls = new Connect(KVM_B_OVER_TLS, false);
        Connect overTcp = new Connect(KVM_B_OVER_TCP, false);
        try {
            Domain domain = overTls.domainDefineXML("""
                    <domain type='qemu'>
                      <name>%s</name>
                      <uuid>%s</uuid>
                      <memory unit='MiB'>64</memory>
                      <vcpu>1</vcpu>
                      <os><type>hvm</type></os>
                    </domain>
                    """.formatted(name, vpsId));
            try {
                assertThat(Arrays.asList(overTls.listDefinedDomains())).contains(name);
                assertThat(overTcp.domainLookupByUUID(vpsId).getName()).as("the same daemon, kvm-b").isEqualTo(name);
            } finally {
                domain.undefine();
            }
            assertThat(Arrays.asList(overTls.listDefinedDomains())).doesNotContain(name);
        } finally {
            overTls.close();
            overTcp.close();
        }
    }

    @Test
    void aGuestIsCreatedStartedAndDestroyedThroughTheAdapterOverTls() throws Exception {
        backend.create(new ServerSpec(vpsId, UUID.randomUUID(), "over tls", new Hardware(1, 2, 1, true), RealLibvirt.BUSYBOX));
        backend.start(vpsId);

        long giveUp = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (!backend.inspect(vpsId).orElseThrow().guestReady()) {
            assertThat(System.nanoTime()).as("guest of %s booted within %s", vpsId, BOOT_TIMEOUT).isLessThan(giveUp);
            Thread.sleep(200);
        }
        assertThat(backend.inspect(vpsId).orElseThrow().power()).isEqualTo(ServerStatus.Power.RUNNING);
        assertThat(backend.list()).extracting(ServerStatus::vpsId).contains(vpsId);
        assertThat(onKvmB(vpsId)).isTrue();
        assertThat(RealLibvirt.domainExists(vpsId)).as("not on the host's own libvirtd").isFalse();

        backend.destroy(vpsId);

        assertThat(backend.inspect(vpsId)).isEmpty();
        assertThat(onKvmB(vpsId)).isFalse();
    }

    @Test
    void aClientWithoutACertificateIsRefused(@TempDir Path material) throws IOException, LibvirtException {
        String uri = "qemu+tls://127.0.0.1:16514/system?pkipath=" + material;
        Files.copy(CLIENT_MATERIAL.resolve("cacert.pem"), material.resolve("cacert.pem"));

        // The client trusts kvm-b and goes ahead without a certificate of its own; kvm-b ends the handshake.
        assertThatThrownBy(() -> new Connect(uri, false)).isInstanceOf(LibvirtException.class);

        Files.copy(CLIENT_MATERIAL.resolve("clientcert.pem"), material.resolve("clientcert.pem"));
        Files.copy(CLIENT_MATERIAL.resolve("clientkey.pem"), material.resolve("clientkey.pem"));
        Connect withCertificate = new Connect(uri, false);
        try {
            assertThat(withCertificate.getHostName()).as("the same directory with the certificate gets in").isNotBlank();
        } finally {
            withCertificate.close();
        }
    }

    private static boolean onKvmB(UUID uuid) throws LibvirtException {
        Connect overTcp = new Connect(KVM_B_OVER_TCP, false);
        try {
            overTcp.domainLookupByUUID(uuid);
            return true;
        } catch (LibvirtException noSuchDomain) {
            return false;
        } finally {
            overTcp.close();
        }
    }
}
