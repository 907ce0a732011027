package org.vpsconnector.application.port.in;

import java.time.Instant;

/**
 * One host: {@code kind} is "container" or "hypervisor"; {@code up} is null until it was first
 * checked; {@code memoryGbSellable} and {@code cpusSellable} are null without a limit.
 */
public record HostOverview(String name, String kind, Boolean up, Instant since, Instant checkedAt, String problem,
                           String drainedFor, int vpses, long memoryGbSold, Long memoryGbSellable, long cpusSold,
                           Long cpusSellable) {
}
