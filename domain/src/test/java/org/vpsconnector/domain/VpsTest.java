package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.vpsconnector.domain.Fixtures.SPEC_A;
import static org.vpsconnector.domain.Fixtures.SPEC_A_GROWN;
import static org.vpsconnector.domain.Fixtures.T0;
import static org.vpsconnector.domain.Fixtures.vps;
import static org.vpsconnector.domain.Lifecycle.CONFIGURING;
import static org.vpsconnector.domain.Lifecycle.DELETED;
import static org.vpsconnector.domain.Lifecycle.FAILED;
import static org.vpsconnector.domain.Lifecycle.PROVISIONING;
import static org.vpsconnector.domain.Lifecycle.READY;
import static org.vpsconnector.domain.Lifecycle.UNPROVISIONING;
import static org.vpsconnector.domain.OperationKind.CONFIGURE;
import static org.vpsconnector.domain.OperationKind.PROVISION;
import static org.vpsconnector.domain.OperationKind.START;
import static org.vpsconnector.domain.OperationKind.STOP;
import static org.vpsconnector.domain.OperationKind.UNPROVISION;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class VpsTest {
    private static final Instant LATER = T0.plusSeconds(90);
    /** What the VPS is before the operation: SPEC_A. What the operation asks for: SPEC_A_GROWN. */
    private static final String OLD = "old spec";
    private static final String TARGET = "target spec";

    static Stream<Arguments> accepting() {
        return Stream.of(
                // kind, lifecycle before, state before, lifecycle while running, state while running, spec shown
                arguments(PROVISION, FAILED, PowerState.ERROR, PROVISIONING, PowerState.CREATING, TARGET),
                arguments(PROVISION, PROVISIONING, PowerState.CREATING, PROVISIONING, PowerState.CREATING, TARGET),
                arguments(CONFIGURE, READY, PowerState.RUNNING, CONFIGURING, PowerState.CONFIGURING, OLD),
                arguments(UNPROVISION, READY, PowerState.RUNNING, UNPROVISIONING, PowerState.DELETING, OLD),
                arguments(UNPROVISION, PROVISIONING, PowerState.CREATING, UNPROVISIONING, PowerState.DELETING, OLD),
                arguments(UNPROVISION, FAILED, PowerState.ERROR, UNPROVISIONING, PowerState.DELETING, OLD),
                arguments(START, READY, PowerState.STOPPED, READY, PowerState.STARTING, OLD),
                arguments(STOP, READY, PowerState.RUNNING, READY, PowerState.STOPPING, OLD));
    }

    @ParameterizedTest(name = "{0} accepted on a {1} VPS: {3}, {4}, {5}")
    @MethodSource("accepting")
    void accepting_an_operation_shows_its_running_lifecycle_and_state(OperationKind kind, Lifecycle before, PowerState stateBefore,
                                                                    Lifecycle lifecycle, PowerState state, String spec) {
        Vps accepted = vps(before, stateBefore, SPEC_A).accept(kind, kind.carriesSpec() ? SPEC_A_GROWN : null, LATER);

        assertThat(accepted.lifecycle()).isEqualTo(lifecycle);
        assertThat(accepted.state()).isEqualTo(state);
        assertThat(accepted.spec()).isEqualTo(spec.equals(TARGET) ? SPEC_A_GROWN : SPEC_A);
        assertThat(accepted.createdAt()).isEqualTo(T0);
        assertThat(accepted.modifiedAt()).isEqualTo(LATER);
    }

    static Stream<Arguments> illegalAcceptance() {
        return Stream.of(
                arguments(PROVISION, READY),
                arguments(PROVISION, DELETED),
                arguments(CONFIGURE, PROVISIONING),
                arguments(CONFIGURE, FAILED),
                arguments(CONFIGURE, DELETED),
                arguments(UNPROVISION, CONFIGURING),
                arguments(UNPROVISION, DELETED));
    }

    @ParameterizedTest(name = "{0} cannot be accepted on a {1} VPS")
    @MethodSource("illegalAcceptance")
    void accepting_an_operation_the_lifecycle_forbids_throws(OperationKind kind, Lifecycle before) {
        Vps vps = vps(before, PowerState.RUNNING, SPEC_A);

        assertThatThrownBy(() -> vps.accept(kind, kind.carriesSpec() ? SPEC_A_GROWN : null, LATER))
                .isInstanceOf(IllegalTransitionException.class);
    }

    static Stream<Arguments> completing() {
        return Stream.of(
                // kind, lifecycle while running, observed, lifecycle after, state after, spec after
                arguments(PROVISION, PROVISIONING, PowerState.RUNNING, READY, PowerState.RUNNING, TARGET),
                arguments(PROVISION, PROVISIONING, PowerState.STOPPED, READY, PowerState.STOPPED, TARGET),
                arguments(CONFIGURE, CONFIGURING, PowerState.RUNNING, READY, PowerState.RUNNING, TARGET),
                arguments(CONFIGURE, CONFIGURING, PowerState.STOPPED, READY, PowerState.STOPPED, TARGET),
                arguments(UNPROVISION, UNPROVISIONING, PowerState.DELETING, DELETED, PowerState.DELETING, OLD),
                arguments(START, READY, PowerState.RUNNING, READY, PowerState.RUNNING, OLD),
                arguments(STOP, READY, PowerState.STOPPED, READY, PowerState.STOPPED, OLD));
    }

    @ParameterizedTest(name = "{0} completed from {1} observing {2}: {3}, {4}, {5}")
    @MethodSource("completing")
    void a_completed_operation_leaves_the_vps_in_its_final_lifecycle_with_the_observed_state(
            OperationKind kind, Lifecycle running, PowerState observed, Lifecycle lifecycle, PowerState state, String spec) {
        Vps completed = vps(running, kind.stateWhileRunning(), SPEC_A)
                .completed(kind, kind.carriesSpec() ? SPEC_A_GROWN : null, observed, LATER);

        assertThat(completed.lifecycle()).isEqualTo(lifecycle);
        assertThat(completed.state()).isEqualTo(state);
        assertThat(completed.spec()).isEqualTo(spec.equals(TARGET) ? SPEC_A_GROWN : SPEC_A);
        assertThat(completed.modifiedAt()).isEqualTo(LATER);
        assertThat(completed.createdAt()).isEqualTo(T0);
    }

    static Stream<Arguments> failing() {
        return Stream.of(
                // kind, lifecycle while running, observed, lifecycle after, state after
                arguments(PROVISION, PROVISIONING, PowerState.RUNNING, FAILED, PowerState.ERROR),
                arguments(PROVISION, PROVISIONING, PowerState.ERROR, FAILED, PowerState.ERROR),
                arguments(CONFIGURE, CONFIGURING, PowerState.RUNNING, READY, PowerState.RUNNING),
                arguments(CONFIGURE, CONFIGURING, PowerState.STOPPED, READY, PowerState.STOPPED),
                arguments(UNPROVISION, UNPROVISIONING, PowerState.RUNNING, READY, PowerState.RUNNING),
                arguments(UNPROVISION, UNPROVISIONING, PowerState.ERROR, READY, PowerState.ERROR),
                arguments(START, READY, PowerState.STOPPED, READY, PowerState.STOPPED),
                arguments(STOP, READY, PowerState.RUNNING, READY, PowerState.RUNNING));
    }

    @ParameterizedTest(name = "{0} failed from {1} observing {2}: {3}, {4}")
    @MethodSource("failing")
    void a_failed_operation_leaves_the_vps_as_the_backend_reports_it_and_keeps_its_spec(
            OperationKind kind, Lifecycle running, PowerState observed, Lifecycle lifecycle, PowerState state) {
        Vps failed = vps(running, kind.stateWhileRunning(), SPEC_A).failed(kind, observed, LATER);

        assertThat(failed.lifecycle()).isEqualTo(lifecycle);
        assertThat(failed.state()).isEqualTo(state);
        assertThat(failed.spec()).isEqualTo(SPEC_A);
        assertThat(failed.modifiedAt()).isEqualTo(LATER);
    }

    @Test
    void completing_a_provision_of_a_deleted_vps_is_an_illegal_transition() {
        Vps deleted = vps(DELETED, PowerState.DELETING, SPEC_A);

        assertThatThrownBy(() -> deleted.completed(PROVISION, SPEC_A, PowerState.RUNNING, LATER))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_new_vps_is_provisioning_and_creating_with_the_requested_spec() {
        Vps vps = Vps.provisioning(Fixtures.VPS_ID, Fixtures.INSTANCE_ID, SPEC_A, T0);

        assertThat(vps.lifecycle()).isEqualTo(PROVISIONING);
        assertThat(vps.state()).isEqualTo(PowerState.CREATING);
        assertThat(vps.spec()).isEqualTo(SPEC_A);
        assertThat(vps.technology()).isEqualTo(Technology.CONTAINER);
        assertThat(vps.createdAt()).isEqualTo(T0);
        assertThat(vps.modifiedAt()).isEqualTo(T0);
    }

    @Test
    void a_vps_placed_on_a_host_keeps_it_through_every_later_change() {
        Vps vps = Vps.provisioning(Fixtures.VPS_ID, Fixtures.INSTANCE_ID, SPEC_A, T0);

        Vps placed = vps.placedOn("docker-2");

        assertThat(vps.host()).as("a new VPS is on the first host of its technology").isNull();
        assertThat(placed).isEqualTo(new Vps(Fixtures.VPS_ID, Fixtures.INSTANCE_ID, SPEC_A, PROVISIONING, PowerState.CREATING,
                T0, T0, null, null, "docker-2"));
        Vps ready = placed.completed(PROVISION, SPEC_A, PowerState.RUNNING, T0.plusSeconds(1));
        assertThat(ready.host()).isEqualTo("docker-2");
        assertThat(ready.seenAt("10.88.0.7").host()).isEqualTo("docker-2");
    }

    @ParameterizedTest(name = "a {0} VPS is live: {1}")
    @CsvSource({
            "PROVISIONING, true", "READY, true", "CONFIGURING, true", "UNPROVISIONING, true",
            "DELETED, false", "FAILED, false"})
    void onlyDeletedAndFailedVpsesHaveNoServer(Lifecycle lifecycle, boolean live) {
        assertThat(vps(lifecycle, PowerState.STOPPED, SPEC_A).isLive()).isEqualTo(live);
    }
}
