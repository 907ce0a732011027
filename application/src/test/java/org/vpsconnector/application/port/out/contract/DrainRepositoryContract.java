package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.DrainRepository;

/** What {@link DrainRepository} promises: a drain stands with its first reason until it is lifted. */
public abstract class DrainRepositoryContract extends RepositoryContract {

    @Test
    void aDrainKeepsItsFirstReasonUntilItIsLifted() {
        String scope = "container:engine-a";
        write(repositories -> {
            repositories.drains().drain(new Drain(scope, "kernel update", T0));
            repositories.drains().drain(new Drain(scope, "again", T0.plusSeconds(60)));
        });

        assertThat(drainOf(scope)).contains(new Drain(scope, "kernel update", T0));
        assertThat(list()).containsExactly(new Drain(scope, "kernel update", T0));
        assertThat(undrain(scope)).isTrue();
        assertThat(undrain(scope)).isFalse();
        assertThat(drainOf(scope)).isEmpty();
        assertThat(list()).isEmpty();
    }

    @Test
    void drainsAreListedOldestFirstThenByScope() {
        Drain connector = new Drain(Drain.CONNECTOR, "database upgrade", T1);
        Drain engineB = new Drain("container:engine-b", "disk replaced", T0);
        Drain engineA = new Drain("container:engine-a", "disk replaced", T0);
        Drain kvm = new Drain("hypervisor:kvm-a", "firmware", T0.minusSeconds(60));
        write(repositories -> {
            repositories.drains().drain(connector);
            repositories.drains().drain(engineB);
            repositories.drains().drain(engineA);
            repositories.drains().drain(kvm);
        });

        assertThat(list()).containsExactly(kvm, engineA, engineB, connector);
    }

    @Test
    void liftingOneDrainLeavesTheOthers() {
        Drain connector = new Drain(Drain.CONNECTOR, "database upgrade", T0);
        Drain host = new Drain("hypervisor:kvm-a", "firmware", T0);
        write(repositories -> {
            repositories.drains().drain(connector);
            repositories.drains().drain(host);
        });

        assertThat(undrain("hypervisor:kvm-b")).isFalse();
        assertThat(undrain(host.scope())).isTrue();

        assertThat(list()).containsExactly(connector);
        assertThat(drainOf(Drain.CONNECTOR)).contains(connector);
    }

    private List<Drain> list() {
        return read(repositories -> repositories.drains().list());
    }

    private Optional<Drain> drainOf(String scope) {
        return read(repositories -> repositories.drains().find(scope));
    }

    private boolean undrain(String scope) {
        return read(repositories -> repositories.drains().undrain(scope));
    }
}
