package org.vpsconnector.adapters.libvirt;

import java.net.Inet4Address;
import org.libvirt.Domain;
import org.libvirt.DomainInterface;
import org.libvirt.LibvirtException;

/** The IPv4 address the host reaches a guest at: its DHCP lease on a libvirt network, else what its agent reports. */
final class GuestAddresses {

    private static final int SOURCE_LEASE = 0;
    private static final int SOURCE_AGENT = 1;

    private GuestAddresses() {
    }

    /** The first IPv4 address of the guest that is not a loopback one, or null while it has none. */
    static String ipv4(Domain domain, LibvirtSettings.Network network, boolean agentAnswers) throws LibvirtException {
        String address = null;
        // A bridge has no lease libvirt knows of: only the guest can tell.
        if ("network".equals(network.type())) {
            address = first(domain, SOURCE_LEASE);
        }
        if (address == null && agentAnswers) {
            address = first(domain, SOURCE_AGENT);
        }
        return address;
    }

    private static String first(Domain domain, int source) throws LibvirtException {
        try {
            for (DomainInterface nic : domain.interfaceAddresses(source, 0)) {
                if (nic.addrs == null) {
                    continue;
                }
                for (DomainInterface.InterfaceAddress address : nic.addrs) {
                    if (address.address instanceof Inet4Address ipv4 && !ipv4.isLoopbackAddress()) {
                        return ipv4.getHostAddress();
                    }
                }
            }
            return null;
        } catch (LibvirtException e) {
            if (LibvirtFailures.connectionLost(e)) {
                throw e;
            }
            return null;
        }
    }
}
