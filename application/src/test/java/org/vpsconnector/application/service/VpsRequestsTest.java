package org.vpsconnector.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vpsconnector.application.testing.World.CONTAINER_SPEC;
import static org.vpsconnector.application.testing.World.GUEST_CHECK;
import static org.vpsconnector.application.testing.World.VM_SPEC;
import static org.vpsconnector.application.testing.World.command;
import static org.vpsconnector.application.testing.World.provision;
import static org.vpsconnector.domain.RequestPhase.ASYNC;
import static org.vpsconnector.domain.RequestPhase.SYNC;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.ConflictException;
import org.vpsconnector.application.NotFoundException;
import org.vpsconnector.application.port.in.ConfigureVpsCommand;
import org.vpsconnector.application.port.in.ProvisionVpsCommand;
import org.vpsconnector.application.port.in.VpsAnswer;
import org.vpsconnector.application.port.in.VpsAnswer.Outcome;
import org.vpsconnector.application.testing.ControllableBackend.Call;
import org.vpsconnector.application.testing.ReadCommittedView;
import org.vpsconnector.application.testing.World;
import org.vpsconnector.domain.Backoff;
import org.vpsconnector.domain.InvalidRequestException;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

class VpsRequestsTest {
    private final World world = new World();
    private final UUID instanceId = world.installInstance();
    private final UUID vpsId = UUID.randomUUID();

    private VpsAnswer provisionContainer() {
        return world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
    }

    private VpsAnswer provisionVm() {
        return world.requests.provision(provision(instanceId, vpsId, SYNC, VM_SPEC));
    }

    /** A VM provision driven to the end: guest booted. */
    private void provisionedVm() {
        provisionVm();
        world.driveDue();
        world.clock.advance(GUEST_CHECK);
        world.hypervisor.bootGuest(vpsId);
        world.driveDue();
        assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
    }

    @Nested
    class ContainerProvision {

        @Test
        void is_done_within_the_request_and_running() {
            VpsAnswer answer = provisionContainer();

            assertThat(answer.outcome()).isEqualTo(Outcome.DONE);
            assertThat(answer.vps().lifecycle()).isEqualTo(Lifecycle.READY);
            assertThat(answer.vps().state()).isEqualTo(PowerState.RUNNING);
            assertThat(answer.vps().spec()).isEqualTo(CONTAINER_SPEC);
            assertThat(world.storedVps(vpsId)).isEqualTo(answer.vps());
            assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(world.containers.serverIds()).containsExactly(vpsId);
            assertThat(world.containers.server(vpsId).orElseThrow().running()).isTrue();
            assertThat(world.containers.calls(Call.CREATE)).isEqualTo(1);
            assertThat(world.hypervisor.invocations()).isEmpty();
        }

        @Test
        void without_start_on_create_is_done_and_stopped() {
            World stopped = new World(World.settings(false, World.BACKOFF));
            UUID instance = stopped.installInstance();

            VpsAnswer answer = stopped.requests.provision(provision(instance, vpsId, SYNC, CONTAINER_SPEC));

            assertThat(answer.outcome()).isEqualTo(Outcome.DONE);
            assertThat(answer.vps().state()).isEqualTo(PowerState.STOPPED);
            assertThat(answer.vps().lifecycle()).isEqualTo(Lifecycle.READY);
            assertThat(stopped.containers.calls(Call.START)).isZero();
            assertThat(stopped.containers.server(vpsId).orElseThrow().running()).isFalse();
        }

        @Test
        void repeated_with_the_same_properties_is_done_without_touching_the_backend() {
            provisionContainer();
            int callsBefore = world.containers.invocations().size();

            VpsAnswer again = world.requests.provision(provision(instanceId, vpsId, SYNC, CONTAINER_SPEC));
            VpsAnswer sparse = world.requests.provision(provision(instanceId, vpsId, SYNC,
                    new VpsSpec(null, null, CONTAINER_SPEC.hardware(), null, null, null)));

            assertThat(again.outcome()).isEqualTo(Outcome.DONE);
            assertThat(again.vps().state()).isEqualTo(PowerState.RUNNING);
            assertThat(sparse.outcome()).isEqualTo(Outcome.DONE);
            assertThat(world.containers.invocations()).hasSize(callsBefore);
            assertThat(world.db.operationsOf(vpsId)).hasSize(1);
        }

