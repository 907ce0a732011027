package org.vpsconnector.bootstrap.backend;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Clock;
import org.vpsconnector.adapters.libvirt.LibvirtHypervisorBackend;
import org.vpsconnector.adapters.libvirt.LibvirtSettings;
import org.vpsconnector.application.port.out.HypervisorBackend;
import org.vpsconnector.bootstrap.logging.MdcLogContext;

/** Virtual machines on libvirt; the defaults are what scripts/start-libvirt.sh and scripts/build-guest-image.sh set up. */
@JsonTypeName("libvirt")
public class LibvirtHypervisorBackendFactory implements HypervisorBackendFactory {
    private static final LibvirtSettings DEFAULTS = LibvirtSettings.defaults("kvm");

    @NotEmpty
    @JsonProperty
    private String uri = DEFAULTS.uri();

    /** {@code kvm} on hosts with hardware virtualisation, {@code qemu} (software emulation) elsewhere. */
    @Pattern(regexp = "kvm|qemu")
    @JsonProperty
    private String domainType = DEFAULTS.domainType();

    @NotNull
    @JsonProperty
    private Path kernel = DEFAULTS.bootImage().kernel();

    @NotNull
    @JsonProperty
    private Path initrd = DEFAULTS.bootImage().initrd();

    @NotEmpty
    @JsonProperty
    private String kernelCommandLine = DEFAULTS.bootImage().commandLine();

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
    public HypervisorBackend build(Environment environment, Clock clock) {
        LibvirtHypervisorBackend backend = new LibvirtHypervisorBackend(new LibvirtSettings(uri, domainType,
                new LibvirtSettings.BootImage(kernel, initrd, kernelCommandLine), storagePool, storageDirectory,
                consoleDirectory, readyMarker, owner, shutdownTimeout.toJavaDuration(), callTimeout.toJavaDuration()), MdcLogContext.INSTANCE);
        environment.lifecycle().manage(new ClosingOnStop(backend));
        return backend;
    }
}
