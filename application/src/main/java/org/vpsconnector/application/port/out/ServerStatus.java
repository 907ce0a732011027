package org.vpsconnector.application.port.out;

import java.util.UUID;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.PowerState;

/**
 * A server as its backend sees it. {@code guestReady} is true once the server can be used: a
 * container once it runs, a virtual machine once its guest has booted. {@code hardware} is null when
 * the backend cannot tell: a server made outside the connector, without the limits it sets.
 * {@code ipv4} is the address the host reaches the server at, null while it has none.
 */
public record ServerStatus(UUID vpsId, UUID instanceId, Power power, boolean guestReady, Hardware hardware, String ipv4) {

    /** A server without a known address. */
    public ServerStatus(UUID vpsId, UUID instanceId, Power power, boolean guestReady, Hardware hardware) {
        this(vpsId, instanceId, power, guestReady, hardware, null);
    }

    public enum Power { RUNNING, STOPPED }

    public boolean running() {
        return power == Power.RUNNING;
    }

    /** The business state this power means for the VPS. */
    public PowerState powerState() {
        return running() ? PowerState.RUNNING : PowerState.STOPPED;
    }
}
