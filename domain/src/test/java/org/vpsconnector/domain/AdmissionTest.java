package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.vpsconnector.domain.Admission.Verdict.ACCEPT_NEW;
import static org.vpsconnector.domain.Admission.Verdict.CONFLICT;
import static org.vpsconnector.domain.Admission.Verdict.DONE;
import static org.vpsconnector.domain.Admission.Verdict.FAILED;
import static org.vpsconnector.domain.Admission.Verdict.GONE;
import static org.vpsconnector.domain.Admission.Verdict.IN_PROGRESS;
import static org.vpsconnector.domain.Admission.Verdict.NOT_FOUND;
import static org.vpsconnector.domain.Fixtures.SPEC_A;
import static org.vpsconnector.domain.Fixtures.SPEC_A_AS_VM;
import static org.vpsconnector.domain.Fixtures.SPEC_A_GROWN;
import static org.vpsconnector.domain.Fixtures.SPEC_A_OTHER_CONTEXT;
import static org.vpsconnector.domain.Fixtures.SPEC_A_OTHER_OS;
import static org.vpsconnector.domain.Fixtures.SPEC_A_RENAMED;
import static org.vpsconnector.domain.Fixtures.SPEC_A_SHRUNK;
import static org.vpsconnector.domain.Fixtures.SPEC_A_SPARSE;
import static org.vpsconnector.domain.Fixtures.SPEC_B;
import static org.vpsconnector.domain.OperationKind.CONFIGURE;
import static org.vpsconnector.domain.OperationKind.PROVISION;
import static org.vpsconnector.domain.OperationKind.START;
import static org.vpsconnector.domain.OperationKind.STOP;
import static org.vpsconnector.domain.OperationKind.UNPROVISION;
import static org.vpsconnector.domain.OperationStatus.ACCEPTED;
import static org.vpsconnector.domain.OperationStatus.CANCELLED;
import static org.vpsconnector.domain.OperationStatus.RUNNING;
import static org.vpsconnector.domain.OperationStatus.SUCCEEDED;
import static org.vpsconnector.domain.PowerState.CREATING;
import static org.vpsconnector.domain.PowerState.DELETING;
import static org.vpsconnector.domain.PowerState.ERROR;
import static org.vpsconnector.domain.PowerState.STOPPED;
import static org.vpsconnector.domain.RequestPhase.ASYNC;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vpsconnector.domain.Admission.Decision;
import org.vpsconnector.domain.Admission.Request;
import org.vpsconnector.domain.Admission.Verdict;

class AdmissionTest {

    // The VPS as stored.
    private static final Vps NONE = null;
    private static final Vps PROVISIONING_VPS = Fixtures.vps(Lifecycle.PROVISIONING, CREATING, SPEC_A);
    private static final Vps RUNNING_VPS = Fixtures.vps(Lifecycle.READY, PowerState.RUNNING, SPEC_A);
    private static final Vps STOPPED_VPS = Fixtures.vps(Lifecycle.READY, STOPPED, SPEC_A);
    private static final Vps GROWN_VPS = Fixtures.vps(Lifecycle.READY, PowerState.RUNNING, SPEC_A_GROWN);
    private static final Vps CONFIGURING_VPS = Fixtures.vps(Lifecycle.CONFIGURING, PowerState.CONFIGURING, SPEC_A);
    private static final Vps UNPROVISIONING_VPS = Fixtures.vps(Lifecycle.UNPROVISIONING, DELETING, SPEC_A);
    private static final Vps DELETED_VPS = Fixtures.vps(Lifecycle.DELETED, DELETING, SPEC_A);
    private static final Vps FAILED_VPS = Fixtures.vps(Lifecycle.FAILED, ERROR, SPEC_A);

    private static Operation op(OperationKind kind, OperationStatus status) {
        return Fixtures.operation(kind, status, SPEC_A);
    }

    private static Operation op(OperationKind kind, OperationStatus status, VpsSpec target) {
        return Fixtures.operation(kind, status, target);
    }

    private static Request request(OperationKind kind, RequestPhase phase) {
        return new Request(kind, phase, null);
    }

