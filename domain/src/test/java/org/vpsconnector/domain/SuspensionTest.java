package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.domain.Admission.Verdict.ACCEPT_NEW;
import static org.vpsconnector.domain.Admission.Verdict.CONFLICT;
import static org.vpsconnector.domain.Admission.Verdict.DONE;
import static org.vpsconnector.domain.Admission.Verdict.FAILED;
import static org.vpsconnector.domain.Admission.Verdict.IN_PROGRESS;
import static org.vpsconnector.domain.Admission.Verdict.NOT_FOUND;
import static org.vpsconnector.domain.Fixtures.SPEC_A;
import static org.vpsconnector.domain.Fixtures.SPEC_A_GROWN;
import static org.vpsconnector.domain.Fixtures.T0;
import static org.vpsconnector.domain.OperationKind.CONFIGURE;
import static org.vpsconnector.domain.OperationKind.DISABLE;
import static org.vpsconnector.domain.OperationKind.ENABLE;
import static org.vpsconnector.domain.OperationKind.START;
import static org.vpsconnector.domain.OperationKind.STOP;
import static org.vpsconnector.domain.OperationKind.UNPROVISION;
import static org.vpsconnector.domain.PowerState.RUNNING;
import static org.vpsconnector.domain.PowerState.STARTING;
import static org.vpsconnector.domain.PowerState.STOPPED;
import static org.vpsconnector.domain.PowerState.STOPPING;
import static org.vpsconnector.domain.RequestPhase.ASYNC;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vpsconnector.domain.Admission.Request;
import org.vpsconnector.domain.Admission.Verdict;

