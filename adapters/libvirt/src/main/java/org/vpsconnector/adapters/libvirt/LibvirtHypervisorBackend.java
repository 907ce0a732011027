package org.vpsconnector.adapters.libvirt;

import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.OperatingSystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.vpsconnector.application.port.out.BackendException;
import org.vpsconnector.application.port.out.HypervisorBackend;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.application.port.out.ServerStatus;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.HostName;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.UsageReading;

/**
 * Virtual-machine VPSes as libvirt domains: one domain per VPS named {@code vps-<id>} with the VPS
 * id as its UUID (so a repeated define updates, never duplicates), booted from the kernel and
 * initrd of the image of its operating system, with a qcow2 overlay of the image's base volume as
 * its disk and a cloud-init seed (host name, root's login) as a second one, on the configured
 * network. A guest of an image with a guest agent is ready once the agent answers and cloud-init
 * has finished; one of an image without is ready once its console shows the ready marker.
 */
public final class LibvirtHypervisorBackend implements HypervisorBackend, AutoCloseable {

    private static final int VIR_DOMAIN_XML_INACTIVE = 2;
    private static final Duration POWER_OFF_POLL = Duration.ofMillis(100);
    private static final int LOCK_STRIPES = 64;

    private final LibvirtSettings settings;
    private final LibvirtConnection connection;
    private final GuestVolumes volumes;
    private final GuestConsoles consoles;
    private final ReentrantLock[] vpsLocks = new ReentrantLock[LOCK_STRIPES];
    /** The boot (libvirt's domain id) in which each guest was last seen ready: asked once per boot. */
    private final Map<UUID, Integer> readyBoots = new ConcurrentHashMap<>();

    /** Throws {@link IllegalStateException} when the native libvirt client library is missing. */
    public LibvirtHypervisorBackend(LibvirtSettings settings) {
        this(settings, LogContext.NONE);
    }

    /** {@code logContext} carries the caller's log marks to the threads that call libvirt. */
    public LibvirtHypervisorBackend(LibvirtSettings settings, LogContext logContext) {
        this.settings = settings;
        this.connection = new LibvirtConnection(settings.uri(), settings.callTimeout(), logContext);
        this.volumes = new GuestVolumes(settings.storagePool(), settings.storageDirectory());
        this.consoles = new GuestConsoles(settings.consoleDirectory(), settings.readyMarker());
        for (int stripe = 0; stripe < LOCK_STRIPES; stripe++) {
            vpsLocks[stripe] = new ReentrantLock();
        }
    }

    @Override
    public Technology technology() {
        return Technology.VIRTUAL_MACHINE;
    }

    @Override
    public void create(ServerSpec spec) {
        UUID vpsId = spec.vpsId();
        if (!spec.hardware().vm()) {
            throw BackendException.permanentFailure("VPS " + vpsId + " is a container, not a virtual machine", null);
        }
        exclusively(vpsId, () -> connection.call("create the virtual machine of VPS " + vpsId, connect -> {
            if (findDomain(connect, vpsId).isPresent()) {
                requireOurs(connect, vpsId, "create");
                return null;
            }
            LibvirtSettings.GuestImage image = imageFor(spec);
            String volumePath = volumes.ensure(connect, vpsId, spec.hardware().diskspaceGb(), image);
            String seedPath = null;
            if (image.readiness() == LibvirtSettings.Readiness.GUEST_AGENT) {
                seedPath = volumes.uploadSeed(connect, vpsId,
                        CloudInitSeed.iso(vpsId, HostName.of(spec.name(), vpsId), spec.login()));
            }
            consoles.prepareDirectory();
            connect.domainDefineXML(DomainXml.define(spec, image, volumePath, seedPath,
                    CloudInitSeed.digest(spec.login()), consoles.logOf(vpsId), settings));
            return null;
        }));
    }

