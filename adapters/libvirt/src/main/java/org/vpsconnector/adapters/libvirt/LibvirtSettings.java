package org.vpsconnector.adapters.libvirt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.vpsconnector.domain.OperatingSystem;

/**
 * Where and how the libvirt adapter runs guests.
 *
 * @param uri              libvirt connection URI, e.g. {@code qemu:///system}
 * @param domainType       {@code kvm} on hosts with hardware virtualisation, {@code qemu} (software emulation) elsewhere
 * @param images           the operating systems offered, the default first
 * @param network          what every guest's network card is plugged into
 * @param tbCacheMib       QEMU's translation cache per guest under software emulation ({@code domainType} qemu),
 *                         0 for QEMU's default (about 1 GiB of host memory per guest)
 * @param storagePool      libvirt storage pool holding the VPS disks and seeds; created as a directory pool if missing
 * @param storageDirectory directory of that pool
 * @param consoleDirectory where each guest's serial console is written, one file per VPS
 * @param readyMarker      the line a {@link Readiness#CONSOLE_MARKER} guest prints on its console once it has booted
 * @param owner            marks this installation's domains, so that two installations on a host do not see each other's
 * @param shutdownTimeout  how long a stop waits for the guest to power off before pulling the plug
 * @param callTimeout      how long one call to libvirtd may take (a stop included); longer than {@code shutdownTimeout}
 */
public record LibvirtSettings(String uri, String domainType, List<GuestImage> images, Network network, int tbCacheMib,
                              String storagePool, Path storageDirectory, Path consoleDirectory, String readyMarker,
                              String owner, Duration shutdownTimeout, Duration callTimeout) {

    /** When a started guest counts as ready. */
    public enum Readiness {
        /**
         * Its QEMU guest agent answers and cloud-init has finished: asked through libvirt, so it works for a
         * remote libvirt host. Such an image runs cloud-init, which the VPS's NoCloud seed configures.
         */
        GUEST_AGENT,
        /** Its serial console shows the ready marker: for images without an agent; libvirtd must be on this host. */
        CONSOLE_MARKER
    }

    /**
     * The image of one operating system, booted directly (kernel, initial ramdisk, command line).
     *
     * @param baseVolume the volume in {@code basePool} every VPS disk is a copy-on-write overlay of; null for a
     *                   blank disk
     */
    public record GuestImage(OperatingSystem operatingSystem, String basePool, String baseVolume, Path kernel,
                             Path initrd, String commandLine, Readiness readiness) {
        public GuestImage {
            Objects.requireNonNull(operatingSystem, "operatingSystem");
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(initrd, "initrd");
            Objects.requireNonNull(commandLine, "commandLine");
            Objects.requireNonNull(readiness, "readiness");
            if ((basePool == null) != (baseVolume == null)) {
                throw new IllegalArgumentException("an image's basePool and baseVolume go together, got "
                        + basePool + " and " + baseVolume);
            }
        }

        boolean hasBaseVolume() {
            return baseVolume != null;
        }
    }

    /**
     * A libvirt network ({@code type} network, {@code source} its name: NAT with DHCP) or a host bridge
     * ({@code type} bridge, {@code source} the bridge device).
     */
    public record Network(String type, String source) {
        public Network {
            if (!"network".equals(type) && !"bridge".equals(type)) {
                throw new IllegalArgumentException("network type must be network or bridge, got " + type);
            }
            requireText(source, "network source");
        }
    }

    public static final String DEFAULT_URI = "qemu:///system";
    public static final String DEFAULT_OWNER = "vps-connector";
    public static final String DEFAULT_READY_MARKER = "vps-connector: guest ready";
    public static final String DEFAULT_NETWORK = "vps-connector";
    public static final String IMAGE_POOL = "vps-connector-images";

    public LibvirtSettings {
        requireText(uri, "uri");
        requireText(domainType, "domainType");
        Objects.requireNonNull(images, "images");
        if (images.isEmpty()) {
            throw new IllegalArgumentException("at least one image must be offered");
        }
        images = List.copyOf(images);
        if (images.stream().map(image -> image.operatingSystem().toString().toLowerCase()).distinct().count() != images.size()) {
            throw new IllegalArgumentException("two images of the same operating system: " + images);
        }
        Objects.requireNonNull(network, "network");
        if (tbCacheMib < 0) {
            throw new IllegalArgumentException("tbCacheMib must not be negative, got " + tbCacheMib);
        }
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

    /** The Debian 12 image scripts/build-guest-image.sh builds into {@code imageDirectory}. */
    public static GuestImage debian12(Path imageDirectory) {
        return new GuestImage(new OperatingSystem("debian", "12"), IMAGE_POOL, "debian-12.qcow2",
                imageDirectory.resolve("debian-12.vmlinuz"), imageDirectory.resolve("debian-12.initrd.img"),
                "root=/dev/vda rw console=ttyS0", Readiness.GUEST_AGENT);
    }

    /** The busybox boot image scripts/build-guest-image.sh builds into {@code directory}: boots in seconds, no login. */
    public static GuestImage busybox(Path directory) {
        return new GuestImage(new OperatingSystem("busybox", "1"), null, null, directory.resolve("vmlinuz"),
                directory.resolve("initrd.gz"), "console=ttyS0 quiet", Readiness.CONSOLE_MARKER);
    }

    /** The images, network and directories that scripts/build-guest-image.sh and scripts/start-libvirt.sh set up. */
    public static LibvirtSettings defaults(String domainType) {
        Path home = Path.of("/var/lib/vps-connector");
        return new LibvirtSettings(DEFAULT_URI, domainType, List.of(debian12(home.resolve("vm-images"))),
                new Network("network", DEFAULT_NETWORK), 256, "vps-connector", home.resolve("volumes"),
                home.resolve("console"), DEFAULT_READY_MARKER, DEFAULT_OWNER, Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    /** The same settings offering other images. */
    public LibvirtSettings withImages(List<GuestImage> otherImages) {
        return new LibvirtSettings(uri, domainType, otherImages, network, tbCacheMib, storagePool, storageDirectory,
                consoleDirectory, readyMarker, owner, shutdownTimeout, callTimeout);
    }

    /** The same settings on another libvirt URI. */
    public LibvirtSettings withUri(String otherUri) {
        return new LibvirtSettings(otherUri, domainType, images, network, tbCacheMib, storagePool, storageDirectory,
                consoleDirectory, readyMarker, owner, shutdownTimeout, callTimeout);
    }

    /** The same settings under another owner. */
    public LibvirtSettings withOwner(String otherOwner) {
        return new LibvirtSettings(uri, domainType, images, network, tbCacheMib, storagePool, storageDirectory,
                consoleDirectory, readyMarker, otherOwner, shutdownTimeout, callTimeout);
    }

    List<OperatingSystem> operatingSystems() {
        return images.stream().map(GuestImage::operatingSystem).toList();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
