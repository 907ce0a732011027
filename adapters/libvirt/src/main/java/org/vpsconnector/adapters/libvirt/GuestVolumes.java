package org.vpsconnector.adapters.libvirt;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;
import org.vpsconnector.application.port.out.BackendException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The VPS disks: one sparse qcow2 volume per VPS in a directory storage pool (a copy-on-write
 * overlay of its image's base volume, or blank), and the cloud-init seed of the VPS next to it, all
 * through libvirt's storage API (a seed is uploaded through libvirt), so the pool may be on another host.
 */
final class GuestVolumes {

    static final long BYTES_PER_GB = 1024L * 1024L * 1024L;

    private final String poolName;
    private final Path poolDirectory;

    GuestVolumes(String poolName, Path poolDirectory) {
        this.poolName = poolName;
        this.poolDirectory = poolDirectory;
    }

    private static final int UPLOAD_CHUNK = 64 * 1024;

    static String volumeName(UUID vpsId) {
        return DomainXml.domainName(vpsId) + ".qcow2";
    }

    static String seedName(UUID vpsId) {
        return DomainXml.domainName(vpsId) + "-seed.iso";
    }

    /**
     * The disk of the VPS, created with that capacity unless it exists: an overlay of the image's
     * base volume, or blank when the image has none; returns its path.
     */
    String ensure(Connect connect, UUID vpsId, int diskspaceGb, LibvirtSettings.GuestImage image) throws LibvirtException {
        StoragePool pool = pool(connect);
        Optional<StorageVol> existing = find(pool, volumeName(vpsId));
        if (existing.isPresent()) {
            return existing.get().getPath();
        }
        String backingPath = null;
        if (image.hasBaseVolume()) {
            StorageVol base = baseVolume(connect, image);
            long baseBytes = base.getInfo().capacity;
            if (baseBytes > diskspaceGb * BYTES_PER_GB) {
                throw BackendException.permanentFailure("the disk of VPS " + vpsId + " (" + diskspaceGb + " GB) is smaller"
                        + " than the image of " + image.operatingSystem() + " (" + baseBytes + " bytes)", null);
            }
            backingPath = base.getPath();
        }
        try {
            return pool.storageVolCreateXML(volumeXml(vpsId, diskspaceGb, backingPath), 0).getPath();
        } catch (LibvirtException e) {
            if (LibvirtFailures.is(e, ErrorNumber.VIR_ERR_STORAGE_VOL_EXIST)) {
                return pool.storageVolLookupByName(volumeName(vpsId)).getPath();
            }
            throw e;
        }
    }

    /** Puts the seed of the VPS in the pool, replacing an older one; returns its path. */
    String uploadSeed(Connect connect, UUID vpsId, byte[] iso) throws LibvirtException {
        StoragePool pool = pool(connect);
        delete(pool, seedName(vpsId));
        StorageVol seed = pool.storageVolCreateXML(seedXml(vpsId, iso.length), 0);
        Stream stream = connect.streamNew(0);
        try {
            seed.upload(stream, 0, iso.length, 0);
            for (int offset = 0; offset < iso.length; ) {
                int sent = stream.send(Arrays.copyOfRange(iso, offset, Math.min(iso.length, offset + UPLOAD_CHUNK)));
                offset += sent;
            }
            stream.finish();
        } catch (LibvirtException e) {
            stream.abort();
            throw e;
        }
        return seed.getPath();
    }

    boolean hasSeed(Connect connect, UUID vpsId) throws LibvirtException {
        return find(pool(connect), seedName(vpsId)).isPresent();
    }

    private static StorageVol baseVolume(Connect connect, LibvirtSettings.GuestImage image) throws LibvirtException {
        try {
            StoragePool pool = connect.storagePoolLookupByName(image.basePool());
            if (pool.isActive() == 0) {
                pool.create(0);
            }
            return pool.storageVolLookupByName(image.baseVolume());
        } catch (LibvirtException e) {
            if (LibvirtFailures.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_POOL) || LibvirtFailures.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
                throw BackendException.permanentFailure("the image of " + image.operatingSystem() + " (volume "
                        + image.baseVolume() + " in storage pool " + image.basePool() + ") is missing: run"
                        + " scripts/build-guest-image.sh on the libvirt host", e);
            }
            throw e;
        }
    }

    Optional<Integer> capacityGb(Connect connect, UUID vpsId) throws LibvirtException {
        Optional<StorageVol> volume = find(pool(connect), volumeName(vpsId));
        if (volume.isEmpty()) {
            return Optional.empty();
        }
        long bytes = volume.get().getInfo().capacity;
        return Optional.of(Math.toIntExact((bytes + BYTES_PER_GB - 1) / BYTES_PER_GB));
    }

    /** The bytes the volume takes on the host: what the guest has written to its disk, not its capacity. */
    Optional<Long> allocationBytes(Connect connect, UUID vpsId) throws LibvirtException {
        Optional<StorageVol> volume = find(pool(connect), volumeName(vpsId));
        return volume.isEmpty() ? Optional.empty() : Optional.of(volume.get().getInfo().allocation);
    }

    /** Grows the volume; qcow2 grows sparsely, the guest's file system is the guest's business. */
    void grow(Connect connect, UUID vpsId, int diskspaceGb) throws LibvirtException {
        StorageVol volume = pool(connect).storageVolLookupByName(volumeName(vpsId));
        if (volume.getInfo().capacity < diskspaceGb * BYTES_PER_GB) {
            volume.resize(diskspaceGb * BYTES_PER_GB, 0);
        }
    }

    /** Deletes the disk and the seed of the VPS. */
    void delete(Connect connect, UUID vpsId) throws LibvirtException {
        StoragePool pool = pool(connect);
        delete(pool, volumeName(vpsId));
        delete(pool, seedName(vpsId));
    }

    private static void delete(StoragePool pool, String name) throws LibvirtException {
        Optional<StorageVol> volume = find(pool, name);
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

    private static Optional<StorageVol> find(StoragePool pool, String name) throws LibvirtException {
        try {
            return Optional.of(pool.storageVolLookupByName(name));
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

    static String volumeXml(UUID vpsId, int diskspaceGb, String backingPath) {
        Document document = LibvirtXml.newDocument("volume");
        Element volume = document.getDocumentElement();
        LibvirtXml.append(volume, "name", volumeName(vpsId));
        LibvirtXml.append(volume, "capacity", diskspaceGb * BYTES_PER_GB).setAttribute("unit", "bytes");
        LibvirtXml.append(volume, "allocation", 0).setAttribute("unit", "bytes");
        Element target = LibvirtXml.append(volume, "target", null);
        LibvirtXml.append(target, "format", null).setAttribute("type", "qcow2");
        if (backingPath != null) {
            Element backing = LibvirtXml.append(volume, "backingStore", null);
            LibvirtXml.append(backing, "path", backingPath);
            LibvirtXml.append(backing, "format", null).setAttribute("type", "qcow2");
        }
        return LibvirtXml.write(document);
    }

    private static String seedXml(UUID vpsId, long bytes) {
        Document document = LibvirtXml.newDocument("volume");
        Element volume = document.getDocumentElement();
        LibvirtXml.append(volume, "name", seedName(vpsId));
        LibvirtXml.append(volume, "capacity", bytes).setAttribute("unit", "bytes");
        LibvirtXml.append(LibvirtXml.append(volume, "target", null), "format", null).setAttribute("type", "raw");
        return LibvirtXml.write(document);
    }
}
