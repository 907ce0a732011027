package org.vpsconnector.adapters.libvirt;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.vpsconnector.domain.Platform;

/**
 * The libvirtd and guest image the adapter's tests run against: the real daemon with real QEMU
 * guests, prepared by scripts/start-libvirt.sh and scripts/build-guest-image.sh.
 */
final class RealLibvirt {

    static final Path GUEST_IMAGE = Path.of("/var/lib/vps-connector/guest");
    static final Path IMAGES = Path.of("/var/lib/vps-connector/vm-images");
    /** The busybox image: boots in seconds, shows readiness on its console. */
    static final Platform BUSYBOX = new Platform("x86_64", "busybox", "1");
    static final String TEST_POOL = "vps-connector-test";

    private RealLibvirt() {
    }

    /** Settings of a test installation, apart from any connector running on the same host. */
    static LibvirtSettings settings(String owner) {
        Path home = Path.of("/var/lib/vps-connector/test");
        return new LibvirtSettings(LibvirtSettings.DEFAULT_URI, "qemu",
                List.of(LibvirtSettings.busybox(GUEST_IMAGE), LibvirtSettings.debian12(IMAGES)),
                new LibvirtSettings.Network("network", LibvirtSettings.DEFAULT_NETWORK), 256,
                TEST_POOL, home.resolve("volumes"), home.resolve("console"), LibvirtSettings.DEFAULT_READY_MARKER,
                owner, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** Fails (never skips) with what to run when the daemon or the guest image is missing. */
    static void requireDaemonAndGuestImage() {
        for (String file : new String[] {"vmlinuz", "initrd.gz"}) {
            if (!Files.isReadable(GUEST_IMAGE.resolve(file))) {
                fail("guest image " + GUEST_IMAGE.resolve(file) + " is missing: run scripts/build-guest-image.sh");
            }
        }
        try {
            open().close();
        } catch (LibvirtException | LinkageError e) {
            fail("libvirtd does not answer on " + LibvirtSettings.DEFAULT_URI + " (" + e.getMessage()
                    + "): run scripts/start-libvirt.sh");
        }
    }

    /** The size at which virtlogd rotates a console file: its configuration, else its default. */
    static long consoleMaxSize() {
        return virtlogdSetting("max_size", 2L * 1024 * 1024);
    }

    /** How many rotated console files virtlogd keeps besides the one it writes. */
    static int consoleMaxBackups() {
        return Math.toIntExact(virtlogdSetting("max_backups", 3));
    }

    /** A console file and the older ones virtlogd rotated it into. */
    static List<Path> consoleFiles(Path console) throws IOException {
        if (!Files.isDirectory(console.getParent())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(console.getParent())) {
            return files.filter(file -> file.getFileName().toString().startsWith(console.getFileName().toString())).toList();
        }
    }

    private static long virtlogdSetting(String key, long fallback) {
        Path configuration = Path.of("/etc/libvirt/virtlogd.conf");
        try {
            if (!Files.exists(configuration)) {
                return fallback;
            }
            Pattern setting = Pattern.compile("^\\s*" + key + "\\s*=\\s*(\\d+)\\s*$");
            return Files.readAllLines(configuration).stream()
                    .map(setting::matcher).filter(Matcher::matches)
                    .map(matcher -> Long.parseLong(matcher.group(1)))
                    .reduce((first, last) -> last).orElse(fallback);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Connect open() throws LibvirtException {
        return new Connect(LibvirtSettings.DEFAULT_URI, false);
    }

    static boolean domainExists(UUID uuid) throws LibvirtException {
        Connect connect = open();
        try {
            connect.domainLookupByUUID(uuid);
            return true;
        } catch (LibvirtException e) {
            return false;
        } finally {
            connect.close();
        }
    }

    /** The capacity of the VPS's volume in the test pool, or -1 when there is no such volume. */
    static long volumeCapacity(UUID vpsId) throws LibvirtException {
        Connect connect = open();
        try {
            StorageVol volume = connect.storagePoolLookupByName(TEST_POOL).storageVolLookupByName(GuestVolumes.volumeName(vpsId));
            return volume.getInfo().capacity;
        } catch (LibvirtException e) {
            return -1;
        } finally {
            connect.close();
        }
    }

    /** Defines a domain as someone else would: same daemon, none of our metadata. */
    static void defineForeignDomain(UUID uuid) throws LibvirtException {
        String xml = """
                <domain type='qemu'>
                  <name>foreign-%s</name>
                  <uuid>%s</uuid>
                  <memory unit='MiB'>128</memory>
                  <vcpu>1</vcpu>
                  <os><type>hvm</type></os>
                </domain>
                """.formatted(uuid, uuid);
        Connect connect = open();
        try {
            connect.domainDefineXML(xml);
        } finally {
            connect.close();
        }
    }

    static void undefineDomain(UUID uuid) throws LibvirtException {
        Connect connect = open();
        try {
            Domain domain = connect.domainLookupByUUID(uuid);
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
        } finally {
            connect.close();
        }
    }
}