        @Test
        void repeated_with_other_properties_is_a_conflict() {
            provisionContainer();

            assertThatThrownBy(() -> world.requests.provision(provision(instanceId, vpsId, SYNC, World.containerSpec(8, 20, 2))))
                    .isInstanceOf(ConflictException.class);
            assertThat(world.storedVps(vpsId).spec()).isEqualTo(CONTAINER_SPEC);
            assertThat(world.containers.serversCreated()).isEqualTo(1);
        }

        @Test
        void failing_permanently_answers_failed_and_leaves_nothing_on_the_backend() {
            world.containers.failNext(Call.START, 1, false);

            VpsAnswer answer = provisionContainer();

            assertThat(answer.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(answer.info()).contains("START refused");
            assertThat(answer.vps().lifecycle()).isEqualTo(Lifecycle.FAILED);
            assertThat(answer.vps().state()).isEqualTo(PowerState.ERROR);
            assertThat(world.containers.calls(Call.DESTROY, vpsId)).isEqualTo(1);
            assertThat(world.containers.serverIds()).isEmpty();
        }

        @Test
        void failed_then_re_sent_sync_starts_afresh_and_succeeds() {
            world.containers.failNext(Call.CREATE, 1, false);
            assertThat(provisionContainer().outcome()).isEqualTo(Outcome.FAILED);
            Operation failed = world.latestOperation(vpsId);

            VpsAnswer answer = provisionContainer();

            assertThat(answer.outcome()).isEqualTo(Outcome.DONE);
            assertThat(answer.vps().lifecycle()).isEqualTo(Lifecycle.READY);
            assertThat(world.latestOperation(vpsId).id()).isNotEqualTo(failed.id());
            assertThat(world.db.operation(failed.id()).orElseThrow().status()).isEqualTo(OperationStatus.FAILED);
            assertThat(world.containers.serverIds()).containsExactly(vpsId);
        }

        @Test
        void failed_then_polled_async_answers_failed_with_the_error() {
            world.containers.failNext(Call.CREATE, 1, false);
            provisionContainer();

            VpsAnswer poll = world.requests.provision(provision(instanceId, vpsId, ASYNC, CONTAINER_SPEC));

            assertThat(poll.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(poll.info()).contains("CREATE refused");
            assertThat(world.db.operationsOf(vpsId)).hasSize(1);
        }

        @Test
        void transient_failures_are_retried_within_the_request_while_the_budget_allows() {
            World eager = new World(World.settings(true, new Backoff(Duration.ZERO, Duration.ZERO, 3)));
            UUID instance = eager.installInstance();
            eager.containers.failNext(Call.CREATE, 2, true);

            VpsAnswer answer = eager.requests.provision(provision(instance, vpsId, SYNC, CONTAINER_SPEC));

            assertThat(answer.outcome()).isEqualTo(Outcome.DONE);
            assertThat(eager.containers.calls(Call.CREATE)).isEqualTo(3);
            assertThat(eager.latestOperation(vpsId).attempts()).isEqualTo(2);
            assertThat(eager.containers.serversCreated()).isEqualTo(1);
            eager.assertEveryStatusChangeIsLogged();
        }

        @Test
        void a_retry_beyond_the_sync_budget_answers_accepted_and_the_driver_finishes_it() {
            world.containers.failNext(Call.CREATE, 1, true);

            VpsAnswer answer = provisionContainer();

            assertThat(answer.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(answer.retryTimeoutSeconds()).isEqualTo(10);
            assertThat(answer.vps().state()).isEqualTo(PowerState.CREATING);
            assertThat(world.containers.calls(Call.CREATE)).isEqualTo(1);
            assertThat(world.driveDue()).as("not due before the backoff").isZero();

            world.clock.advance(Duration.ofSeconds(10));
            assertThat(world.driveDue()).isEqualTo(1);

            VpsAnswer poll = world.requests.provision(provision(instanceId, vpsId, ASYNC, CONTAINER_SPEC));
            assertThat(poll.outcome()).isEqualTo(Outcome.DONE);
            assertThat(poll.vps().state()).isEqualTo(PowerState.RUNNING);
        }
    }

    @Nested
    class VirtualMachineProvision {

        @Test
        void is_accepted_with_a_retry_timeout_within_policy_and_nothing_done_yet() {
            VpsAnswer answer = provisionVm();

            assertThat(answer.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(answer.retryTimeoutSeconds()).isBetween(5L, 60L).isEqualTo(5);
            assertThat(answer.info()).isEqualTo("Provisioning accepted");
            assertThat(answer.vps().lifecycle()).isEqualTo(Lifecycle.PROVISIONING);
            assertThat(answer.vps().state()).isEqualTo(PowerState.CREATING);
            assertThat(world.storedVps(vpsId)).isEqualTo(answer.vps());
            assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.ACCEPTED);
            assertThat(world.db.stored(world.latestOperation(vpsId).id()).orElseThrow().leaseOwner())
                    .as("a background operation is left for the driver").isNull();
            assertThat(world.hypervisor.invocations()).isEmpty();
        }

        @Test
        void keeps_the_transaction_id_of_the_request_that_started_it() {
            world.requests.provision(new ProvisionVpsCommand(instanceId, vpsId, SYNC, World.vmSpec(2, 20, 1), "tx-order-17"));

            assertThat(world.latestOperation(vpsId).transactionId()).isEqualTo("tx-order-17");
        }

        @Test
        void is_driven_in_the_background_waiting_while_the_guest_boots_then_done() {
            provisionVm();

            assertThat(world.driveDue()).isEqualTo(1);
            VpsAnswer booting = world.requests.provision(provision(instanceId, vpsId, ASYNC, VM_SPEC));
            assertThat(booting.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(booting.info()).isEqualTo("Waiting for the guest operating system to boot");
            assertThat(booting.retryTimeoutSeconds()).isEqualTo(GUEST_CHECK.toSeconds());
            assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.RUNNING);
            assertThat(world.hypervisor.server(vpsId).orElseThrow().running()).isTrue();

            world.clock.advance(GUEST_CHECK);
            assertThat(world.driveDue()).as("the guest has not booted: look again later").isEqualTo(1);
            assertThat(world.requests.provision(provision(instanceId, vpsId, ASYNC, VM_SPEC)).outcome())
                    .isEqualTo(Outcome.ACCEPTED);

            world.hypervisor.bootGuest(vpsId);
            world.clock.advance(GUEST_CHECK);
            assertThat(world.driveDue()).isEqualTo(1);

            VpsAnswer done = world.requests.provision(provision(instanceId, vpsId, ASYNC, VM_SPEC));
            assertThat(done.outcome()).isEqualTo(Outcome.DONE);
            assertThat(done.vps().lifecycle()).isEqualTo(Lifecycle.READY);
            assertThat(done.vps().state()).isEqualTo(PowerState.RUNNING);
            assertThat(world.hypervisor.serversCreated()).isEqualTo(1);
            world.assertEveryStatusChangeIsLogged();
        }

        @Test
        void a_poll_read_while_the_driver_records_the_end_never_answers_done_with_the_state_before_it() {
            // The poll reads in one statement; the driver commits right after it.
            String statement = "VpsRepository.findRequested";
            provisionVm();
            world.driveDue();
            world.hypervisor.bootGuest(vpsId);
            world.clock.advance(GUEST_CHECK);
            // Under READ COMMITTED the driver may commit the booted guest between the poll's reads.
            AtomicBoolean recorded = new AtomicBoolean();
            VpsRequests poller = new VpsRequests(new ReadCommittedView(world.db, ended -> {
                if (ended.equals(statement) && recorded.compareAndSet(false, true)) {
                    world.driveDue();
                }
            }), world.runner, world.clock, world.settings, "poller");

            VpsAnswer poll = poller.provision(provision(instanceId, vpsId, ASYNC, VM_SPEC));

            assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.SUCCEEDED);
            if (poll.outcome() == Outcome.DONE) {
                assertThat(poll.vps().state()).as("a finished provision answers the running server").isEqualTo(PowerState.RUNNING);
                assertThat(poll.vps().lifecycle()).isEqualTo(Lifecycle.READY);
            } else {
                assertThat(poll.outcome()).isEqualTo(Outcome.ACCEPTED);
            }
        }

        @Test
        void a_poll_is_answered_from_reads_alone_and_commits_nothing() {
            provisionVm();
            world.driveDue();
            int commitsBefore = world.db.commits();

            VpsAnswer poll = world.requests.provision(provision(instanceId, vpsId, ASYNC, VM_SPEC));

            assertThat(poll.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(poll.info()).isEqualTo("Waiting for the guest operating system to boot");
            assertThat(world.db.commits()).isEqualTo(commitsBefore);
        }

        @Test
        void a_poll_before_the_guest_check_is_due_is_told_to_come_back_when_it_is() {
            provisionVm();
            world.driveDue();
            world.clock.advance(Duration.ofSeconds(4));

            VpsAnswer poll = world.requests.provision(provision(instanceId, vpsId, ASYNC, VM_SPEC));

            assertThat(poll.retryTimeoutSeconds()).isEqualTo(GUEST_CHECK.toSeconds() - 4);
        }

        @Test
        void repeated_sync_while_running_answers_accepted_without_a_second_operation_or_server() {
            provisionVm();
            world.driveDue();
            long createsBefore = world.hypervisor.calls(Call.CREATE);

            VpsAnswer again = provisionVm();

            assertThat(again.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(world.hypervisor.calls(Call.CREATE)).isEqualTo(createsBefore);
            assertThat(world.db.operationsOf(vpsId)).hasSize(1);
            assertThat(world.hypervisor.serversCreated()).isEqualTo(1);
        }

        @Test
        void repeated_sync_before_the_driver_ran_answers_accepted_too() {
            provisionVm();

            VpsAnswer again = provisionVm();

            assertThat(again.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(world.db.operationsOf(vpsId)).hasSize(1);
            assertThat(world.hypervisor.invocations()).isEmpty();
        }

        @Test
        void polled_async_after_success_answers_done() {
            provisionedVm();
            int callsBefore = world.hypervisor.invocations().size();

            VpsAnswer poll = world.requests.provision(provision(instanceId, vpsId, ASYNC, VM_SPEC));

            assertThat(poll.outcome()).isEqualTo(Outcome.DONE);
            assertThat(poll.vps().state()).isEqualTo(PowerState.RUNNING);
            assertThat(world.hypervisor.invocations()).hasSize(callsBefore);
        }

        @Test
        void different_properties_while_running_or_done_are_a_conflict() {
            provisionVm();
            world.driveDue();

            assertThatThrownBy(() -> world.requests.provision(provision(instanceId, vpsId, SYNC, World.vmSpec(8, 40, 2))))
                    .isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> world.requests.provision(provision(instanceId, vpsId, ASYNC, World.vmSpec(8, 40, 2))))
                    .isInstanceOf(ConflictException.class);

            world.clock.advance(GUEST_CHECK);
            world.hypervisor.bootGuest(vpsId);
            world.driveDue();

            assertThatThrownBy(() -> world.requests.provision(provision(instanceId, vpsId, SYNC, World.vmSpec(8, 40, 2))))
                    .isInstanceOf(ConflictException.class);
            assertThat(world.db.operationsOf(vpsId)).hasSize(1);
        }

        @Test
        void transient_failures_back_off_then_after_max_attempts_the_vps_fails_and_nothing_is_left() {
            world.hypervisor.failNext(Call.START, 3, true);
            provisionVm();

            world.driveDue();
            Operation first = world.latestOperation(vpsId);
            assertThat(first.status()).isEqualTo(OperationStatus.RUNNING);
            assertThat(first.attempts()).isEqualTo(1);
            assertThat(first.nextAttemptAt()).isEqualTo(World.T0.plusSeconds(10));
            assertThat(first.lastError()).contains("START failed");
            assertThat(world.hypervisor.serverIds()).as("what the attempt made stays for the next one").containsExactly(vpsId);
            assertThat(world.requests.provision(provision(instanceId, vpsId, ASYNC, VM_SPEC)).retryTimeoutSeconds())
                    .isEqualTo(10);

            world.clock.advance(Duration.ofSeconds(10));
            world.driveDue();
            Operation second = world.latestOperation(vpsId);
            assertThat(second.attempts()).isEqualTo(2);
            assertThat(second.nextAttemptAt()).isEqualTo(world.clock.instant().plusSeconds(20));

            world.clock.advance(Duration.ofSeconds(20));
            world.driveDue();
            Operation last = world.latestOperation(vpsId);
            assertThat(last.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(last.attempts()).isEqualTo(3);
            assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);
            assertThat(world.storedVps(vpsId).state()).isEqualTo(PowerState.ERROR);
            assertThat(world.hypervisor.calls(Call.DESTROY, vpsId)).isEqualTo(1);
            assertThat(world.hypervisor.serverIds()).isEmpty();
            assertThat(world.hypervisor.serversCreated()).isEqualTo(1);

            VpsAnswer poll = world.requests.provision(provision(instanceId, vpsId, ASYNC, VM_SPEC));
            assertThat(poll.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(poll.info()).contains("START failed");
            world.assertEveryStatusChangeIsLogged();
        }

        @Test
        void a_guest_that_does_not_boot_within_the_build_timeout_fails_and_is_cleaned_up() {
            provisionVm();
            world.driveDue();

            world.clock.advance(World.BUILD_TIMEOUT.plusSeconds(1));
            world.driveDue();

            Operation operation = world.latestOperation(vpsId);
            assertThat(operation.status()).isEqualTo(OperationStatus.FAILED);
            assertThat(operation.lastError()).contains("did not boot within 600 s");
            assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.FAILED);
            assertThat(world.hypervisor.calls(Call.DESTROY, vpsId)).isEqualTo(1);
            assertThat(world.hypervisor.serverIds()).isEmpty();
        }

        @Test
        void a_guest_booting_just_within_the_build_timeout_succeeds() {
            provisionVm();
            world.driveDue();

            world.clock.advance(World.BUILD_TIMEOUT);
            world.hypervisor.bootGuest(vpsId);
            world.driveDue();

            assertThat(world.latestOperation(vpsId).status()).isEqualTo(OperationStatus.SUCCEEDED);
        }
    }

    @Nested
    class Refusals {

        @Test
        void an_unknown_instance_is_not_found_and_nothing_is_written() {
            UUID unknownInstance = UUID.randomUUID();

            assertThatThrownBy(() -> world.requests.provision(provision(unknownInstance, vpsId, SYNC, CONTAINER_SPEC)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> world.requests.get(unknownInstance, vpsId)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> world.requests.retrieve(unknownInstance, vpsId)).isInstanceOf(NotFoundException.class)
                    .hasMessage("no application instance " + unknownInstance + " is installed");
            assertThat(world.db.vpses()).isEmpty();
            assertThat(world.containers.invocations()).isEmpty();
        }

        @Test
        void an_unknown_vps_is_not_found_for_every_request_but_a_sync_provision_and_an_unprovision() {
            assertThatThrownBy(() -> world.requests.get(instanceId, vpsId)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> world.requests.provision(provision(instanceId, vpsId, ASYNC, CONTAINER_SPEC)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC, CONTAINER_SPEC)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> world.requests.start(command(instanceId, vpsId, SYNC))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> world.requests.stop(command(instanceId, vpsId, SYNC))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> world.requests.disable(command(instanceId, vpsId, SYNC))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> world.requests.enable(command(instanceId, vpsId, SYNC))).isInstanceOf(NotFoundException.class);
            // A controller that lost the answer to an unprovision finishes its task.
            assertThat(world.requests.unprovision(command(instanceId, vpsId, SYNC)).outcome()).isEqualTo(Outcome.GONE);
            assertThat(world.requests.unprovision(command(instanceId, vpsId, ASYNC)).outcome()).isEqualTo(Outcome.GONE);
            assertThat(world.db.vpses()).isEmpty();
            assertThat(world.db.operations()).isEmpty();
        }

        @Test
        void a_vps_of_another_instance_is_not_found_not_unprovisioned_and_its_aps_id_cannot_be_reused() {
            provisionContainer();
            UUID otherInstance = world.installInstance();

            assertThatThrownBy(() -> world.requests.get(otherInstance, vpsId)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> world.requests.stop(command(otherInstance, vpsId, SYNC))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> world.requests.disable(command(otherInstance, vpsId, SYNC))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> world.requests.provision(provision(otherInstance, vpsId, SYNC, CONTAINER_SPEC)))
                    .isInstanceOf(ConflictException.class);
            // Never done: the VPS lives on under its own instance, which alone may unprovision it.
            assertThatThrownBy(() -> world.requests.unprovision(command(otherInstance, vpsId, SYNC)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> world.requests.unprovision(command(otherInstance, vpsId, ASYNC)))
                    .isInstanceOf(NotFoundException.class);
            assertThat(world.storedVps(vpsId).instanceId()).isEqualTo(instanceId);
            assertThat(world.storedVps(vpsId).lifecycle()).isEqualTo(Lifecycle.READY);
            assertThat(world.containers.calls(Call.DESTROY)).isZero();
        }

        @Test
        void hardware_over_the_limits_is_an_invalid_request_and_nothing_is_written() {
            int commitsBefore = world.db.commits();

            assertThatThrownBy(() -> world.requests.provision(provision(instanceId, vpsId, SYNC, World.containerSpec(65, 20, 2))))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("hardware.memory");
            assertThatThrownBy(() -> world.requests.provision(provision(instanceId, vpsId, SYNC, World.vmSpec(4, 40, 17))))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("hardware.CPU.number");

            assertThat(world.db.commits()).isEqualTo(commitsBefore);
            assertThat(world.db.vpses()).isEmpty();
            assertThat(world.db.operations()).isEmpty();
            assertThat(world.db.transitions()).isEmpty();
            assertThat(world.containers.invocations()).isEmpty();
            assertThat(world.hypervisor.invocations()).isEmpty();
        }

        @Test
        void a_configure_over_the_limits_or_shrinking_the_disk_is_an_invalid_request_and_changes_nothing() {
            provisionContainer();
            Vps before = world.storedVps(vpsId);

            assertThatThrownBy(() -> world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC,
                    World.containerSpec(2, 2000, 2)))).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC,
                    World.containerSpec(2, 10, 2)))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("hardware.diskspace");
            assertThatThrownBy(() -> world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC,
                    World.vmSpec(2, 20, 2)))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("hardware.VM");

            assertThat(world.storedVps(vpsId)).isEqualTo(before);
            assertThat(world.db.operationsOf(vpsId)).hasSize(1);
            assertThat(world.containers.calls(Call.RECONFIGURE)).isZero();
        }

        @Test
        void a_start_while_a_vm_is_still_provisioning_is_a_conflict() {
            provisionVm();

            assertThatThrownBy(() -> world.requests.start(command(instanceId, vpsId, SYNC))).isInstanceOf(ConflictException.class);
            assertThat(world.db.operationsOf(vpsId)).hasSize(1);
        }
    }

