package org.vpsconnector.adapters.libvirt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the libvirt adapter runs guests.
 *
 * @param uri              libvirt connection URI, e.g. {@code qemu:///system}
 * @param domainType       {@code kvm} on hosts with hardware virtualisation, {@code qemu} (software emulation) elsewhere
 * @param bootImage        what every guest boots
 * @param storagePool      libvirt storage pool holding the VPS disks; created as a directory pool if missing
 * @param storageDirectory directory of that pool
 * @param consoleDirectory where each guest's serial console is written, one file per VPS
 * @param readyMarker      the line the guest prints on its console once it has booted
 * @param owner            marks this installation's domains, so that two installations on a host do not see each other's
 * @param shutdownTimeout  how long a stop waits for the guest to power off before pulling the plug
 * @param callTimeout      how long one call to libvirtd may take (a stop included); longer than {@code shutdownTimeout}
 */
public record LibvirtSettings(String uri, String domainType, BootImage bootImage, String storagePool,
                              Path storageDirectory, Path consoleDirectory, String readyMarker, String owner,
                              Duration shutdownTimeout, Duration callTimeout) {

    /** Direct kernel boot: the guest's kernel, initial ramdisk and kernel command line. */
    public record BootImage(Path kernel, Path initrd, String commandLine) {
        public BootImage {
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(initrd, "initrd");
            Objects.requireNonNull(commandLine, "commandLine");
        }
    }

    public static final String DEFAULT_URI = "qemu:///system";
    public static final String DEFAULT_OWNER = "vps-connector";
    public static final String DEFAULT_READY_MARKER = "vps-connector: guest ready";

    public LibvirtSettings {
        requireText(uri, "uri");
        requireText(domainType, "domainType");
        Objects.requireNonNull(bootImage, "bootImage");
        requireText(storagePool, "storagePool");
        Objects.requireNonNull(storageDirectory, "storageDirectory");
        Objects.requireNonNull(consoleDirectory, "consoleDirectory");
        requireText(readyMarker, "readyMarker");
        requireText(owner, "owner");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative, got " + shutdownTimeout);
        }
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.compareTo(shutdownTimeout) <= 0) {
            throw new IllegalArgumentException("callTimeout (" + callTimeout + ") must be longer than shutdownTimeout ("
                    + shutdownTimeout + "): a stop waits that long within one call");
        }
    }

    /** The image and directories that scripts/build-guest-image.sh and scripts/start-libvirt.sh set up. */
    public static LibvirtSettings defaults(String domainType) {
        Path home = Path.of("/var/lib/vps-connector");
        return new LibvirtSettings(DEFAULT_URI, domainType,
                new BootImage(home.resolve("guest/vmlinuz"), home.resolve("guest/initrd.gz"), "console=ttyS0 quiet"),
                "vps-connector", home.resolve("volumes"), home.resolve("console"), DEFAULT_READY_MARKER,
                DEFAULT_OWNER, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