    @Override
    public void start(UUID vpsId) {
        exclusively(vpsId, () -> connection.call("start the virtual machine of VPS " + vpsId, connect -> {
            Domain domain = requireOurs(connect, vpsId, "start");
            if (domain.isActive() == 0) {
                domain.create();
            }
            return null;
        }));
    }

    @Override
    public void stop(UUID vpsId) {
        exclusively(vpsId, () -> connection.call("stop the virtual machine of VPS " + vpsId, connect -> {
            Domain domain = requireOurs(connect, vpsId, "stop");
            powerOff(domain, imageOf(describe(domain)));
            return null;
        }));
    }

    @Override
    public List<OperatingSystem> operatingSystems() {
        return settings.operatingSystems();
    }

    @Override
    public Reconfiguration reconfigure(UUID vpsId, Hardware hardware, Login login) {
        return exclusively(vpsId, () -> connection.call("reconfigure the virtual machine of VPS " + vpsId, connect -> {
            Domain domain = requireOurs(connect, vpsId, "reconfigure");
            String definition = domain.getXMLDesc(VIR_DOMAIN_XML_INACTIVE);
            DomainDescription current = DomainXml.read(definition);
            LibvirtSettings.GuestImage image = imageOf(current);
            int diskspaceGb = diskspaceGb(connect, vpsId);
            if (hardware.diskspaceGb() < diskspaceGb) {
                throw BackendException.permanentFailure("the disk of VPS " + vpsId + " cannot shrink from "
                        + diskspaceGb + " GB to " + hardware.diskspaceGb() + " GB", null);
            }
            boolean sameHardware = hardware.memoryGb() == current.memoryGb() && hardware.cpuCount() == current.cpuCount()
                    && hardware.diskspaceGb() == diskspaceGb;
            String loginDigest = CloudInitSeed.digest(login);
            // An image without cloud-init and agent has no login to change.
            boolean sameLogin = image.readiness() != LibvirtSettings.Readiness.GUEST_AGENT
                    || loginDigest.equals(current.loginDigest());
            if (sameHardware && sameLogin) {
                return Reconfiguration.UNCHANGED;
            }
            if (!sameLogin) {
                // The seed carries the login to every later boot.
                volumes.uploadSeed(connect, vpsId, CloudInitSeed.iso(vpsId, hostName(domain, vpsId), login));
            }
            boolean wasRunning = domain.isActive() == 1;
            String updated = DomainXml.withLoginDigest(definition, loginDigest);
            if (sameHardware) {
                if (wasRunning) {
                    if (!GuestAgent.answers(domain)) {
                        throw BackendException.transientFailure("the guest agent of VPS " + vpsId
                                + " does not answer yet: root's login is changed once it does", null);
                    }
                    GuestAgent.runScript(domain, "change root's login", CloudInitSeed.loginScript(login),
                            settings.shutdownTimeout());
                }
                connect.domainDefineXML(updated);
                return wasRunning ? Reconfiguration.APPLIED : Reconfiguration.AT_NEXT_START;
            }
            // New limits and a grown disk only reach a guest through a fresh boot; its root file
            // system grows to the disk at every boot, and a new login is applied from the seed.
            powerOff(domain, image);
            volumes.grow(connect, vpsId, hardware.diskspaceGb());
            connect.domainDefineXML(DomainXml.withHardware(updated, hardware.memoryGb(), hardware.cpuCount()));
            if (wasRunning) {
                domain.create();
                return Reconfiguration.RESTARTED;
            }
            return Reconfiguration.AT_NEXT_START;
        }));
    }

    @Override
    public void destroy(UUID vpsId) {
        exclusively(vpsId, () -> connection.call("destroy the virtual machine of VPS " + vpsId, connect -> {
            Optional<Domain> domain = findDomain(connect, vpsId);
            if (domain.isPresent()) {
                DomainDescription description = describe(domain.get());
                if (!description.ownedBy(settings.owner())) {
                    return null;
                }
                // A guest that powers off releases its DHCP lease; one whose plug is pulled keeps it until it expires.
                powerOff(domain.get(), imageOf(description));
                undefine(domain.get());
            }
            // Also when the domain is gone: a create that failed half-way may have left its volume.
            volumes.delete(connect, vpsId);
            consoles.delete(vpsId);
            readyBoots.remove(vpsId);
            return null;
        }));
    }

