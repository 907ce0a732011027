package org.vpsconnector.adapters.libvirt;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.vpsconnector.application.port.out.ServerSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The libvirt domain XML of a VPS guest: written from a server spec, read back for inspection and reconfiguration. */
final class DomainXml {

    /** Our own namespace in the domain's {@code <metadata>}: libvirt keeps one element per namespace. */
    static final String METADATA_NAMESPACE = "https://vpsconnector.org/xmlns/libvirt/vps/1";
    private static final String METADATA_PREFIX = "vps";
    private static final long KIB_PER_GIB = 1024L * 1024L;
    private static final Map<String, Long> BYTES_PER_UNIT = Map.ofEntries(
            Map.entry("b", 1L), Map.entry("bytes", 1L),
            Map.entry("KiB", 1024L), Map.entry("k", 1024L), Map.entry("KB", 1000L),
            Map.entry("MiB", 1024L * 1024), Map.entry("M", 1024L * 1024), Map.entry("MB", 1000L * 1000),
            Map.entry("GiB", 1024L * 1024 * 1024), Map.entry("G", 1024L * 1024 * 1024), Map.entry("GB", 1000L * 1000 * 1000));

    private DomainXml() {
    }

    static String domainName(UUID vpsId) {
        return "vps-" + vpsId;
    }

    static String define(ServerSpec spec, String volumePath, Path consoleLog, LibvirtSettings settings) {
        Document document = LibvirtXml.newDocument("domain");
        Element domain = document.getDocumentElement();
        domain.setAttribute("type", settings.domainType());
        LibvirtXml.append(domain, "name", domainName(spec.vpsId()));
        LibvirtXml.append(domain, "uuid", spec.vpsId());
        if (spec.name() != null && !spec.name().isBlank()) {
            LibvirtXml.append(domain, "title", spec.name().strip().replaceAll("\\s+", " "));
        }
        appendMetadata(domain, settings.owner(), spec.instanceId());
        setHardware(domain, spec.hardware().memoryGb(), spec.hardware().cpuCount());

        Element os = LibvirtXml.append(domain, "os", null);
        LibvirtXml.append(os, "type", "hvm");
        LibvirtXml.append(os, "kernel", settings.bootImage().kernel());
        LibvirtXml.append(os, "initrd", settings.bootImage().initrd());
        LibvirtXml.append(os, "cmdline", settings.bootImage().commandLine());
        // ACPI lets a graceful shutdown press the guest's power button.
        LibvirtXml.append(LibvirtXml.append(domain, "features", null), "acpi", null);
        LibvirtXml.append(domain, "on_poweroff", "destroy");
        LibvirtXml.append(domain, "on_reboot", "restart");
        LibvirtXml.append(domain, "on_crash", "destroy");

        Element devices = LibvirtXml.append(domain, "devices", null);
        Element disk = LibvirtXml.append(devices, "disk", null);
        disk.setAttribute("type", "file");
        disk.setAttribute("device", "disk");
        Element driver = LibvirtXml.append(disk, "driver", null);
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", "qcow2");
        LibvirtXml.append(disk, "source", null).setAttribute("file", volumePath);
        Element target = LibvirtXml.append(disk, "target", null);
        target.setAttribute("dev", "vda");
        target.setAttribute("bus", "virtio");

        // User-mode networking: works without a libvirt network (no dnsmasq, no bridge) on any host.
        Element network = LibvirtXml.append(devices, "interface", null);
        network.setAttribute("type", "user");
        LibvirtXml.append(network, "model", null).setAttribute("type", "virtio");

        // The console file is truncated at each start, so the ready marker in it is from the current boot.
        Element serial = LibvirtXml.append(devices, "serial", null);
        serial.setAttribute("type", "file");
        Element source = LibvirtXml.append(serial, "source", null);
        source.setAttribute("path", consoleLog.toString());
        source.setAttribute("append", "off");
        LibvirtXml.append(serial, "target", null).setAttribute("port", "0");
        return LibvirtXml.write(document);
    }

