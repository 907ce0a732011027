package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.vpsconnector.adapters.libvirt.LibvirtHypervisorBackend;
import org.vpsconnector.adapters.libvirt.LibvirtSettings;
import org.vpsconnector.application.port.out.HypervisorBackend;
import org.vpsconnector.bootstrap.logging.MdcLogContext;
import org.vpsconnector.domain.OperatingSystem;

/** Virtual machines on libvirt; the defaults are what scripts/start-libvirt.sh and scripts/build-guest-image.sh set up. */
@JsonTypeName("libvirt")
public class LibvirtHypervisorBackendFactory extends HostConfiguration implements HypervisorBackendFactory {
    private static final LibvirtSettings DEFAULTS = LibvirtSettings.defaults("kvm");

    /** The image of one operating system offered for VMs. */
    public static class Image {
        @NotEmpty
        @JsonProperty
        private String os;

        @NotEmpty
        @JsonProperty
        private String version;

        /** The storage pool and volume every VPS disk is an overlay of; both absent for a blank disk. */
        @JsonProperty
        private String basePool;

        @JsonProperty
        private String baseVolume;

        @NotNull
        @JsonProperty
        private Path kernel;

        @NotNull
        @JsonProperty
        private Path initrd;

        @NotEmpty
        @JsonProperty
        private String kernelCommandLine;

        /** {@code guest-agent}: the agent answers and cloud-init has finished; {@code console-marker}: the console shows the ready marker. */
        @NotNull
        @Pattern(regexp = "guest-agent|console-marker")
        @JsonProperty
        private String readiness = "guest-agent";

        LibvirtSettings.GuestImage toGuestImage() {
            return new LibvirtSettings.GuestImage(new OperatingSystem(os, version), basePool, baseVolume, kernel, initrd,
                    kernelCommandLine, "console-marker".equals(readiness)
                            ? LibvirtSettings.Readiness.CONSOLE_MARKER : LibvirtSettings.Readiness.GUEST_AGENT);
        }
    }

    /** What the guests' network cards are plugged into. */
    public static class Network {
        /** {@code network}: a libvirt network (NAT with DHCP); {@code bridge}: a bridge device of the host. */
        @NotNull
        @Pattern(regexp = "network|bridge")
        @JsonProperty
        private String type = DEFAULTS.network().type();

        /** The libvirt network's name, or the bridge device. */
        @NotEmpty
        @JsonProperty
        private String source = DEFAULTS.network().source();
    }

    /**
     * The libvirt connection URI; its transport is libvirt's own. A remote host over TLS:
     * {@code qemu+tls://host/system}, the client's files at /etc/pki/CA/cacert.pem,
     * /etc/pki/libvirt/clientcert.pem and /etc/pki/libvirt/private/clientkey.pem, or
     * {@code ?pkipath=DIR} with cacert.pem, clientcert.pem and clientkey.pem in DIR; over SSH:
     * {@code qemu+ssh://root@host/system?keyfile=FILE}, the host's key known beforehand.
     * {@code qemu+tcp://} carries everything in the clear: loopback or a trusted link only.
     */
    @NotEmpty
    @JsonProperty
    private String uri = DEFAULTS.uri();

    /** {@code kvm} on hosts with hardware virtualisation, {@code qemu} (software emulation) elsewhere. */
    @Pattern(regexp = "kvm|qemu")
    @JsonProperty
    private String domainType = DEFAULTS.domainType();

    /** The operating systems offered, the default first. */
    @NotEmpty
    @Valid
    @JsonProperty
    private List<Image> images;

    @NotNull
    @Valid
    @JsonProperty
    private Network network = new Network();

    /** QEMU's translation cache per guest under software emulation; 0 for QEMU's default (about 1 GiB). */
    @Min(0)
    @JsonProperty
    private int tbCacheMib = DEFAULTS.tbCacheMib();

    @NotEmpty
    @JsonProperty
    private String storagePool = DEFAULTS.storagePool();

    @NotNull
    @JsonProperty
    private Path storageDirectory = DEFAULTS.storageDirectory();

    @NotNull
    @JsonProperty
    private Path consoleDirectory = DEFAULTS.consoleDirectory();

    @NotEmpty
    @JsonProperty
    private String readyMarker = DEFAULTS.readyMarker();

    @NotEmpty
    @JsonProperty
    private String owner = DEFAULTS.owner();

    @NotNull
    @JsonProperty
    private Duration shutdownTimeout = Duration.seconds(DEFAULTS.shutdownTimeout().toSeconds());

    /** How long one call to libvirtd may take; longer than {@code shutdownTimeout}, as a stop waits that long. */
    @NotNull
    @JsonProperty
    private Duration callTimeout = Duration.seconds(DEFAULTS.callTimeout().toSeconds());

    @Override
    public HypervisorBackend build(Environment environment, Clock clock, String host) {
        LibvirtHypervisorBackend backend = new LibvirtHypervisorBackend(new LibvirtSettings(uri, domainType,
                images.stream().map(Image::toGuestImage).toList(), new LibvirtSettings.Network(network.type, network.source),
                tbCacheMib, storagePool, storageDirectory, consoleDirectory, readyMarker, owner,
                shutdownTimeout.toJavaDuration(), callTimeout.toJavaDuration()), MdcLogContext.INSTANCE);
        environment.lifecycle().manage(new ClosingOnStop(backend));
        return backend;
    }
}
