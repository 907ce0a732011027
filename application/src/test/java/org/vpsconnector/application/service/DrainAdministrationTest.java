package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.Host;
import org.vpsconnector.application.fleet.HostCapacity;
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.testing.CapturedLog;
import org.vpsconnector.application.testing.ControllableBackend;
import org.vpsconnector.application.testing.InMemoryTransactions;
import org.vpsconnector.application.testing.TestClock;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Technology;

class DrainAdministrationTest {
    private final TestClock clock = new TestClock(World.T0);
    private final InMemoryTransactions db = new InMemoryTransactions();
    private final Fleet fleet = new Fleet(List.of(
            new Host("engine-a", Technology.CONTAINER, ControllableBackend.containers(), HostCapacity.UNLIMITED),
            new Host("engine-b", Technology.CONTAINER, ControllableBackend.containers(), HostCapacity.UNLIMITED),
            new Host("kvm-a", Technology.VIRTUAL_MACHINE, ControllableBackend.hypervisor(), HostCapacity.UNLIMITED)));
    private final DrainAdministration drains = new DrainAdministration(db, fleet, clock);

    @Test
    void draining_the_connector_records_the_stripped_reason_and_when_and_answers_every_drain_in_force() {
        List<Drain> inForce = drains.drain(Optional.empty(), "  kernel upgrade \n");

        Drain connector = new Drain(Drain.CONNECTOR, "kernel upgrade", World.T0);
        assertThat(inForce).containsExactly(connector);
        assertThat(drains.drains()).containsExactly(connector);
        Optional<Drain> stored = db.inTransaction(repositories -> repositories.drains().find(Drain.CONNECTOR));
        assertThat(stored).contains(connector);
    }

    @Test
    void a_host_is_drained_by_its_scope_and_the_answer_lists_it_with_the_drains_before_it() {
        drains.drain(Optional.empty(), "maintenance");
        clock.advance(Duration.ofMinutes(1));

        List<Drain> inForce = drains.drain(Optional.of("container:engine-b"), "disk replacement");

        assertThat(inForce).containsExactly(new Drain(Drain.CONNECTOR, "maintenance", World.T0),
                new Drain("container:engine-b", "disk replacement", World.T0.plusSeconds(60)));
        assertThat(drains.drains()).isEqualTo(inForce);
    }

    @Test
    void a_drain_of_a_host_the_configuration_does_not_name_is_refused_naming_the_hosts() {
        assertThatThrownBy(() -> drains.drain(Optional.of("container:engine-z"), "maintenance"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("no host container:engine-z; the hosts are container:engine-a, container:engine-b, hypervisor:kvm-a");
        assertThatThrownBy(() -> drains.drain(Optional.of("engine-a"), "maintenance"))
                .as("a host is named by its scope, kind included")
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("no host engine-a;");
        assertThatThrownBy(() -> drains.undrain(Optional.of("hypervisor:engine-a")))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("no host hypervisor:engine-a;");
        assertThat(drains.drains()).isEmpty();
    }

    @Test
    void a_drain_without_a_reason_is_refused() {
        assertThatThrownBy(() -> drains.drain(Optional.empty(), null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> drains.drain(Optional.of("hypervisor:kvm-a"), " \t"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("needs a reason");
        assertThat(drains.drains()).isEmpty();
    }

    @Test
    void a_reason_is_at_most_500_characters() {
        assertThatThrownBy(() -> drains.drain(Optional.empty(), "x".repeat(501)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 500 characters");
        assertThat(drains.drains()).isEmpty();

        assertThat(drains.drain(Optional.empty(), "x".repeat(500))).extracting(Drain::reason).containsExactly("x".repeat(500));
    }

    @Test
    void undraining_lifts_only_the_drain_of_its_scope_and_answers_those_left() {
        drains.drain(Optional.empty(), "maintenance");
        drains.drain(Optional.of("container:engine-a"), "disk replacement");

        assertThat(drains.undrain(Optional.empty())).containsExactly(new Drain("container:engine-a", "disk replacement", World.T0));
        assertThat(drains.undrain(Optional.empty())).as("undraining twice changes nothing")
                .containsExactly(new Drain("container:engine-a", "disk replacement", World.T0));
        assertThat(drains.undrain(Optional.of("container:engine-a"))).isEmpty();
        assertThat(drains.drains()).isEmpty();
    }

    @Test
    void drains_and_lifted_drains_are_logged_for_the_operators() {
        try (CapturedLog log = CapturedLog.of(DrainAdministration.class)) {
            drains.drain(Optional.of("hypervisor:kvm-a"), " new disks ");
            drains.undrain(Optional.empty());
            drains.undrain(Optional.of("hypervisor:kvm-a"));

            assertThat(log.at(System.Logger.Level.WARNING)).as("nothing was lifted from the connector")
                    .containsExactly("drained hypervisor:kvm-a: new disks", "undrained hypervisor:kvm-a");
        }
    }
}
