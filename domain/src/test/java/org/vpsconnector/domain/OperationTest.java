package org.vpsconnector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.vpsconnector.domain.Fixtures.SPEC_A;
import static org.vpsconnector.domain.Fixtures.T0;
import static org.vpsconnector.domain.Fixtures.VPS_ID;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OperationTest {
    private static final UUID OPERATION_ID = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(30), 4);
    private static final Instant NOW = T0.plusSeconds(100);

    private static Operation accepted() {
        return Operation.accept(OPERATION_ID, VPS_ID, OperationKind.PROVISION, SPEC_A, "tx-1", T0);
    }

    private static Operation running() {
        return accepted().progress("working", T0.plusSeconds(5), T0.plusSeconds(1));
    }

    @Test
    void an_accepted_operation_is_due_at_once_with_no_attempts() {
        Operation operation = accepted();

        assertThat(operation.status()).isEqualTo(OperationStatus.ACCEPTED);
        assertThat(operation.attempts()).isZero();
        assertThat(operation.nextAttemptAt()).isEqualTo(T0);
        assertThat(operation.lastError()).isNull();
        assertThat(operation.info()).isEqualTo("Provisioning accepted");
        assertThat(operation.createdAt()).isEqualTo(T0);
        assertThat(operation.updatedAt()).isEqualTo(T0);
        assertThat(operation.target()).isEqualTo(SPEC_A);
        assertThat(operation.isFinished()).isFalse();
    }

    @ParameterizedTest(name = "{0} accepted reads \"{1}\"")
    @CsvSource({
            "PROVISION,   Provisioning accepted",
            "CONFIGURE,   Configuration accepted",
            "UNPROVISION, Unprovisioning accepted",
            "START,       Start accepted",
            "STOP,        Stop accepted",
    })
    void each_kind_describes_itself_in_the_info_text(OperationKind kind, String info) {
        Operation operation = Operation.accept(OPERATION_ID, VPS_ID, kind, kind.carriesSpec() ? SPEC_A : null, null, T0);

        assertThat(operation.info()).isEqualTo(info);
    }

    @ParameterizedTest
    @EnumSource(value = OperationKind.class, names = {"PROVISION", "CONFIGURE"})
    void provision_and_configure_need_a_target(OperationKind kind) {
        assertThatThrownBy(() -> Operation.accept(OPERATION_ID, VPS_ID, kind, null, null, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void progress_runs_the_operation_and_asks_to_be_looked_at_again() {
        Operation progressed = accepted().progress("Waiting for the guest", NOW.plusSeconds(5), NOW);

        assertThat(progressed.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(progressed.info()).isEqualTo("Waiting for the guest");
        assertThat(progressed.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(progressed.updatedAt()).isEqualTo(NOW);
        assertThat(progressed.createdAt()).isEqualTo(T0);
        assertThat(progressed.attempts()).isZero();
        // and progress may repeat
        assertThat(progressed.progress("still", NOW.plusSeconds(10), NOW.plusSeconds(5)).status())
                .isEqualTo(OperationStatus.RUNNING);
    }

    /** Backoff of 10 s doubling up to 30 s, 4 attempts at most. */
    @ParameterizedTest(name = "failed attempt #{0}: {1}, retry after {2} s")
    @CsvSource({
            "1, RUNNING, 10",
            "2, RUNNING, 20",
            "3, RUNNING, 30",
            "4, FAILED,  0",
    })
    void failed_attempts_back_off_until_the_attempts_are_spent(int failedAttempts, OperationStatus status, long delaySeconds) {
        Operation operation = running();
        for (int i = 0; i < failedAttempts; i++) {
            operation = operation.failedAttempt("daemon down #" + (i + 1), BACKOFF, NOW);
        }

        assertThat(operation.status()).isEqualTo(status);
        assertThat(operation.attempts()).isEqualTo(failedAttempts);
        assertThat(operation.nextAttemptAt()).isEqualTo(NOW.plusSeconds(delaySeconds));
        assertThat(operation.lastError()).isEqualTo("daemon down #" + failedAttempts);
        assertThat(operation.info()).contains("daemon down #" + failedAttempts);
        if (status == OperationStatus.FAILED) {
            assertThat(operation.info()).contains("failed after 4 attempts");
        } else {
            assertThat(operation.info()).contains("retrying");
        }
    }

    @Test
    void a_failed_attempt_on_an_accepted_operation_runs_it() {
        Operation operation = accepted().failedAttempt("timeout", BACKOFF, NOW);

        assertThat(operation.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(operation.attempts()).isEqualTo(1);
    }

    @Test
    void succeed_finishes_the_operation_and_keeps_the_attempts() {
        Operation succeeded = running().failedAttempt("blip", BACKOFF, NOW).succeed(NOW.plusSeconds(10));

        assertThat(succeeded.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(succeeded.isFinished()).isTrue();
        assertThat(succeeded.attempts()).isEqualTo(1);
        assertThat(succeeded.info()).isEqualTo("Provisioning done");
        assertThat(succeeded.updatedAt()).isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void fail_finishes_the_operation_with_its_error() {
        Operation failed = running().fail("image not found", NOW);

        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("image not found");
        assertThat(failed.info()).isEqualTo("Provisioning failed: image not found");
    }

    @Test
    void cancel_finishes_the_operation_with_its_reason() {
        Operation cancelled = accepted().cancel("unprovision requested", NOW);

        assertThat(cancelled.status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(cancelled.info()).isEqualTo("Provisioning cancelled: unprovision requested");
        assertThat(cancelled.isFinished()).isTrue();
    }

    @Test
    void an_operator_retry_accepts_a_failed_operation_again_from_zero_attempts() {
        Operation failed = running();
        for (int i = 0; i < 4; i++) {
            failed = failed.failedAttempt("down", BACKOFF, NOW);
        }
        Instant retryAt = NOW.plusSeconds(3600);

        Operation retried = failed.retry(retryAt);

        assertThat(retried.status()).isEqualTo(OperationStatus.ACCEPTED);
        assertThat(retried.attempts()).isZero();
        assertThat(retried.nextAttemptAt()).isEqualTo(retryAt);
        assertThat(retried.lastError()).isEqualTo("down");
        assertThat(retried.info()).contains("retried by an operator");
        assertThat(retried.id()).isEqualTo(OPERATION_ID);
    }

    @Test
    void an_operator_retry_restarts_the_clock_the_build_timeout_is_measured_on() {
        Instant retryAt = NOW.plusSeconds(3600);

        Operation retried = running().fail("the guest did not boot", NOW).retry(retryAt);

        assertThat(retried.createdAt()).isEqualTo(retryAt);
        assertThat(retried.updatedAt()).isEqualTo(retryAt);
    }

    static Stream<Arguments> illegalTransitions() {
        Function<Operation, Operation> progress = operation -> operation.progress("x", NOW, NOW);
        Function<Operation, Operation> failedAttempt = operation -> operation.failedAttempt("x", BACKOFF, NOW);
        Function<Operation, Operation> succeed = operation -> operation.succeed(NOW);
        Function<Operation, Operation> fail = operation -> operation.fail("x", NOW);
        Function<Operation, Operation> cancel = operation -> operation.cancel("x", NOW);
        Function<Operation, Operation> retry = operation -> operation.retry(NOW);
        Operation succeeded = running().succeed(NOW);
        Operation failed = running().fail("x", NOW);
        Operation cancelled = running().cancel("x", NOW);
        return Stream.of(
                arguments("retry an accepted operation", accepted(), retry),
                arguments("retry a running operation", running(), retry),
                arguments("retry a succeeded operation", succeeded, retry),
                arguments("retry a cancelled operation", cancelled, retry),
                arguments("progress a succeeded operation", succeeded, progress),
                arguments("fail a succeeded operation", succeeded, fail),
                arguments("fail an attempt of a succeeded operation", succeeded, failedAttempt),
                arguments("cancel a succeeded operation", succeeded, cancel),
                arguments("succeed a succeeded operation", succeeded, succeed),
                arguments("progress a failed operation", failed, progress),
                arguments("succeed a failed operation", failed, succeed),
                arguments("cancel a failed operation", failed, cancel),
                arguments("fail a failed operation", failed, fail),
                arguments("fail an attempt of a failed operation", failed, failedAttempt),
                arguments("progress a cancelled operation", cancelled, progress),
                arguments("succeed a cancelled operation", cancelled, succeed),
                arguments("fail a cancelled operation", cancelled, fail),
                arguments("cancel a cancelled operation", cancelled, cancel));
    }

    @ParameterizedTest(name = "{0} is illegal")
    @MethodSource("illegalTransitions")
    void an_illegal_operation_transition_throws(String what, Operation operation, Function<Operation, Operation> change) {
        assertThatThrownBy(() -> change.apply(operation))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining(operation.status().name());
    }
}
