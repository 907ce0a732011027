package org.vpsconnector.adapters.libvirt;

import org.vpsconnector.application.port.out.Reconfiguration;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.OperatingSystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.UsageReading;

/**
 * Virtual-machine VPSes as libvirt domains: one domain per VPS named {@code vps-<id>} with the VPS
 * id as its UUID (so a repeated define updates, never duplicates), booted from the configured
 * kernel and initrd, with a qcow2 volume as its disk. A guest is ready once its console shows the
 * ready marker.
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
            String volumePath = volumes.ensure(connect, vpsId, spec.hardware().diskspaceGb());
            consoles.prepareDirectory();
            connect.domainDefineXML(DomainXml.define(spec, volumePath, consoles.logOf(vpsId), settings));
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
            powerOff(requireOurs(connect, vpsId, "stop"));
            return null;
        }));
    }

    @Override
    public List<OperatingSystem> operatingSystems() {
        return List.of(new OperatingSystem("debian", "12"));
    }

    @Override
    public Reconfiguration reconfigure(UUID vpsId, Hardware hardware, Login login) {
        return exclusively(vpsId, () -> connection.call("reconfigure the virtual machine of VPS " + vpsId, connect -> {
            Domain domain = requireOurs(connect, vpsId, "reconfigure");
            String definition = domain.getXMLDesc(VIR_DOMAIN_XML_INACTIVE);
            DomainDescription current = DomainXml.read(definition);
            int diskspaceGb = diskspaceGb(connect, vpsId);
            if (hardware.diskspaceGb() < diskspaceGb) {
                throw BackendException.permanentFailure("the disk of VPS " + vpsId + " cannot shrink from "
                        + diskspaceGb + " GB to " + hardware.diskspaceGb() + " GB", null);
            }
            boolean sameLimits = hardware.memoryGb() == current.memoryGb() && hardware.cpuCount() == current.cpuCount();
            if (sameLimits && hardware.diskspaceGb() == diskspaceGb) {
                return Reconfiguration.UNCHANGED;
            }
            // The new limits and a grown disk only reach a guest through a fresh boot.
            boolean wasRunning = domain.isActive() == 1;
            powerOff(domain);
            volumes.grow(connect, vpsId, hardware.diskspaceGb());
            connect.domainDefineXML(DomainXml.withHardware(definition, hardware.memoryGb(), hardware.cpuCount()));
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
                if (!describe(domain.get()).ownedBy(settings.owner())) {
                    return null;
                }
                pullThePlug(domain.get());
                undefine(domain.get());
            }
            // Also when the domain is gone: a create that failed half-way may have left its volume.
            volumes.delete(connect, vpsId);
            consoles.delete(vpsId);
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
        boolean guestReady = running && consoles.showsReadyMarker(description.uuid());
        Hardware hardware = new Hardware(description.memoryGb(), diskspaceGb(connect, description.uuid()),
                description.cpuCount(), true);
        return new ServerStatus(description.uuid(), description.instanceId(),
                running ? ServerStatus.Power.RUNNING : ServerStatus.Power.STOPPED, guestReady, hardware);
    }

    private int diskspaceGb(Connect connect, UUID vpsId) throws LibvirtException {
        return volumes.capacityGb(connect, vpsId).orElseThrow(() -> BackendException.permanentFailure(
                "the disk volume " + GuestVolumes.volumeName(vpsId) + " of VPS " + vpsId + " is missing from storage pool "
                        + settings.storagePool(), null));
    }

    /** Asks the guest to power off (ACPI) and destroys it if it has not within the shutdown timeout. */
    private void powerOff(Domain domain) throws LibvirtException {
        if (domain.isActive() == 0) {
            return;
        }
        try {
            domain.shutdown();
        } catch (LibvirtException e) {
            if (LibvirtFailures.is(e, ErrorNumber.VIR_ERR_OPERATION_INVALID)) {
                return;
            }
            throw e;
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
