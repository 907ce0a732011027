package org.vpsconnector.adapters.libvirt;

import java.util.ArrayList;
import java.util.List;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterfaceStats;
import org.libvirt.LibvirtException;
import org.libvirt.MemoryStatistic;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.vpsconnector.domain.UsageReading;

/**
 * A guest's usage from libvirt's domain statistics: CPU time and interface traffic since the
 * domain last started (QEMU starts them at zero, and the domain gets a new id at each start, which
 * names the run); memory the guest uses as its balloon driver reports it, else the host memory its
 * QEMU process holds, never more than the guest was given; the disk as allocated on the host.
 */
final class GuestUsage {
    private static final int VIR_DOMAIN_MEMORY_STAT_UNUSED = 4;
    private static final int VIR_DOMAIN_MEMORY_STAT_AVAILABLE = 5;
    private static final int VIR_DOMAIN_MEMORY_STAT_RSS = 7;
    private static final int VIR_DOMAIN_MEMORY_STAT_NR = 13;
    private static final long BYTES_PER_KIB = 1024;

    private GuestUsage() {
    }

    static UsageReading of(Domain domain, long diskBytes) throws LibvirtException {
        if (domain.isActive() == 0) {
            return new UsageReading(0, 0, diskBytes, 0, 0, null);
        }
        DomainInfo info = domain.getInfo();
        long inBytes = 0;
        long outBytes = 0;
        for (String device : interfaces(domain)) {
            try {
                DomainInterfaceStats traffic = domain.interfaceStats(device);
                inBytes += Math.max(0, traffic.rx_bytes);
                outBytes += Math.max(0, traffic.tx_bytes);
            } catch (LibvirtException notMeasurable) {
                // User-mode networking has no host device to count on: its traffic is not seen.
            }
        }
        return new UsageReading(Math.max(0, info.cpuTime), memoryBytes(domain, info), diskBytes, inBytes, outBytes,
                Integer.toString(domain.getID()));
    }

    private static long memoryBytes(Domain domain, DomainInfo info) throws LibvirtException {
        long available = -1;
        long unused = -1;
        long rss = 0;
        for (MemoryStatistic statistic : domain.memoryStats(VIR_DOMAIN_MEMORY_STAT_NR)) {
            switch (statistic.getTag()) {
                case VIR_DOMAIN_MEMORY_STAT_AVAILABLE -> available = statistic.getValue();
                case VIR_DOMAIN_MEMORY_STAT_UNUSED -> unused = statistic.getValue();
                case VIR_DOMAIN_MEMORY_STAT_RSS -> rss = statistic.getValue();
                default -> { }
            }
        }
        long inUseKib = available >= 0 && unused >= 0 ? available - unused : rss;
        return Math.max(0, Math.min(inUseKib, info.memory)) * BYTES_PER_KIB;
    }

    /** The host device of each interface, or its MAC address where it has none. */
    private static List<String> interfaces(Domain domain) throws LibvirtException {
        NodeList nodes = LibvirtXml.parse(domain.getXMLDesc(0)).getElementsByTagName("interface");
        List<String> devices = new ArrayList<>();
        for (int index = 0; index < nodes.getLength(); index++) {
            Element network = (Element) nodes.item(index);
            Element target = LibvirtXml.child(network, "target");
            Element mac = LibvirtXml.child(network, "mac");
            if (target != null && !target.getAttribute("dev").isEmpty()) {
                devices.add(target.getAttribute("dev"));
            } else if (mac != null && !mac.getAttribute("address").isEmpty()) {
                devices.add(mac.getAttribute("address"));
            }
        }
        return devices;
    }
}
