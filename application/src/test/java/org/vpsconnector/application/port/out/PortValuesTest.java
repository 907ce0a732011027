package org.vpsconnector.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.Secret;
import org.vpsconnector.domain.Technology;

/** What the values passed to and from the adapters promise. */
class PortValuesTest {
    @Test
    void a_vps_filter_lists_1_to_1000_vpses_and_names_a_host_with_its_technology() {
        assertThat(new VpsFilter(null, null, null, null, false, 1).limit()).isEqualTo(1);
        assertThat(new VpsFilter(null, null, null, null, false, VpsFilter.MOST).limit()).isEqualTo(VpsFilter.MOST);
        assertThatThrownBy(() -> new VpsFilter(null, null, null, null, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be 1 to 1000, got 0");
        assertThatThrownBy(() -> new VpsFilter(null, null, null, null, false, VpsFilter.MOST + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VpsFilter(null, null, "engine-a", null, false, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a host is named with its technology");
        assertThat(new VpsFilter(null, null, "engine-a", Technology.CONTAINER, true, 10).host()).isEqualTo("engine-a");
    }

    @Test
    void a_server_spec_without_a_login_is_one_nobody_logs_in_to() {
        Login login = new Login(List.of("ssh-ed25519 AAAA key"), Secret.of("$6$hash"));
        UUID vpsId = UUID.randomUUID();
        UUID instanceId = UUID.randomUUID();

        assertThat(new ServerSpec(vpsId, instanceId, "web", World.CONTAINER_SPEC.hardware(), World.UBUNTU, null).login())
                .isEqualTo(Login.NONE);
        assertThat(new ServerSpec(vpsId, instanceId, "web", World.CONTAINER_SPEC.hardware(), World.UBUNTU, login).login())
                .isEqualTo(login);
    }

    @Test
    void a_delivered_update_counts_its_delivering_attempt_and_shows_without_its_representation() {
        Instant now = World.T0;
        ControllerUpdate update = ControllerUpdate.of(UUID.randomUUID(), UUID.randomUUID(), "tx-1", "{\"secret\":1}", now);

        ControllerUpdate delivered = update.delivered(now.plusSeconds(1));

        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.finishedAt()).isEqualTo(now.plusSeconds(1));
        assertThat(delivered.toString()).isEqualTo("ControllerUpdate[id=" + update.id() + ", resource=" + update.resourceId()
                + ", instance=" + update.instanceId() + ", transaction=tx-1, status=DELIVERED, attempts=1]");
    }

    @Test
    void work_carried_by_a_context_that_cannot_tell_marks_runs_as_it_is() throws Exception {
        LogContext context = (transactionId, instanceId) -> () -> { };
        AtomicBoolean ran = new AtomicBoolean();

        context.carry((Runnable) () -> ran.set(true)).run();

        assertThat(ran).isTrue();
        assertThat(context.carry(() -> "answer").call()).isEqualTo("answer");
        try (LogContext.Scope restored = context.current().restore()) {
            assertThat(restored).isNotNull();
        }
    }
}
