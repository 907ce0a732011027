package org.vpsconnector.application.port.in;

import java.util.List;

/** The hosts of the fleet as an operator sees them: health, drains, and what is sold on each against its capacity. */
public interface FleetOverviewQuery {

    List<HostOverview> hosts();
}
