package org.vpsconnector.application.port.out;

/**
 * What the live VPSes placed on one host were sold: how many, their memory and CPUs, and how many
 * of them belong to the subscription a new VPS is ordered for. {@code host} is null for the VPSes
 * stored before hosts were named.
 */
public record HostLoad(String host, int vpses, long memoryGb, long cpus, int ofSubscription) {

    public static HostLoad empty(String host) {
        return new HostLoad(host, 0, 0, 0, 0);
    }

    /** Two loads of the same host added up: the VPSes recorded under its name and those of before names. */
    public HostLoad plus(HostLoad other) {
        return new HostLoad(host, vpses + other.vpses, memoryGb + other.memoryGb, cpus + other.cpus,
                ofSubscription + other.ofSubscription);
    }
}
