package org.vpsconnector.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ContainerCpusTest {

    @Test
    void aVpsRunsOnAsManyDistinctHostCpusAsItHas() {
        UUID vps = UUID.randomUUID();
        for (int count = 1; count <= 8; count++) {
            int[] cpus = cpus(ContainerCpus.cpuset(vps, count, 8));
            assertThat(cpus).as("%d CPUs", count).hasSize(count).doesNotHaveDuplicates().isSorted();
            assertThat(IntStream.of(cpus).allMatch(cpu -> cpu >= 0 && cpu < 8)).isTrue();
        }
    }

    @Test
    void aVpsWithMoreCpusThanTheHostRunsOnAllOfThem() {
        assertThat(ContainerCpus.cpuset(UUID.randomUUID(), 16, 4)).isEqualTo("0,1,2,3");
    }

    @Test
    void aVpsKeepsItsCpusAndGrowsFromThem() {
        UUID vps = UUID.randomUUID();
        assertThat(ContainerCpus.cpuset(vps, 2, 16)).isEqualTo(ContainerCpus.cpuset(vps, 2, 16));
        assertThat(cpus(ContainerCpus.cpuset(vps, 4, 16))).contains(cpus(ContainerCpus.cpuset(vps, 2, 16)));
    }

    @Test
    void vpsesSpreadOverTheHost() {
        Map<String, Integer> vpsesByCpu = new HashMap<>();
        for (int i = 0; i < 800; i++) {
            vpsesByCpu.merge(ContainerCpus.cpuset(UUID.randomUUID(), 1, 8), 1, Integer::sum);
        }
        assertThat(vpsesByCpu).hasSize(8);
        assertThat(vpsesByCpu.values()).allMatch(vpses -> vpses > 50, "each CPU gets some of 800 one-CPU VPSes");
    }

    @Test
    void noCpusIsRefused() {
        assertThatThrownBy(() -> ContainerCpus.cpuset(UUID.randomUUID(), 0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContainerCpus.cpuset(UUID.randomUUID(), 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int[] cpus(String cpuset) {
        return Arrays.stream(cpuset.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
