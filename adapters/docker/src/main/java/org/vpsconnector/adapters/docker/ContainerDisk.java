package org.vpsconnector.adapters.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Info;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.vpsconnector.application.port.out.Acceptance;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.domain.Hardware;

/**
 * The disk of a container VPS: its {@code diskspace} as the container's size limit
 * ({@code --storage-opt size}), on engines whose storage driver can enforce one, and what becomes
 * of container VPSes on an engine that cannot. Whether the engine can is asked once it answers
 * and remembered: a storage driver does not change while the engine runs.
 * <p>
 * Docker cannot change a container's size in place. A new size is given the way a customer
 * expects of a VPS, files kept: the stopped container is committed to an image, renamed aside,
 * and made again from that image with the same name, labels, host configuration and the new
 * size; then the old one is removed. The image stays while the container lives on its layers
 * and goes with the VPS. Each step can be repeated after a crash: the container set aside is
 * found again by its name.
 */
final class ContainerDisk {
    static final String RESIZED_REPOSITORY_PREFIX = "vps-connector-resized/";
    private static final System.Logger LOG = System.getLogger(ContainerDisk.class.getName());
    /** Drivers that cap a container's size on any backing file system. */
    private static final List<String> SIZING_DRIVERS = List.of("btrfs", "zfs", "devicemapper");
    private static final String PROBE_NAME_PREFIX = "vps-connector-disk-probe-";
    private static final int STOP_GRACE_SECONDS = 5;

    /** Whether the engine caps container sizes, and how the operator is told so. */
    record Enforcement(boolean enforced, String explanation) {
    }

    private final DockerClient docker;
    /** For commits, which copy the container's files and take as long as a pull may. */
    private final DockerClient slowDocker;
    private final DockerFailures failures;
    private final DockerFailures slowFailures;
    private final DockerSettings settings;
    private volatile Enforcement known;
    /**
     * One resize of a VPS at a time: an attempt abandoned at the call timeout (a commit of many
     * gigabytes takes long) may still run when the operation's next attempt comes.
     */
    private final Object[] resizeLocks = new Object[64];

    ContainerDisk(DockerClient docker, DockerClient slowDocker, DockerFailures failures, DockerFailures slowFailures,
                  DockerSettings settings) {
        this.docker = docker;
        this.slowDocker = slowDocker;
        this.failures = failures;
        this.slowFailures = slowFailures;
        this.settings = settings;
        for (int i = 0; i < resizeLocks.length; i++) {
            resizeLocks[i] = new Object();
        }
    }

    /** Asks the engine unless it answered before; a {@link BackendException} when it cannot be reached. */
    Enforcement enforcement() {
        return enforcement(failures);
    }

    /** As {@link #enforcement()}, calling the engine through {@code via}. */
    Enforcement enforcement(DockerFailures via) {
        Enforcement enforcement = known;
        if (enforcement == null) {
            enforcement = via.during("ask whether the engine can cap container sizes", this::ask);
            known = enforcement;
            LOG.log(enforcement.enforced() ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                    "Container disk limits: {0}", describe(enforcement));
        }
        return enforcement;
    }

    /** What the operator reads: whether sizes are capped and, when not, what happens to container VPSes. */
    String describe(Enforcement enforcement) {
        if (enforcement.enforced()) {
            return "enforced: " + enforcement.explanation();
        }
        return "NOT enforced: " + enforcement.explanation() + "; container VPSes are "
                + (settings.unenforceableDiskLimits() == DockerSettings.UnenforceableDiskLimits.REFUSE
                ? "refused (unenforceableDiskLimits: refuse)"
                : "accepted with their diskspace not enforced (unenforceableDiskLimits: accept)");
    }

    Acceptance acceptance() {
        Enforcement enforcement;
        try {
            enforcement = enforcement();
        } catch (BackendException unreachable) {
            return Acceptance.UNRESERVED;
        }
        if (enforcement.enforced()) {
            return Acceptance.UNRESERVED;
        }
        return settings.unenforceableDiskLimits() == DockerSettings.UnenforceableDiskLimits.REFUSE
                ? Acceptance.refused("the Docker engine at " + settings.dockerHost()
                + " cannot cap a container's disk size (" + enforcement.explanation() + ")")
                : Acceptance.withCaveat("diskspace is not enforced: the Docker engine cannot cap a container's disk size");
    }

    /** The size limit of a new container; fails for good when the engine cannot cap it and that is refused. */
    HostConfig limit(HostConfig hostConfig, Hardware hardware) {
        requireAccepted();
        return sized(hostConfig, hardware);
    }

    private void requireAccepted() {
        Acceptance acceptance = acceptance();
        if (acceptance.refuses()) {
            throw BackendException.permanentFailure("container VPSes are refused: " + acceptance.refusal(), null);
        }
    }

    private HostConfig sized(HostConfig hostConfig, Hardware hardware) {
        if (!enforcement().enforced()) {
            return hostConfig;
        }
        Map<String, String> options = new HashMap<>(hostConfig.getStorageOpt() == null ? Map.of() : hostConfig.getStorageOpt());
        options.put("size", hardware.diskspaceGb() + "G");
        return hostConfig.withStorageOpt(options);
    }

