package org.vpsconnector.adapters.docker;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The host CPUs a container runs on. A CFS quota alone caps the CPU time, but inside the container
 * {@code nproc}, thread pools and {@code make -j} still count every CPU of the host, start that many
 * workers and are throttled. Pinning a VPS to as many CPUs as it has makes them count right. Which
 * CPUs follows from the VPS id, so VPSes spread over the host and a VPS keeps its CPUs across
 * configures and restarts; a VPS with more CPUs than the host has runs on all of them.
 */
final class ContainerCpus {
    private ContainerCpus() {
    }

    /** Docker's {@code --cpuset-cpus} for a VPS with {@code cpuCount} CPUs on a host with {@code hostCpus}. */
    static String cpuset(UUID vpsId, int cpuCount, int hostCpus) {
        if (hostCpus < 1 || cpuCount < 1) {
            throw new IllegalArgumentException("CPUs must be positive: " + cpuCount + " of " + hostCpus);
        }
        int count = Math.min(cpuCount, hostCpus);
        int first = Math.floorMod(vpsId.hashCode(), hostCpus);
        return IntStream.range(0, count)
                .map(offset -> (first + offset) % hostCpus)
                .sorted()
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(","));
    }
}
