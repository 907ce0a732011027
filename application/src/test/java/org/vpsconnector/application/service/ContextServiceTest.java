package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.port.in.ProvisionContextCommand;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.SubscriptionContext;
import org.vpsconnector.domain.VpsSpec;

class ContextServiceTest {
    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID contextId = UUID.randomUUID();
    private final UUID subscriptionId = UUID.randomUUID();
    private final UUID accountId = UUID.randomUUID();

    private SubscriptionContext save(UUID instance) {
        return world.contexts.save(new ProvisionContextCommand(instance, contextId, subscriptionId, accountId));
    }

    private UUID vpsInContext(UUID context) {
        UUID vpsId = UUID.randomUUID();
        world.requests.provision(provision(instanceId, vpsId, SYNC,
                new VpsSpec("web", null, new Hardware(1, 10, 1, false), null, context, subscriptionId)));
        return vpsId;
    }

    @Test
    void a_saved_context_can_be_read_back() {
        SubscriptionContext saved = save(instanceId);

        assertThat(saved).isEqualTo(new SubscriptionContext(contextId, instanceId, subscriptionId, accountId, World.T0));
        assertThat(world.contexts.get(instanceId, contextId)).isEqualTo(saved);
    }

    @Test
    void saving_again_keeps_the_creation_time() {
        save(instanceId);
        world.clock.advance(Duration.ofHours(2));
        UUID newAccount = UUID.randomUUID();

        SubscriptionContext again = world.contexts.save(new ProvisionContextCommand(instanceId, contextId, subscriptionId, newAccount));

        assertThat(again.createdAt()).isEqualTo(World.T0);
        assertThat(again.accountId()).isEqualTo(newAccount);
    }

    @Test
    void a_context_needs_an_installed_instance() {
        assertThatThrownBy(() -> save(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
        assertThat(world.db.context(contextId)).isEmpty();
    }

    @Test
    void a_context_asked_for_under_an_instance_not_installed_names_the_missing_instance() {
        save(instanceId);
        UUID stranger = UUID.randomUUID();

        assertThatThrownBy(() -> world.contexts.get(stranger, contextId))
                .isInstanceOf(NotFoundException.class).hasMessage("no application instance " + stranger + " is installed");
        assertThatThrownBy(() -> world.contexts.get(instanceId, UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("no context ");
    }

    @Test
    void a_context_needs_an_id() {
        assertThatThrownBy(() -> new ProvisionContextCommand(instanceId, null, null, null))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void a_context_of_another_instance_is_neither_overwritten_nor_visible() {
        save(instanceId);
        UUID otherInstance = world.installInstance();

        assertThatThrownBy(() -> save(otherInstance)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> world.contexts.get(otherInstance, contextId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> world.contexts.remove(otherInstance, contextId)).isInstanceOf(NotFoundException.class);
        assertThat(world.db.context(contextId).orElseThrow().instanceId()).isEqualTo(instanceId);
    }

    @Test
    void removal_is_refused_while_a_vps_of_the_context_lives() {
        save(instanceId);
        UUID vpsId = vpsInContext(contextId);

        assertThatThrownBy(() -> world.contexts.remove(instanceId, contextId)).isInstanceOf(ConflictException.class);
        assertThat(world.db.context(contextId)).isPresent();

        world.requests.unprovision(command(instanceId, vpsId, SYNC));
        world.contexts.remove(instanceId, contextId);

        assertThat(world.db.context(contextId)).isEmpty();
        assertThatThrownBy(() -> world.contexts.get(instanceId, contextId)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void vpses_of_other_contexts_do_not_hold_a_context() {
        save(instanceId);
        vpsInContext(UUID.randomUUID());

        world.contexts.remove(instanceId, contextId);

        assertThat(world.db.context(contextId)).isEmpty();
    }

    @Test
    void link_changes_are_acknowledged_for_a_known_context_only() {
        save(instanceId);

        assertThatCode(() -> world.contexts.acknowledgeLinkChange(instanceId, contextId, "vpses")).doesNotThrowAnyException();
        assertThatThrownBy(() -> world.contexts.acknowledgeLinkChange(instanceId, UUID.randomUUID(), "vpses"))
                .isInstanceOf(NotFoundException.class);
    }
}