    @Override
    public Optional<ServerStatus> inspect(UUID vpsId) {
        return connection.call("inspect the virtual machine of VPS " + vpsId, connect -> {
            Optional<Domain> domain = findDomain(connect, vpsId);
            if (domain.isEmpty()) {
                return Optional.empty();
            }
            DomainDescription description = describe(domain.get());
            return description.ownedBy(settings.owner())
                    ? Optional.of(status(connect, domain.get(), description))
                    : Optional.empty();
        });
    }

    @Override
    public Optional<UsageReading> measure(UUID vpsId) {
        return connection.call("measure the virtual machine of VPS " + vpsId, connect -> {
            Optional<Domain> domain = findDomain(connect, vpsId);
            if (domain.isEmpty() || !describe(domain.get()).ownedBy(settings.owner())) {
                return Optional.empty();
            }
            return Optional.of(GuestUsage.of(domain.get(), volumes.allocationBytes(connect, vpsId).orElse(0L)));
        });
    }

    @Override
    public List<ServerStatus> list() {
        return connection.call("list the virtual machines", connect -> {
            List<ServerStatus> servers = new ArrayList<>();
            for (Domain domain : connect.listAllDomains(0)) {
                try {
                    DomainDescription description = describe(domain);
                    if (description.ownedBy(settings.owner())) {
                        servers.add(status(connect, domain, description));
                    }
                } catch (LibvirtException e) {
                    // Undefined by someone else since listAllDomains: it is not there to list.
                    if (!LibvirtFailures.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                        throw e;
                    }
                }
            }
            return List.copyOf(servers);
        });
    }

    @Override
    public void ping() {
        connection.call("reach libvirtd", Connect::getLibVersion);
    }

    @Override
    public void close() {
        connection.close();
    }

    private ServerStatus status(Connect connect, Domain domain, DomainDescription description) throws LibvirtException {
        boolean running = domain.isActive() == 1;
        LibvirtSettings.GuestImage image = imageOf(description);
        boolean guestReady = running && guestReady(domain, description.uuid(), image);
        String ipv4 = running ? GuestAddresses.ipv4(domain, settings.network(), guestReady
                && image.readiness() == LibvirtSettings.Readiness.GUEST_AGENT) : null;
        Hardware hardware = new Hardware(description.memoryGb(), diskspaceGb(connect, description.uuid()),
                description.cpuCount(), true);
        return new ServerStatus(description.uuid(), description.instanceId(),
                running ? ServerStatus.Power.RUNNING : ServerStatus.Power.STOPPED, guestReady, hardware, ipv4);
    }

    private boolean guestReady(Domain domain, UUID vpsId, LibvirtSettings.GuestImage image) throws LibvirtException {
        if (image.readiness() == LibvirtSettings.Readiness.CONSOLE_MARKER) {
            return consoles.showsReadyMarker(vpsId);
        }
        int boot = domain.getID();
        if (Integer.valueOf(boot).equals(readyBoots.get(vpsId))) {
            return true;
        }
        if (GuestAgent.answers(domain) && GuestAgent.cloudInitFinished(domain)) {
            readyBoots.put(vpsId, boot);
            return true;
        }
        return false;
    }

    /** The image a VPS is made from, chosen by its platform's OS. */
    private LibvirtSettings.GuestImage imageFor(ServerSpec spec) {
        OperatingSystem system;
        try {
            system = OperatingSystem.choose(settings.operatingSystems(), spec.platform());
        } catch (InvalidRequestException e) {
            throw BackendException.permanentFailure("cannot create the virtual machine of VPS " + spec.vpsId() + ": "
                    + e.getMessage(), e);
        }
        return settings.images().get(settings.operatingSystems().indexOf(system));
    }