    /**
     * Gives the container of the VPS the diskspace of {@code hardware}; empty when it has it
     * already. A running container is restarted, a stopped one gets it at its next start.
     */
    Optional<Reconfiguration> resize(UUID vpsId, Hardware hardware) {
        synchronized (resizeLocks[Math.floorMod(vpsId.hashCode(), resizeLocks.length)]) {
            return resizeAlone(vpsId, hardware);
        }
    }

    private Optional<Reconfiguration> resizeAlone(UUID vpsId, Hardware hardware) {
        String name = ContainerIdentity.name(vpsId);
        String aside = name + ".resizing";
        Optional<InspectContainerResponse> current = inspect(name);
        if (current.isEmpty()) {
            Optional<InspectContainerResponse> setAside = inspect(aside);
            if (setAside.isEmpty()) {
                return Optional.empty();
            }
            // An earlier attempt set the container aside and stopped before making the new one;
            // whether it ran before is not kept: it runs again.
            return Optional.of(recreate(vpsId, setAside.get(), hardware, aside, true));
        }
        InspectContainerResponse container = current.get();
        String label = container.getConfig().getLabels() == null ? null
                : container.getConfig().getLabels().get(ContainerHardware.DISKSPACE_LABEL);
        if (Integer.toString(hardware.diskspaceGb()).equals(label)) {
            removeAside(aside);
            return Optional.empty();
        }
        requireAccepted();
        refuseShrinkingBelowUse(name, hardware);
        boolean running = Boolean.TRUE.equals(container.getState().getRunning());
        if (running) {
            failures.during("stop container " + name + " to resize its disk", () -> {
                try {
                    docker.stopContainerCmd(name).withTimeout(STOP_GRACE_SECONDS).exec();
                } catch (NotModifiedException alreadyStopped) {
                    // stopped meanwhile
                }
            });
        }
        removeAside(aside);
        failures.during("set container " + name + " aside as " + aside,
                () -> docker.renameContainerCmd(name).withName(aside).exec());
        InspectContainerResponse renamed = inspect(aside).orElseThrow(() -> BackendException.transientFailure(
                "container " + aside + " vanished while its disk was resized", null));
        return Optional.of(recreate(vpsId, renamed, hardware, aside, running));
    }

    /** Removes what resizes made for the VPS: a container set aside, the images; its container must be gone. */
    void removeLeftoversOfResizes(UUID vpsId) {
        removeAside(ContainerIdentity.name(vpsId) + ".resizing");
        removeResizedImages(vpsId, null);
    }

    private Reconfiguration recreate(UUID vpsId, InspectContainerResponse old, Hardware hardware, String aside,
                                     boolean start) {
        String name = ContainerIdentity.name(vpsId);
        String image = resizedRepository(vpsId) + ":" + hardware.diskspaceGb() + "gb";
        ContainerConfig config = old.getConfig();
        slowFailures.during("commit container " + aside + " as image " + image, () -> {
            ImageReference reference = ImageReference.parse(image);
            return slowDocker.commitCmd(old.getId()).withRepository(reference.repository()).withTag(reference.tag()).exec();
        });
        Map<String, String> labels = new HashMap<>(config.getLabels() == null ? Map.of() : config.getLabels());
        labels.putAll(ContainerHardware.labels(hardware));
        HostConfig hostConfig = sized(old.getHostConfig().withStorageOpt(null), hardware);
        failures.during("create container " + name + " from image " + image, () -> {
            CreateContainerCmd create = docker.createContainerCmd(image)
                    .withName(name)
                    .withLabels(labels)
                    .withHostConfig(hostConfig)
                    .withHostName(config.getHostName())
                    .withDomainName(config.getDomainName())
                    .withUser(config.getUser())
                    .withWorkingDir(config.getWorkingDir())
                    .withTty(config.getTty())
                    .withStdinOpen(config.getStdinOpen());
            if (config.getEnv() != null) {
                create.withEnv(config.getEnv());
            }
            if (config.getEntrypoint() != null) {
                create.withEntrypoint(config.getEntrypoint());
            }
            if (config.getCmd() != null) {
                create.withCmd(config.getCmd());
            }
            if (config.getExposedPorts() != null) {
                create.withExposedPorts(config.getExposedPorts());
            }
            try {
                create.exec();
            } catch (com.github.dockerjava.api.exception.ConflictException madeBefore) {
                // a repeated attempt finds the container it made
            }
        });
        failures.during("remove container " + aside, () -> {
            try {
                docker.removeContainerCmd(aside).withForce(true).exec();
            } catch (NotFoundException removedBefore) {
                // a repeated attempt removed it
            }
        });
        removeResizedImages(vpsId, image);
        if (!start) {
            return Reconfiguration.AT_NEXT_START;
        }
        failures.during("start container " + name, () -> {
            try {
                docker.startContainerCmd(name).exec();
            } catch (NotModifiedException running) {
                // started by a repeated attempt
            }
        });
        return Reconfiguration.RESTARTED;
    }

