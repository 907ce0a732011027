package org.vpsconnector.adapters.libvirt;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.domain.OperatingSystem;
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

    /**
     * The definition of a new guest booting {@code image} from its disk at {@code volumePath}, with its
     * cloud-init seed at {@code seedPath} (null for none) and root's login named by {@code loginDigest}.
     */
    static String define(ServerSpec spec, LibvirtSettings.GuestImage image, String volumePath, String seedPath,
                         String loginDigest, Path consoleLog, LibvirtSettings settings) {
        Document document = LibvirtXml.newDocument("domain");
        Element domain = document.getDocumentElement();
        domain.setAttribute("type", settings.domainType());
        LibvirtXml.append(domain, "name", domainName(spec.vpsId()));
        LibvirtXml.append(domain, "uuid", spec.vpsId());
        if (spec.name() != null && !spec.name().isBlank()) {
            LibvirtXml.append(domain, "title", spec.name().strip().replaceAll("\\s+", " "));
        }
        appendMetadata(domain, settings.owner(), spec.instanceId(), image.operatingSystem(), loginDigest);
        setHardware(domain, spec.hardware().memoryGb(), spec.hardware().cpuCount());

        Element os = LibvirtXml.append(domain, "os", null);
        LibvirtXml.append(os, "type", "hvm");
        LibvirtXml.append(os, "kernel", image.kernel());
        LibvirtXml.append(os, "initrd", image.initrd());
        LibvirtXml.append(os, "cmdline", image.commandLine());
        Element features = LibvirtXml.append(domain, "features", null);
        // ACPI lets a graceful shutdown press the guest's power button.
        LibvirtXml.append(features, "acpi", null);
        if ("qemu".equals(settings.domainType()) && settings.tbCacheMib() > 0) {
            // QEMU's default translation cache under software emulation takes about 1 GiB per guest.
            Element tbCache = LibvirtXml.append(LibvirtXml.append(features, "tcg", null), "tb-cache", settings.tbCacheMib());
            tbCache.setAttribute("unit", "MiB");
        }
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

        if (seedPath != null) {
            // cloud-init finds its NoCloud seed by the label cidata of this read-only disk.
            Element seed = LibvirtXml.append(devices, "disk", null);
            seed.setAttribute("type", "file");
            seed.setAttribute("device", "disk");
            Element seedDriver = LibvirtXml.append(seed, "driver", null);
            seedDriver.setAttribute("name", "qemu");
            seedDriver.setAttribute("type", "raw");
            LibvirtXml.append(seed, "source", null).setAttribute("file", seedPath);
            Element seedTarget = LibvirtXml.append(seed, "target", null);
            seedTarget.setAttribute("dev", "vdb");
            seedTarget.setAttribute("bus", "virtio");
            LibvirtXml.append(seed, "readonly", null);
        }

        Element network = LibvirtXml.append(devices, "interface", null);
        network.setAttribute("type", settings.network().type());
        LibvirtXml.append(network, "source", null).setAttribute(settings.network().type(), settings.network().source());
        LibvirtXml.append(network, "model", null).setAttribute("type", "virtio");
        // On the host's private NAT network, two customers' guests do not reach each other, as
        // containers do not: an isolated port of the bridge forwards only to ports that are not
        // (the host, and through it the outside). On a host bridge the guests are public servers,
        // which reach each other as they would on two hosts; the provider's network decides.
        if (settings.network().type().equals("network")) {
            LibvirtXml.append(network, "port", null).setAttribute("isolated", "yes");
        }

        // The guest agent's port: readiness, login changes and addresses are asked through it.
        Element channel = LibvirtXml.append(devices, "channel", null);
        channel.setAttribute("type", "unix");
        Element channelTarget = LibvirtXml.append(channel, "target", null);
        channelTarget.setAttribute("type", "virtio");
        channelTarget.setAttribute("name", "org.qemu.guest_agent.0");

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

    /** The same definition naming another login in its metadata. */
    static String withLoginDigest(String domainXml, String loginDigest) {
        Document document = LibvirtXml.parse(domainXml);
        Element server = metadataOf(document.getDocumentElement());
        if (server == null) {
            throw new IllegalArgumentException("domain XML without the connector's metadata");
        }
        NodeList logins = server.getElementsByTagNameNS(METADATA_NAMESPACE, "login");
        Element login = logins.getLength() > 0 ? (Element) logins.item(0) : null;
        if (login == null) {
            login = document.createElementNS(METADATA_NAMESPACE, METADATA_PREFIX + ":login");
            server.appendChild(login);
        }
        login.setTextContent(loginDigest);
        return LibvirtXml.write(document);
    }

    /** The VPS name the domain was defined with, or null. */
    static String title(String domainXml) {
        Element title = LibvirtXml.child(LibvirtXml.parse(domainXml).getDocumentElement(), "title");
        return title == null ? null : title.getTextContent().strip();
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
        String osName = metadata == null ? null : metadataText(metadata, "os-name");
        String osVersion = metadata == null ? null : metadataText(metadata, "os-version");
        String login = metadata == null ? null : metadataText(metadata, "login");
        return new DomainDescription(uuid, owner, instance == null ? null : UUID.fromString(instance),
                Math.toIntExact(memoryBytes / (KIB_PER_GIB * 1024)), cpuCount,
                osName == null || osVersion == null ? null : new OperatingSystem(osName, osVersion), login);
    }

    private static void appendMetadata(Element domain, String owner, UUID instanceId, OperatingSystem system,
                                       String loginDigest) {
        Document document = domain.getOwnerDocument();
        Element server = document.createElementNS(METADATA_NAMESPACE, METADATA_PREFIX + ":server");
        for (String[] entry : new String[][] {{"owner", owner}, {"instance", instanceId.toString()},
                {"os-name", system.name()}, {"os-version", system.version()}, {"login", loginDigest}}) {
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