/** Disable and enable (the suspendable type): the state machine, admission and reconcile of a suspended VPS. */
class SuspensionTest {
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);

    private static final Vps RUNNING_VPS = Fixtures.vps(Lifecycle.READY, RUNNING, SPEC_A);
    private static final Vps STOPPED_VPS = Fixtures.vps(Lifecycle.READY, STOPPED, SPEC_A);

    private static Vps disabled(Vps vps) {
        return vps.accept(DISABLE, null, T1).completed(DISABLE, null, STOPPED, T2);
    }

    @Test
    void aDisabledVpsIsStoppedAndSuspendedAndRemembersThatItRan() {
        Vps disabling = RUNNING_VPS.accept(DISABLE, null, T1);
        assertThat(disabling.state()).isEqualTo(STOPPING);
        assertThat(disabling.suspended()).isTrue();
        assertThat(disabling.lifecycle()).isEqualTo(Lifecycle.READY);

        Vps disabled = disabling.completed(DISABLE, null, STOPPED, T2);
        assertThat(disabled.state()).isEqualTo(STOPPED);
        assertThat(disabled.suspended()).isTrue();
        assertThat(disabled.resumeTo()).isEqualTo(RUNNING);
    }

    @Test
    void enableBringsBackThePowerStateTheVpsHad() {
        Vps enabling = disabled(RUNNING_VPS).accept(ENABLE, null, T1);
        assertThat(enabling.state()).isEqualTo(STARTING);
        assertThat(enabling.suspended()).as("suspended until its server is back").isTrue();
        Vps enabled = enabling.completed(ENABLE, null, RUNNING, T2);
        assertThat(enabled.suspended()).isFalse();
        assertThat(enabled.state()).isEqualTo(RUNNING);

        Vps wasStopped = disabled(STOPPED_VPS);
        assertThat(wasStopped.resumeTo()).isEqualTo(STOPPED);
        assertThat(wasStopped.accept(ENABLE, null, T1).state()).as("nothing to start").isEqualTo(STOPPED);
        assertThat(wasStopped.accept(ENABLE, null, T1).completed(ENABLE, null, STOPPED, T2).suspended()).isFalse();
    }

    @Test
    void aFailedDisableLeavesTheVpsEnabledAndAFailedEnableLeavesItSuspended() {
        Vps notDisabled = RUNNING_VPS.accept(DISABLE, null, T1).failed(DISABLE, RUNNING, T2);
        assertThat(notDisabled.suspended()).isFalse();
        assertThat(notDisabled.state()).isEqualTo(RUNNING);

        Vps stillSuspended = disabled(RUNNING_VPS).accept(ENABLE, null, T1).failed(ENABLE, STOPPED, T2);
        assertThat(stillSuspended.suspended()).isTrue();
        assertThat(stillSuspended.resumeTo()).isEqualTo(RUNNING);
    }

    @Test
    void aSuspendedVpsStaysSuspendedThroughStopConfigureAndWhatReconcileRecords() {
        Vps suspended = disabled(RUNNING_VPS);

        assertThat(suspended.accept(STOP, null, T1).completed(STOP, null, STOPPED, T2).resumeTo()).isEqualTo(RUNNING);
        Vps configured = suspended.accept(CONFIGURE, SPEC_A_GROWN, T1).completed(CONFIGURE, SPEC_A_GROWN, STOPPED, T2);
        assertThat(configured.resumeTo()).isEqualTo(RUNNING);
        assertThat(configured.spec()).isEqualTo(SPEC_A_GROWN);
        assertThat(suspended.observed(PowerState.ERROR, T1).suspended()).isTrue();
    }

    @Test
    void onlyRunningOrStoppedCanBeBroughtBack() {
        assertThatThrownBy(() -> new Vps(Fixtures.VPS_ID, Fixtures.INSTANCE_ID, SPEC_A, Lifecycle.READY, STOPPED, T0, T0,
                PowerState.ERROR)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- admission

    private static Verdict decide(Vps vps, Operation latest, OperationKind kind, RequestPhase phase) {
        return Admission.decide(new Request(kind, phase, kind.carriesSpec() ? SPEC_A_GROWN : null),
                Optional.ofNullable(vps), Optional.ofNullable(latest)).verdict();
    }

    private static Operation op(OperationKind kind, OperationStatus status) {
        return Fixtures.operation(kind, status, SPEC_A);
    }

    @Test
    void disableAndEnableAreAcceptedOnceEach() {
        Vps suspended = disabled(RUNNING_VPS);
        Operation disableDone = op(DISABLE, OperationStatus.SUCCEEDED);

        assertThat(decide(RUNNING_VPS, op(OperationKind.PROVISION, OperationStatus.SUCCEEDED), DISABLE, SYNC)).isEqualTo(ACCEPT_NEW);
        assertThat(decide(STOPPED_VPS, op(STOP, OperationStatus.SUCCEEDED), DISABLE, SYNC)).isEqualTo(ACCEPT_NEW);
        assertThat(decide(suspended, disableDone, DISABLE, SYNC)).as("disabling a disabled VPS").isEqualTo(CONFLICT);
        assertThat(decide(suspended, disableDone, ENABLE, SYNC)).isEqualTo(ACCEPT_NEW);
        assertThat(decide(RUNNING_VPS, op(START, OperationStatus.SUCCEEDED), ENABLE, SYNC)).as("enabling an enabled VPS")
                .isEqualTo(CONFLICT);
        assertThat(decide(RUNNING_VPS, op(START, OperationStatus.SUCCEEDED), ENABLE, ASYNC)).isEqualTo(CONFLICT);
    }

    @Test
    void repeatsAndPollsOfASuspensionNeverActTwice() {
        Vps disabling = RUNNING_VPS.accept(DISABLE, null, T1);
        assertThat(decide(disabling, op(DISABLE, OperationStatus.RUNNING), DISABLE, ASYNC)).isEqualTo(IN_PROGRESS);
        assertThat(decide(disabling, op(DISABLE, OperationStatus.ACCEPTED), DISABLE, SYNC)).isEqualTo(IN_PROGRESS);
        assertThat(decide(disabled(RUNNING_VPS), op(DISABLE, OperationStatus.SUCCEEDED), DISABLE, ASYNC)).isEqualTo(DONE);
        assertThat(decide(RUNNING_VPS, op(DISABLE, OperationStatus.FAILED), DISABLE, ASYNC)).isEqualTo(FAILED);
        assertThat(decide(RUNNING_VPS, op(ENABLE, OperationStatus.SUCCEEDED), ENABLE, ASYNC)).isEqualTo(DONE);
        assertThat(decide(disabling, op(DISABLE, OperationStatus.RUNNING), ENABLE, SYNC)).as("other work under way")
                .isEqualTo(CONFLICT);
        assertThat(decide(disabling, op(DISABLE, OperationStatus.RUNNING), START, SYNC)).isEqualTo(CONFLICT);
    }

    @Test
    void aSuspendedVpsCannotBeStartedButIsStoppedConfiguredAndUnprovisioned() {
        Vps suspended = disabled(RUNNING_VPS);
        Operation disableDone = op(DISABLE, OperationStatus.SUCCEEDED);

        assertThat(decide(suspended, disableDone, START, SYNC)).isEqualTo(CONFLICT);
        assertThat(decide(suspended, disableDone, START, ASYNC)).isEqualTo(CONFLICT);
        assertThat(decide(suspended, disableDone, STOP, SYNC)).as("it is stopped already").isEqualTo(DONE);
        assertThat(decide(suspended, disableDone, CONFIGURE, SYNC)).isEqualTo(ACCEPT_NEW);
        assertThat(decide(suspended, disableDone, UNPROVISION, SYNC)).isEqualTo(ACCEPT_NEW);
    }

    @ParameterizedTest
    @EnumSource(value = OperationKind.class, names = {"DISABLE", "ENABLE"})
    void aVpsThatIsNotReadyIsNeitherDisabledNorEnabled(OperationKind kind) {
        Vps provisioning = Fixtures.vps(Lifecycle.PROVISIONING, PowerState.CREATING, SPEC_A);
        Vps deleted = Fixtures.vps(Lifecycle.DELETED, PowerState.DELETING, SPEC_A);

        assertThat(decide(provisioning, op(OperationKind.PROVISION, OperationStatus.RUNNING), kind, SYNC)).isEqualTo(CONFLICT);
        assertThat(decide(deleted, op(UNPROVISION, OperationStatus.SUCCEEDED), kind, SYNC)).isEqualTo(NOT_FOUND);
        assertThat(decide(null, null, kind, SYNC)).isEqualTo(NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(value = OperationKind.class, names = {"DISABLE", "ENABLE"})
    void a_vps_whose_provision_failed_is_neither_disabled_nor_enabled(OperationKind kind) {
        Vps failed = Fixtures.vps(Lifecycle.FAILED, PowerState.ERROR, SPEC_A);

        Admission.Decision decision = Admission.decide(new Request(kind, SYNC, null), Optional.of(failed),
                Optional.of(op(OperationKind.PROVISION, OperationStatus.FAILED)));

        assertThat(decision).isEqualTo(new Admission.Decision(CONFLICT, "the VPS is not ready (aps:provisioning)"));
    }

    // --- reconcile

    @Test
    void reconcileStopsTheRunningServerOfASuspendedVpsAndNeverStartsOne() {
        Vps suspended = disabled(RUNNING_VPS);
        Optional<Operation> done = Optional.of(op(DISABLE, OperationStatus.SUCCEEDED));

        Reconciliation.Verdict verdict = Reconciliation.judge(Technology.CONTAINER, Optional.of(suspended), done,
                Optional.of(RUNNING)).orElseThrow();
        assertThat(verdict.finding()).isEqualTo(Reconciliation.Finding.POWER_STATE_DRIFT);
        assertThat(verdict.repair()).isEqualTo(Reconciliation.Repair.STOP_SERVER);
        assertThat(verdict.unattended()).isTrue();
        assertThat(verdict.action()).contains("stop the server");

        assertThat(Reconciliation.judge(Technology.CONTAINER, Optional.of(suspended), done, Optional.of(STOPPED))).isEmpty();
        assertThat(Reconciliation.judge(Technology.CONTAINER, Optional.of(suspended.observed(RUNNING, T2)), done,
                Optional.of(STOPPED)).orElseThrow().repair()).as("a record of Running is corrected, the server stays stopped")
                .isEqualTo(Reconciliation.Repair.RECORD_STATE);
        assertThat(Reconciliation.judge(Technology.CONTAINER, Optional.of(RUNNING_VPS.accept(DISABLE, null, T1)),
                Optional.of(op(DISABLE, OperationStatus.RUNNING)), Optional.of(RUNNING))).as("the disable owns it").isEmpty();
    }
}