    @Nested
    class Changes {

        @Test
        void configure_of_a_container_updates_its_hardware_within_the_request() {
            provisionContainer();
            VpsSpec grown = World.containerSpec(4, 40, 4);

            VpsAnswer answer = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC, grown));

            assertThat(answer.outcome()).isEqualTo(Outcome.DONE);
            assertThat(answer.vps().spec()).isEqualTo(grown);
            assertThat(answer.vps().lifecycle()).isEqualTo(Lifecycle.READY);
            assertThat(answer.vps().state()).isEqualTo(PowerState.RUNNING);
            assertThat(world.storedVps(vpsId).spec().hardware()).isEqualTo(grown.hardware());
            assertThat(world.containers.server(vpsId).orElseThrow().hardware()).isEqualTo(grown.hardware());
            assertThat(world.latestOperation(vpsId).kind()).isEqualTo(OperationKind.CONFIGURE);
        }

        @Test
        void configure_to_the_same_spec_is_done_without_an_operation() {
            provisionContainer();

            VpsAnswer answer = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC, CONTAINER_SPEC));

            assertThat(answer.outcome()).isEqualTo(Outcome.DONE);
            assertThat(world.db.operationsOf(vpsId)).hasSize(1);
            assertThat(world.containers.calls(Call.RECONFIGURE)).isZero();
        }

        @Test
        void configure_of_a_vm_is_accepted_shows_configuring_and_is_done_once_driven() {
            provisionedVm();
            VpsSpec grown = World.vmSpec(8, 80, 4);

            VpsAnswer accepted = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, SYNC, grown));
            assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(accepted.vps().lifecycle()).isEqualTo(Lifecycle.CONFIGURING);
            assertThat(accepted.vps().state()).isEqualTo(PowerState.CONFIGURING);
            assertThat(world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, ASYNC, grown)).outcome())
                    .isEqualTo(Outcome.ACCEPTED);

            world.driveDue();

            VpsAnswer done = world.requests.configure(new ConfigureVpsCommand(instanceId, vpsId, ASYNC, grown));
            assertThat(done.outcome()).isEqualTo(Outcome.DONE);
            assertThat(done.vps().spec()).isEqualTo(grown);
            assertThat(world.hypervisor.server(vpsId).orElseThrow().hardware()).isEqualTo(grown.hardware());
        }

        @Test
        void stop_and_start_flip_the_state_between_stopped_and_running() {
            provisionContainer();

            VpsAnswer stopped = world.requests.stop(command(instanceId, vpsId, SYNC));
            assertThat(stopped.outcome()).isEqualTo(Outcome.DONE);
            assertThat(stopped.vps().state()).isEqualTo(PowerState.STOPPED);
            assertThat(world.containers.server(vpsId).orElseThrow().running()).isFalse();

            VpsAnswer started = world.requests.start(command(instanceId, vpsId, SYNC));
            assertThat(started.outcome()).isEqualTo(Outcome.DONE);
            assertThat(started.vps().state()).isEqualTo(PowerState.RUNNING);
            assertThat(started.vps().lifecycle()).isEqualTo(Lifecycle.READY);
            assertThat(world.containers.server(vpsId).orElseThrow().running()).isTrue();
            assertThat(world.containers.calls(Call.STOP)).isEqualTo(1);
            assertThat(world.containers.calls(Call.START)).isEqualTo(2);
        }

        @Test
        void start_of_a_running_vps_and_stop_of_a_stopped_one_are_done_without_a_backend_call() {
            provisionContainer();
            long startsBefore = world.containers.calls(Call.START);

            assertThat(world.requests.start(command(instanceId, vpsId, SYNC)).outcome()).isEqualTo(Outcome.DONE);
            assertThat(world.containers.calls(Call.START)).isEqualTo(startsBefore);

            world.requests.stop(command(instanceId, vpsId, SYNC));
            assertThat(world.requests.stop(command(instanceId, vpsId, SYNC)).outcome()).isEqualTo(Outcome.DONE);
            assertThat(world.containers.calls(Call.STOP)).isEqualTo(1);
        }

        @Test
        void stop_of_a_vm_runs_in_the_background() {
            provisionedVm();

            VpsAnswer accepted = world.requests.stop(command(instanceId, vpsId, SYNC));
            assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(accepted.vps().state()).isEqualTo(PowerState.STOPPING);

            world.driveDue();

            VpsAnswer done = world.requests.stop(command(instanceId, vpsId, ASYNC));
            assertThat(done.outcome()).isEqualTo(Outcome.DONE);
            assertThat(done.vps().state()).isEqualTo(PowerState.STOPPED);
        }

        @Test
        void unprovision_removes_the_server_and_then_the_vps_is_not_found() {
            provisionContainer();

            VpsAnswer answer = world.requests.unprovision(command(instanceId, vpsId, SYNC));

            assertThat(answer.outcome()).isEqualTo(Outcome.DONE);
            assertThat(answer.vps().lifecycle()).isEqualTo(Lifecycle.DELETED);
            assertThat(world.containers.serverIds()).isEmpty();
            assertThatThrownBy(() -> world.requests.get(instanceId, vpsId)).isInstanceOf(NotFoundException.class);
            assertThat(world.requests.unprovision(command(instanceId, vpsId, SYNC)).outcome())
                    .as("a repeated unprovision").isEqualTo(Outcome.DONE);
            assertThat(world.requests.unprovision(command(instanceId, vpsId, ASYNC)).outcome())
                    .as("a late poll").isEqualTo(Outcome.DONE);
            assertThat(world.containers.calls(Call.DESTROY)).isEqualTo(1);
        }

        @Test
        void unprovision_during_a_vm_provision_cancels_it_and_leaves_no_server() {
            provisionVm();
            world.driveDue();
            Operation build = world.latestOperation(vpsId);
            assertThat(world.hypervisor.serverIds()).containsExactly(vpsId);

            VpsAnswer accepted = world.requests.unprovision(command(instanceId, vpsId, SYNC));

            assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(accepted.vps().lifecycle()).isEqualTo(Lifecycle.UNPROVISIONING);
            assertThat(world.db.operation(build.id()).orElseThrow().status()).isEqualTo(OperationStatus.CANCELLED);
            assertThat(world.requests.unprovision(command(instanceId, vpsId, ASYNC)).outcome()).isEqualTo(Outcome.ACCEPTED);

            assertThat(world.driveDue()).isEqualTo(1);

            assertThat(world.hypervisor.serverIds()).isEmpty();
            assertThat(world.requests.unprovision(command(instanceId, vpsId, ASYNC)).outcome()).isEqualTo(Outcome.DONE);
            assertThatThrownBy(() -> world.requests.get(instanceId, vpsId)).isInstanceOf(NotFoundException.class);
            assertThat(world.db.operation(build.id()).orElseThrow().status())
                    .as("the cancelled build stays cancelled").isEqualTo(OperationStatus.CANCELLED);

            world.clock.advance(Duration.ofHours(1));
            assertThat(world.driveDue()).as("nothing is left to drive").isZero();
            assertThat(world.hypervisor.serverIds()).isEmpty();
            world.assertEveryStatusChangeIsLogged();
        }

        @Test
        void a_failed_provision_can_be_unprovisioned() {
            world.containers.failNext(Call.CREATE, 1, false);
            provisionContainer();

            VpsAnswer answer = world.requests.unprovision(command(instanceId, vpsId, SYNC));

            assertThat(answer.outcome()).isEqualTo(Outcome.DONE);
            assertThat(answer.vps().lifecycle()).isEqualTo(Lifecycle.DELETED);
        }

        @Test
        void get_returns_the_vps_as_stored() {
            provisionVm();

            Vps vps = world.requests.get(instanceId, vpsId);

            assertThat(vps).isEqualTo(world.storedVps(vpsId));
            assertThat(vps.state()).isEqualTo(PowerState.CREATING);
        }

        @Test
        void every_status_change_of_a_whole_life_is_in_the_transition_log() {
            world.hypervisor.failNext(Call.CREATE, 1, true);
            provisionVm();
            world.driveDue();
            world.clock.advance(Duration.ofSeconds(10));
            world.driveDue();
            world.hypervisor.bootGuest(vpsId);
            world.clock.advance(GUEST_CHECK);
            world.driveDue();
            world.requests.stop(command(instanceId, vpsId, SYNC));
            world.driveDue();
            world.requests.unprovision(command(instanceId, vpsId, SYNC));
            world.driveDue();

            assertThat(world.db.operationsOf(vpsId)).extracting(Operation::kind)
                    .containsExactly(OperationKind.PROVISION, OperationKind.STOP, OperationKind.UNPROVISION);
            assertThat(world.db.operationsOf(vpsId)).allMatch(operation -> operation.status() == OperationStatus.SUCCEEDED);
            Operation provision = world.db.operationsOf(vpsId).get(0);
            assertThat(world.db.transitions()).filteredOn(transition -> transition.operationId().equals(provision.id()))
                    .extracting(transition -> transition.from() + "->" + transition.to() + "#" + transition.attempts())
                    .containsExactly("null->ACCEPTED#0", "ACCEPTED->RUNNING#0", "RUNNING->RUNNING#1", "RUNNING->SUCCEEDED#1");
            world.assertEveryStatusChangeIsLogged();
        }
    }
}