    private static Request request(OperationKind kind, RequestPhase phase, VpsSpec spec) {
        return new Request(kind, phase, spec);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // --- unknown VPS: only a sync provision creates one
                arguments("unknown VPS, sync provision", NONE, null, request(PROVISION, SYNC, SPEC_A), ACCEPT_NEW),
                arguments("unknown VPS, async provision (a poll of nothing)", NONE, null, request(PROVISION, ASYNC, SPEC_A), NOT_FOUND),
                arguments("unknown VPS, sync configure", NONE, null, request(CONFIGURE, SYNC, SPEC_A), NOT_FOUND),
                arguments("unknown VPS, async configure", NONE, null, request(CONFIGURE, ASYNC, SPEC_A), NOT_FOUND),
                arguments("unknown VPS, sync unprovision (a lost answer repeated)", NONE, null, request(UNPROVISION, SYNC), GONE),
                arguments("unknown VPS, async unprovision", NONE, null, request(UNPROVISION, ASYNC), GONE),
                arguments("unknown VPS, sync start", NONE, null, request(START, SYNC), NOT_FOUND),
                arguments("unknown VPS, async start", NONE, null, request(START, ASYNC), NOT_FOUND),
                arguments("unknown VPS, sync stop", NONE, null, request(STOP, SYNC), NOT_FOUND),
                arguments("unknown VPS, async stop", NONE, null, request(STOP, ASYNC), NOT_FOUND),

                // --- deleted VPS
                arguments("deleted VPS, sync unprovision again", DELETED_VPS, op(UNPROVISION, SUCCEEDED), request(UNPROVISION, SYNC), DONE),
                arguments("deleted VPS, async unprovision poll", DELETED_VPS, op(UNPROVISION, SUCCEEDED), request(UNPROVISION, ASYNC), DONE),
                arguments("deleted VPS, sync provision of its aps.id", DELETED_VPS, op(UNPROVISION, SUCCEEDED), request(PROVISION, SYNC, SPEC_A), CONFLICT),
                arguments("deleted VPS, async provision of its aps.id", DELETED_VPS, op(UNPROVISION, SUCCEEDED), request(PROVISION, ASYNC, SPEC_A), CONFLICT),
                arguments("deleted VPS, configure", DELETED_VPS, op(UNPROVISION, SUCCEEDED), request(CONFIGURE, SYNC, SPEC_A), NOT_FOUND),
                arguments("deleted VPS, start", DELETED_VPS, op(UNPROVISION, SUCCEEDED), request(START, SYNC), NOT_FOUND),
                arguments("deleted VPS, stop", DELETED_VPS, op(UNPROVISION, SUCCEEDED), request(STOP, ASYNC), NOT_FOUND),

                // --- the same work in flight: 202 again, never a second piece of work
                arguments("provision accepted, async poll", PROVISIONING_VPS, op(PROVISION, ACCEPTED), request(PROVISION, ASYNC, SPEC_A), IN_PROGRESS),
                arguments("provision running, async poll", PROVISIONING_VPS, op(PROVISION, RUNNING), request(PROVISION, ASYNC, SPEC_A), IN_PROGRESS),
                arguments("provision running, sync re-send", PROVISIONING_VPS, op(PROVISION, RUNNING), request(PROVISION, SYNC, SPEC_A), IN_PROGRESS),
                arguments("provision running, poll omitting properties", PROVISIONING_VPS, op(PROVISION, RUNNING), request(PROVISION, ASYNC, SPEC_A_SPARSE), IN_PROGRESS),
                arguments("configure running, async poll", CONFIGURING_VPS, op(CONFIGURE, RUNNING, SPEC_A_GROWN), request(CONFIGURE, ASYNC, SPEC_A_GROWN), IN_PROGRESS),
                arguments("configure running, sync re-send", CONFIGURING_VPS, op(CONFIGURE, RUNNING, SPEC_A_GROWN), request(CONFIGURE, SYNC, SPEC_A_GROWN), IN_PROGRESS),
                arguments("unprovision running, async poll", UNPROVISIONING_VPS, op(UNPROVISION, RUNNING), request(UNPROVISION, ASYNC), IN_PROGRESS),
                arguments("unprovision running, sync re-send", UNPROVISIONING_VPS, op(UNPROVISION, ACCEPTED), request(UNPROVISION, SYNC), IN_PROGRESS),
                arguments("start running, async poll", STOPPED_VPS, op(START, RUNNING), request(START, ASYNC), IN_PROGRESS),
                arguments("stop accepted, sync re-send", RUNNING_VPS, op(STOP, ACCEPTED), request(STOP, SYNC), IN_PROGRESS),

                // --- different work in flight: 409, except an unprovision that cancels a build
                arguments("provision running, provision with other hardware", PROVISIONING_VPS, op(PROVISION, RUNNING), request(PROVISION, SYNC, SPEC_B), CONFLICT),
                arguments("provision running, poll with another name", PROVISIONING_VPS, op(PROVISION, RUNNING), request(PROVISION, ASYNC, SPEC_A_RENAMED), CONFLICT),
                arguments("provision running, configure", PROVISIONING_VPS, op(PROVISION, RUNNING), request(CONFIGURE, SYNC, SPEC_A), CONFLICT),
                arguments("provision running, start", PROVISIONING_VPS, op(PROVISION, RUNNING), request(START, SYNC), CONFLICT),
                arguments("provision running, stop", PROVISIONING_VPS, op(PROVISION, ACCEPTED), request(STOP, SYNC), CONFLICT),
                arguments("provision running, sync unprovision cancels it", PROVISIONING_VPS, op(PROVISION, RUNNING), request(UNPROVISION, SYNC), ACCEPT_NEW),
                arguments("provision accepted, sync unprovision cancels it", PROVISIONING_VPS, op(PROVISION, ACCEPTED), request(UNPROVISION, SYNC), ACCEPT_NEW),
                arguments("provision running, an async unprovision poll only reads", PROVISIONING_VPS, op(PROVISION, RUNNING), request(UNPROVISION, ASYNC), CONFLICT),
                arguments("configure running, configure to something else", CONFIGURING_VPS, op(CONFIGURE, RUNNING, SPEC_A_GROWN), request(CONFIGURE, SYNC, SPEC_B), CONFLICT),
                arguments("configure running, unprovision", CONFIGURING_VPS, op(CONFIGURE, RUNNING, SPEC_A_GROWN), request(UNPROVISION, SYNC), CONFLICT),
                arguments("configure running, stop", CONFIGURING_VPS, op(CONFIGURE, RUNNING, SPEC_A_GROWN), request(STOP, SYNC), CONFLICT),
                arguments("unprovision running, provision", UNPROVISIONING_VPS, op(UNPROVISION, RUNNING), request(PROVISION, SYNC, SPEC_A), CONFLICT),
                arguments("unprovision running, start", UNPROVISIONING_VPS, op(UNPROVISION, RUNNING), request(START, SYNC), CONFLICT),
                arguments("start running, stop", STOPPED_VPS, op(START, RUNNING), request(STOP, SYNC), CONFLICT),
                arguments("start running, unprovision", STOPPED_VPS, op(START, RUNNING), request(UNPROVISION, SYNC), CONFLICT),
                arguments("stop running, configure", RUNNING_VPS, op(STOP, RUNNING), request(CONFIGURE, SYNC, SPEC_A_GROWN), CONFLICT),

                // --- finished work polled async: its outcome
                arguments("provision succeeded, async poll", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(PROVISION, ASYNC, SPEC_A), DONE),
                arguments("provision succeeded, async poll omitting properties", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(PROVISION, ASYNC, SPEC_A_SPARSE), DONE),
                arguments("provision failed, async poll", FAILED_VPS, op(PROVISION, OperationStatus.FAILED), request(PROVISION, ASYNC, SPEC_A), FAILED),
                arguments("provision failed, async poll with other properties", FAILED_VPS, op(PROVISION, OperationStatus.FAILED), request(PROVISION, ASYNC, SPEC_B), FAILED),
                arguments("configure succeeded, async poll", GROWN_VPS, op(CONFIGURE, SUCCEEDED, SPEC_A_GROWN), request(CONFIGURE, ASYNC, SPEC_A_GROWN), DONE),
                arguments("configure failed, async poll", RUNNING_VPS, op(CONFIGURE, OperationStatus.FAILED, SPEC_A_GROWN), request(CONFIGURE, ASYNC, SPEC_A_GROWN), FAILED),
                arguments("unprovision failed, async poll", RUNNING_VPS, op(UNPROVISION, OperationStatus.FAILED), request(UNPROVISION, ASYNC), FAILED),
                arguments("start succeeded, async poll", RUNNING_VPS, op(START, SUCCEEDED), request(START, ASYNC), DONE),
                arguments("start failed, async poll", STOPPED_VPS, op(START, OperationStatus.FAILED), request(START, ASYNC), FAILED),
                arguments("stop succeeded, async poll", STOPPED_VPS, op(STOP, SUCCEEDED), request(STOP, ASYNC), DONE),

                // --- repeated sync provision of an existing VPS
                arguments("provisioned VPS, sync provision with the same properties", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(PROVISION, SYNC, SPEC_A), DONE),
                arguments("provisioned VPS, sync provision omitting properties", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(PROVISION, SYNC, SPEC_A_SPARSE), DONE),
                arguments("provisioned VPS, sync provision with other hardware", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(PROVISION, SYNC, SPEC_B), CONFLICT),
                arguments("provisioned VPS, sync provision under another name", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(PROVISION, SYNC, SPEC_A_RENAMED), CONFLICT),
                arguments("provisioned VPS, sync provision in another context", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(PROVISION, SYNC, SPEC_A_OTHER_CONTEXT), CONFLICT),
                arguments("provisioned VPS, sync provision with another OS", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(PROVISION, SYNC, SPEC_A_OTHER_OS), CONFLICT),
                arguments("provisioned VPS, async provision with other hardware", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(PROVISION, ASYNC, SPEC_B), CONFLICT),
                arguments("provisioned then started VPS, sync provision", RUNNING_VPS, op(START, SUCCEEDED), request(PROVISION, SYNC, SPEC_A), DONE),
                arguments("failed provision, sync re-send starts afresh", FAILED_VPS, op(PROVISION, OperationStatus.FAILED), request(PROVISION, SYNC, SPEC_A), ACCEPT_NEW),
                arguments("failed provision, sync re-send with other properties", FAILED_VPS, op(PROVISION, OperationStatus.FAILED), request(PROVISION, SYNC, SPEC_B), ACCEPT_NEW),

                // --- configure
                arguments("ready VPS, configure to the same spec", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(CONFIGURE, SYNC, SPEC_A), DONE),
                arguments("ready VPS, configure omitting properties", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(CONFIGURE, SYNC, SPEC_A_SPARSE), DONE),
                arguments("ready VPS, configure to more disk", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(CONFIGURE, SYNC, SPEC_A_GROWN), ACCEPT_NEW),
                arguments("ready VPS, configure renaming it", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(CONFIGURE, SYNC, SPEC_A_RENAMED), ACCEPT_NEW),
                arguments("ready VPS, async configure never requested", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(CONFIGURE, ASYNC, SPEC_A_GROWN), CONFLICT),
                arguments("failed configure, sync re-send", RUNNING_VPS, op(CONFIGURE, OperationStatus.FAILED, SPEC_A_GROWN), request(CONFIGURE, SYNC, SPEC_A_GROWN), ACCEPT_NEW),
                arguments("failed VPS, configure", FAILED_VPS, op(PROVISION, OperationStatus.FAILED), request(CONFIGURE, SYNC, SPEC_A_GROWN), CONFLICT),
                arguments("failed VPS, configure to the same spec", FAILED_VPS, op(PROVISION, OperationStatus.FAILED), request(CONFIGURE, SYNC, SPEC_A), CONFLICT),

                // --- start and stop
                arguments("running VPS, start", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(START, SYNC), DONE),
                arguments("running VPS, async start", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(START, ASYNC), DONE),
                arguments("stopped VPS, stop", STOPPED_VPS, op(PROVISION, SUCCEEDED), request(STOP, SYNC), DONE),
                arguments("stopped VPS, start", STOPPED_VPS, op(PROVISION, SUCCEEDED), request(START, SYNC), ACCEPT_NEW),
                arguments("running VPS, stop", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(STOP, SYNC), ACCEPT_NEW),
                arguments("stopped VPS, async start never requested", STOPPED_VPS, op(PROVISION, SUCCEEDED), request(START, ASYNC), CONFLICT),
                arguments("running VPS, async stop never requested", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(STOP, ASYNC), CONFLICT),
                arguments("start failed, sync re-send", STOPPED_VPS, op(START, OperationStatus.FAILED), request(START, SYNC), ACCEPT_NEW),
                arguments("failed VPS, start", FAILED_VPS, op(PROVISION, OperationStatus.FAILED), request(START, SYNC), CONFLICT),
                arguments("failed VPS, stop", FAILED_VPS, op(PROVISION, OperationStatus.FAILED), request(STOP, SYNC), CONFLICT),

                // --- unprovision
                arguments("ready VPS, sync unprovision", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(UNPROVISION, SYNC), ACCEPT_NEW),
                arguments("ready VPS, async unprovision never requested", RUNNING_VPS, op(PROVISION, SUCCEEDED), request(UNPROVISION, ASYNC), CONFLICT),
                arguments("failed unprovision, sync re-send", RUNNING_VPS, op(UNPROVISION, OperationStatus.FAILED), request(UNPROVISION, SYNC), ACCEPT_NEW),
                arguments("failed VPS, sync unprovision", FAILED_VPS, op(PROVISION, OperationStatus.FAILED), request(UNPROVISION, SYNC), ACCEPT_NEW),
                arguments("cancelled build under a running unprovision, provision poll", UNPROVISIONING_VPS, op(UNPROVISION, RUNNING), request(PROVISION, ASYNC, SPEC_A), CONFLICT));
    }

    @ParameterizedTest(name = "{0}: {4}")
    @MethodSource("table")
    void a_request_gets_the_verdict_its_situation_calls_for(String situation, Vps known, Operation latest, Request request,
                                                              Verdict verdict) {
        Decision decision = Admission.decide(request, Optional.ofNullable(known), Optional.ofNullable(latest));

        assertThat(decision.verdict()).isEqualTo(verdict);
        assertThat(decision.reason()).isNotBlank();
    }

    @Test
    void a_finished_operation_polled_again_answers_with_its_info_and_a_failed_one_with_its_error() {
        Operation succeeded = op(PROVISION, SUCCEEDED);
        Operation failed = Operation.accept(java.util.UUID.randomUUID(), Fixtures.VPS_ID, PROVISION, SPEC_A, null, Fixtures.T0)
                .fail("image not found", Fixtures.T0);

        assertThat(Admission.decide(request(PROVISION, ASYNC, SPEC_A), Optional.of(RUNNING_VPS), Optional.of(succeeded)).reason())
                .isEqualTo(succeeded.info());
        assertThat(Admission.decide(request(PROVISION, ASYNC, SPEC_A), Optional.of(FAILED_VPS), Optional.of(failed)).reason())
                .contains("image not found");
    }

    @Test
    void work_in_progress_answers_with_the_operation_info() {
        Operation running = op(PROVISION, RUNNING);

        assertThat(Admission.decide(request(PROVISION, ASYNC, SPEC_A), Optional.of(PROVISIONING_VPS), Optional.of(running)).reason())
                .isEqualTo(running.info());
    }

    @Test
    void a_cancelled_operation_polled_again_answers_failed() {
        Decision decision = Admission.decide(request(PROVISION, ASYNC, SPEC_A), Optional.of(FAILED_VPS),
                Optional.of(op(PROVISION, CANCELLED)));

        assertThat(decision.verdict()).isEqualTo(FAILED);
    }

    @Test
    void configuring_a_ready_vps_into_a_vm_is_an_invalid_request() {
        assertThatThrownBy(() -> Admission.decide(request(CONFIGURE, SYNC, SPEC_A_AS_VM), Optional.of(RUNNING_VPS),
                Optional.of(op(PROVISION, SUCCEEDED))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("hardware.VM");
    }

    @Test
    void shrinking_the_disk_of_a_ready_vps_is_an_invalid_request() {
        assertThatThrownBy(() -> Admission.decide(request(CONFIGURE, SYNC, SPEC_A_SHRUNK), Optional.of(RUNNING_VPS),
                Optional.of(op(PROVISION, SUCCEEDED))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("hardware.diskspace");
    }

    @Test
    void provision_and_configure_requests_must_carry_the_representation() {
        assertThatThrownBy(() -> new Request(PROVISION, SYNC, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Request(CONFIGURE, ASYNC, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_property_left_out_of_a_repeat_does_not_count_as_different_but_a_changed_one_does() {
        assertThat(Admission.sameRepresentation(SPEC_A, SPEC_A_SPARSE)).isTrue();
        assertThat(Admission.sameRepresentation(SPEC_A, SPEC_A)).isTrue();
        assertThat(Admission.sameRepresentation(SPEC_A, SPEC_A_RENAMED)).isFalse();
        assertThat(Admission.sameRepresentation(SPEC_A, SPEC_B)).isFalse();
        // the stored spec lacking a property the repeat carries is a difference
        assertThat(Admission.sameRepresentation(SPEC_A_SPARSE, SPEC_A)).isFalse();
    }
}