    /** The same definition with other memory and vCPUs; everything else (disk, MAC address, ...) is kept. */
    static String withHardware(String domainXml, int memoryGb, int cpuCount) {
        Document document = LibvirtXml.parse(domainXml);
        Element domain = document.getDocumentElement();
        for (String name : new String[] {"memory", "currentMemory", "vcpu"}) {
            Element old = LibvirtXml.child(domain, name);
            if (old != null) {
                domain.removeChild(old);
            }
        }
        setHardware(domain, memoryGb, cpuCount);
        return LibvirtXml.write(document);
    }

    static DomainDescription read(String domainXml) {
        Element domain = LibvirtXml.parse(domainXml).getDocumentElement();
        UUID uuid = UUID.fromString(text(domain, "uuid"));
        Element memory = LibvirtXml.child(domain, "memory");
        long memoryBytes = Long.parseLong(memory.getTextContent().strip()) * bytesPerUnit(memory.getAttribute("unit"));
        int cpuCount = Integer.parseInt(text(domain, "vcpu"));
        Element metadata = metadataOf(domain);
        String owner = metadata == null ? null : metadataText(metadata, "owner");
        String instance = metadata == null ? null : metadataText(metadata, "instance");
        return new DomainDescription(uuid, owner, instance == null ? null : UUID.fromString(instance),
                Math.toIntExact(memoryBytes / (KIB_PER_GIB * 1024)), cpuCount);
    }

    private static void appendMetadata(Element domain, String owner, UUID instanceId) {
        Document document = domain.getOwnerDocument();
        Element server = document.createElementNS(METADATA_NAMESPACE, METADATA_PREFIX + ":server");
        for (String[] entry : new String[][] {{"owner", owner}, {"instance", instanceId.toString()}}) {
            Element element = document.createElementNS(METADATA_NAMESPACE, METADATA_PREFIX + ":" + entry[0]);
            element.setTextContent(entry[1]);
            server.appendChild(element);
        }
        LibvirtXml.append(domain, "metadata", null).appendChild(server);
    }

    private static void setHardware(Element domain, int memoryGb, int cpuCount) {
        Element anchor = LibvirtXml.child(domain, "os");
        for (String name : new String[] {"memory", "currentMemory"}) {
            Element memory = domain.getOwnerDocument().createElement(name);
            memory.setAttribute("unit", "KiB");
            memory.setTextContent(Long.toString(memoryGb * KIB_PER_GIB));
            domain.insertBefore(memory, anchor);
        }
        Element vcpu = domain.getOwnerDocument().createElement("vcpu");
        vcpu.setTextContent(Integer.toString(cpuCount));
        domain.insertBefore(vcpu, anchor);
    }

    private static Element metadataOf(Element domain) {
        Element metadata = LibvirtXml.child(domain, "metadata");
        if (metadata == null) {
            return null;
        }
        NodeList servers = metadata.getElementsByTagNameNS(METADATA_NAMESPACE, "server");
        return servers.getLength() == 0 ? null : (Element) servers.item(0);
    }

    private static String metadataText(Element server, String name) {
        NodeList nodes = server.getElementsByTagNameNS(METADATA_NAMESPACE, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    private static String text(Element parent, String name) {
        Element child = LibvirtXml.child(parent, name);
        if (child == null) {
            throw new IllegalArgumentException("domain XML has no <" + name + ">");
        }
        return child.getTextContent().strip();
    }

    private static long bytesPerUnit(String unit) {
        if (unit == null || unit.isEmpty()) {
            return 1024L;
        }
        Long bytes = BYTES_PER_UNIT.get(unit);
        if (bytes == null) {
            throw new IllegalArgumentException("unknown memory unit in domain XML: " + unit);
        }
        return bytes;
    }
}