    /** The limit counts every file of the container, its image's included: less than that cannot be given. */
    private void refuseShrinkingBelowUse(String name, Hardware hardware) {
        InspectContainerResponse sized = failures.during("measure container " + name,
                () -> docker.inspectContainerCmd(name).withSize(true).exec());
        long used = sized.getSizeRootFs() == null ? 0 : sized.getSizeRootFs();
        long offered = hardware.diskspaceGb() * ContainerHardware.BYTES_PER_GB;
        if (used >= offered) {
            throw BackendException.permanentFailure("diskspace " + hardware.diskspaceGb() + " GB is less than the "
                    + String.format(Locale.ROOT, "%.1f", used / (double) ContainerHardware.BYTES_PER_GB)
                    + " GB container " + name + " holds", null);
        }
    }

    private void removeAside(String aside) {
        failures.during("remove container " + aside, () -> {
            try {
                docker.removeContainerCmd(aside).withForce(true).exec();
            } catch (NotFoundException none) {
                // nothing was set aside
            }
        });
    }

    /**
     * Removes the tags of the VPS's resized images but {@code kept}. Only tags are named, never an
     * image id: an image that a container or a later resize still builds on loses its tag and
     * stays until nothing needs it, then goes with the last tag.
     */
    private void removeResizedImages(UUID vpsId, String kept) {
        String prefix = resizedRepository(vpsId) + ":";
        failures.during("remove the resized images of " + ContainerIdentity.name(vpsId), () -> {
            for (Image image : docker.listImagesCmd().exec()) {
                for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                    if (tag.startsWith(prefix) && !tag.equals(kept)) {
                        removeTag(tag);
                    }
                }
            }
        });
    }

    private void removeTag(String tag) {
        try {
            docker.removeImageCmd(tag).exec();
        } catch (NotFoundException removedBefore) {
            // gone already
        } catch (com.github.dockerjava.api.exception.ConflictException stillNeeded) {
            LOG.log(System.Logger.Level.WARNING, "Image {0} stays: {1}", tag, DockerFailures.engineMessage(stillNeeded));
        }
    }

    private Optional<InspectContainerResponse> inspect(String name) {
        return failures.during("inspect container " + name, () -> {
            try {
                return Optional.of(docker.inspectContainerCmd(name).exec());
            } catch (NotFoundException missing) {
                return Optional.<InspectContainerResponse>empty();
            }
        });
    }

    static String resizedRepository(UUID vpsId) {
        return RESIZED_REPOSITORY_PREFIX + ContainerIdentity.name(vpsId);
    }

    private Enforcement ask() {
        Info info = docker.infoCmd().exec();
        String driver = String.valueOf(info.getDriver());
        if (SIZING_DRIVERS.contains(driver)) {
            return new Enforcement(true, "storage driver " + driver + " caps each container's size");
        }
        String backing = backingFilesystem(info);
        String refusal = probe();
        if (refusal == null) {
            return new Enforcement(true, "storage driver " + driver + " on " + backing + " caps each container's size");
        }
        return new Enforcement(false, "storage driver " + driver + " on " + backing
                + " refuses a size: " + refusal + "; btrfs, zfs, or overlay2 on xfs mounted with pquota can");
    }

    /**
     * Null when the engine accepts a container with a size, else its reason for refusing one. A
     * container is made and removed at once: the engine refuses a size at create, not later.
     */
    private String probe() {
        String image = probeImage();
        String probe = PROBE_NAME_PREFIX + UUID.randomUUID();
        try {
            docker.createContainerCmd(image)
                    .withName(probe)
                    .withCmd("true")
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withStorageOpt(Map.of("size", "1G")))
                    .exec();
            return null;
        } catch (NotFoundException imageRemovedMeanwhile) {
            throw BackendException.transientFailure("cannot tell yet whether the engine caps container sizes: image "
                    + image + " went while it was tried", imageRemovedMeanwhile);
        } catch (DockerException refused) {
            return DockerFailures.engineMessage(refused);
        } finally {
            try {
                docker.removeContainerCmd(probe).withForce(true).exec();
            } catch (NotFoundException neverMade) {
                // the engine refused it
            }
        }
    }

    /** The default image, else any: a size is refused or accepted whatever the image. */
    private String probeImage() {
        try {
            docker.inspectImageCmd(settings.defaultImage()).exec();
            return settings.defaultImage();
        } catch (NotFoundException missing) {
            return docker.listImagesCmd().exec().stream().map(Image::getId).findFirst()
                    .orElseThrow(() -> BackendException.transientFailure("cannot tell yet whether the engine caps"
                            + " container sizes: it has no image to try one with", missing));
        }
    }

    private static String backingFilesystem(Info info) {
        if (info.getDriverStatuses() != null) {
            for (List<String> status : info.getDriverStatuses()) {
                if (status.size() == 2 && status.get(0).equals("Backing Filesystem")) {
                    return status.get(1);
                }
            }
        }
        return "an unknown file system";
    }
}