    /**
     * The image a domain was made from. A domain of an image no longer configured (or made before
     * images were recorded) is treated as the default image of its kind.
     */
    private LibvirtSettings.GuestImage imageOf(DomainDescription description) {
        if (description.operatingSystem() != null) {
            int index = settings.operatingSystems().indexOf(description.operatingSystem());
            if (index >= 0) {
                return settings.images().get(index);
            }
        }
        LibvirtSettings.Readiness readiness = description.operatingSystem() == null
                ? LibvirtSettings.Readiness.CONSOLE_MARKER : LibvirtSettings.Readiness.GUEST_AGENT;
        return settings.images().stream().filter(image -> image.readiness() == readiness).findFirst()
                .orElse(settings.images().get(0));
    }

    private static String hostName(Domain domain, UUID vpsId) throws LibvirtException {
        return HostName.of(DomainXml.title(domain.getXMLDesc(VIR_DOMAIN_XML_INACTIVE)), vpsId);
    }

    private int diskspaceGb(Connect connect, UUID vpsId) throws LibvirtException {
        return volumes.capacityGb(connect, vpsId).orElseThrow(() -> BackendException.permanentFailure(
                "the disk volume " + GuestVolumes.volumeName(vpsId) + " of VPS " + vpsId + " is missing from storage pool "
                        + settings.storagePool(), null));
    }

    /**
     * Asks the guest to power off (through its agent, else ACPI) and destroys it if it has not within
     * the shutdown timeout.
     */
    private void powerOff(Domain domain, LibvirtSettings.GuestImage image) throws LibvirtException {
        if (domain.isActive() == 0) {
            return;
        }
        boolean asked = image.readiness() == LibvirtSettings.Readiness.GUEST_AGENT && GuestAgent.shutdown(domain);
        if (!asked) {
            try {
                domain.shutdown();
            } catch (LibvirtException e) {
                if (LibvirtFailures.is(e, ErrorNumber.VIR_ERR_OPERATION_INVALID)) {
                    return;
                }
                throw e;
            }
        }
        long giveUpNanos = System.nanoTime() + settings.shutdownTimeout().toNanos();
        while (domain.isActive() == 1 && System.nanoTime() < giveUpNanos) {
            try {
                Thread.sleep(POWER_OFF_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw BackendException.transientFailure("interrupted while waiting for a guest to power off", e);
            }
        }
        pullThePlug(domain);
    }

    private static void pullThePlug(Domain domain) throws LibvirtException {
        try {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
        } catch (LibvirtException e) {
            // The guest powered off between the check and the destroy.
            if (!LibvirtFailures.is(e, ErrorNumber.VIR_ERR_OPERATION_INVALID)) {
                throw e;
            }
        }
    }

    private static void undefine(Domain domain) throws LibvirtException {
        try {
            domain.undefine();
        } catch (LibvirtException e) {
            if (!LibvirtFailures.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                throw e;
            }
        }
    }

    private Domain requireOurs(Connect connect, UUID vpsId, String action) throws LibvirtException {
        Domain domain = findDomain(connect, vpsId).orElseThrow(() -> LibvirtFailures.noServer(action, vpsId));
        if (!describe(domain).ownedBy(settings.owner())) {
            throw BackendException.permanentFailure("cannot " + action + " VPS " + vpsId + ": libvirt domain "
                    + vpsId + " exists but was not created by connector '" + settings.owner() + "'", null);
        }
        return domain;
    }

    private static Optional<Domain> findDomain(Connect connect, UUID vpsId) throws LibvirtException {
        try {
            return Optional.of(connect.domainLookupByUUID(vpsId));
        } catch (LibvirtException e) {
            if (LibvirtFailures.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static DomainDescription describe(Domain domain) throws LibvirtException {
        return DomainXml.read(domain.getXMLDesc(VIR_DOMAIN_XML_INACTIVE));
    }

    private <T> T exclusively(UUID vpsId, Supplier<T> work) {
        ReentrantLock lock = vpsLocks[Math.floorMod(vpsId.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
