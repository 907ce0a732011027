package org.vpsconnector.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.LoginChange;
import org.vpsconnector.domain.RequestPhase;
import org.vpsconnector.domain.Secret;

/** The limits and defaults of what the controller and the operator send. */
class CommandLimitsTest {
    @Test
    void an_operation_query_asks_for_1_to_1000_operations() {
        assertThat(new OperationQuery(null, null, null, null, 1).limit()).isEqualTo(1);
        assertThat(new OperationQuery(null, null, null, null, OperationQuery.MAX_LIMIT).limit()).isEqualTo(1000);
        assertThatThrownBy(() -> new OperationQuery(null, null, null, null, 0))
                .isInstanceOf(InvalidRequestException.class).hasMessage("limit must be between 1 and 1000, not 0");
        assertThatThrownBy(() -> new OperationQuery(null, null, null, null, 1001))
                .isInstanceOf(InvalidRequestException.class).hasMessage("limit must be between 1 and 1000, not 1001");
    }

    @Test
    void an_operation_query_names_a_host_of_at_most_63_characters() {
        assertThat(new OperationQuery(null, null, null, "h".repeat(63), 10).host()).hasSize(63);
        assertThatThrownBy(() -> new OperationQuery(null, null, null, "h".repeat(64), 10))
                .isInstanceOf(InvalidRequestException.class).hasMessage("host must be a host name of 1 to 63 characters");
    }

    @Test
    void a_cancel_gives_a_stripped_reason_of_at_most_500_characters_or_a_default_one() {
        UUID operationId = UUID.randomUUID();

        assertThat(new CancelOperationCommand(operationId, "x".repeat(500)).reason()).hasSize(500);
        assertThat(new CancelOperationCommand(operationId, "  stuck build ").reason()).isEqualTo("stuck build");
        assertThat(new CancelOperationCommand(operationId, " ").reason()).isEqualTo(CancelOperationCommand.DEFAULT_REASON);
        assertThat(new CancelOperationCommand(operationId, null).reason()).isEqualTo(CancelOperationCommand.DEFAULT_REASON);
        assertThatThrownBy(() -> new CancelOperationCommand(operationId, "x".repeat(501)))
                .isInstanceOf(InvalidRequestException.class).hasMessage("reason must be at most 500 characters");
    }

    @Test
    void a_configure_takes_the_login_of_its_representation_unless_it_has_none() {
        UUID instanceId = UUID.randomUUID();
        UUID vpsId = UUID.randomUUID();
        Login login = new Login(List.of("ssh-ed25519 AAAA key"), Secret.of("$6$hash"));

        assertThat(new ConfigureVpsCommand(instanceId, vpsId, RequestPhase.SYNC, World.CONTAINER_SPEC, "tx").login())
                .isEqualTo(LoginChange.KEEP);
        assertThat(new ConfigureVpsCommand(instanceId, vpsId, RequestPhase.SYNC, World.CONTAINER_SPEC.withLogin(login), "tx")
                .login()).isEqualTo(LoginChange.to(login));
        assertThatThrownBy(() -> new ConfigureVpsCommand(instanceId, vpsId, RequestPhase.SYNC, null, "tx"))
                .isInstanceOf(InvalidRequestException.class).hasMessage("the VPS representation is missing");
    }
}
