package org.vpsconnector.adapters.libvirt;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The VPS disks: one sparse qcow2 volume per VPS in a directory storage pool, all through libvirt's storage API. */
final class GuestVolumes {

    static final long BYTES_PER_GB = 1024L * 1024L * 1024L;

    private final String poolName;
    private final Path poolDirectory;

    GuestVolumes(String poolName, Path poolDirectory) {
        this.poolName = poolName;
        this.poolDirectory = poolDirectory;
    }

    static String volumeName(UUID vpsId) {
        return DomainXml.domainName(vpsId) + ".qcow2";
    }

    /** The volume of the VPS, created with that capacity unless it exists; returns its path. */
    String ensure(Connect connect, UUID vpsId, int diskspaceGb) throws LibvirtException {
        StoragePool pool = pool(connect);
        Optional<StorageVol> existing = find(pool, vpsId);
        if (existing.isPresent()) {
            return existing.get().getPath();
        }
        try {
            return pool.storageVolCreateXML(volumeXml(vpsId, diskspaceGb), 0).getPath();
        } catch (LibvirtException e) {
            if (LibvirtFailures.is(e, ErrorNumber.VIR_ERR_STORAGE_VOL_EXIST)) {
                return pool.storageVolLookupByName(volumeName(vpsId)).getPath();
            }
            throw e;
        }
    }

    Optional<Integer> capacityGb(Connect connect, UUID vpsId) throws LibvirtException {
        Optional<StorageVol> volume = find(pool(connect), vpsId);
        if (volume.isEmpty()) {
            return Optional.empty();
        }
        long bytes = volume.get().getInfo().capacity;
        return Optional.of(Math.toIntExact((bytes + BYTES_PER_GB - 1) / BYTES_PER_GB));
    }

    /** The bytes the volume takes on the host: what the guest has written to its disk, not its capacity. */
    Optional<Long> allocationBytes(Connect connect, UUID vpsId) throws LibvirtException {
        Optional<StorageVol> volume = find(pool(connect), vpsId);
        return volume.isEmpty() ? Optional.empty() : Optional.of(volume.get().getInfo().allocation);
    }

    /** Grows the volume; qcow2 grows sparsely, the guest's file system is the guest's business. */
    void grow(Connect connect, UUID vpsId, int diskspaceGb) throws LibvirtException {
        StorageVol volume = pool(connect).storageVolLookupByName(volumeName(vpsId));
        if (volume.getInfo().capacity < diskspaceGb * BYTES_PER_GB) {
            volume.resize(diskspaceGb * BYTES_PER_GB, 0);
        }
    }

    void delete(Connect connect, UUID vpsId) throws LibvirtException {
        Optional<StorageVol> volume = find(pool(connect), vpsId);
        if (volume.isPresent()) {
            try {
                volume.get().delete(0);
            } catch (LibvirtException e) {
                if (!LibvirtFailures.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
                    throw e;
                }
            }
        }
    }

    /** The pool, defined, built and started first if it is not there. */
    synchronized StoragePool pool(Connect connect) throws LibvirtException {
        StoragePool pool;
        try {
            pool = connect.storagePoolLookupByName(poolName);
        } catch (LibvirtException e) {
            if (!LibvirtFailures.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_POOL)) {
                throw e;
            }
            pool = connect.storagePoolDefineXML(poolXml(), 0);
            pool.build(0);
            pool.setAutostart(1);
        }
        if (pool.isActive() == 0) {
            pool.create(0);
        }
        return pool;
    }

    private Optional<StorageVol> find(StoragePool pool, UUID vpsId) throws LibvirtException {
        try {
            return Optional.of(pool.storageVolLookupByName(volumeName(vpsId)));
        } catch (LibvirtException e) {
            if (LibvirtFailures.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String poolXml() {
        Document document = LibvirtXml.newDocument("pool");
        Element pool = document.getDocumentElement();
        pool.setAttribute("type", "dir");
        LibvirtXml.append(pool, "name", poolName);
        LibvirtXml.append(LibvirtXml.append(pool, "target", null), "path", poolDirectory);
        return LibvirtXml.write(document);
    }

    static String volumeXml(UUID vpsId, int diskspaceGb) {
        Document document = LibvirtXml.newDocument("volume");
        Element volume = document.getDocumentElement();
        LibvirtXml.append(volume, "name", volumeName(vpsId));
        LibvirtXml.append(volume, "capacity", diskspaceGb * BYTES_PER_GB).setAttribute("unit", "bytes");
        LibvirtXml.append(volume, "allocation", 0).setAttribute("unit", "bytes");
        Element target = LibvirtXml.append(volume, "target", null);
        LibvirtXml.append(target, "format", null).setAttribute("type", "qcow2");
        return LibvirtXml.write(document);
    }
}
