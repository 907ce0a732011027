package org.vpsconnector.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.ConcurrentWriteException;
import org.vpsconnector.application.port.out.ControllerUpdate;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.Vps;

/** What {@link Transactions} promises: all of a piece of work is written, or none; a record written twice is a concurrent write. */
public abstract class TransactionsContract extends RepositoryContract {

    @Test
    void pingsTheDatabase() {
        assertThatCode(transactions::ping).doesNotThrowAnyException();
    }

    @Test
    void writesNothingWhenTheWorkFails() {
        Vps vps = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);
        Operation operation = Operation.accept(UUID.randomUUID(), vps.id(), OperationKind.PROVISION, vps.spec(), "tx-provision", T0);
        IllegalStateException failure = new IllegalStateException("backend refused");

        assertThatThrownBy(() -> write(repositories -> {
            repositories.vpses().insert(vps);
            repositories.operations().insert(operation);
            throw failure;
        })).isSameAs(failure);

        assertThat(findVps(vps.id())).isEmpty();
        assertThat(findOperation(operation.id())).isEmpty();
    }

    @Test
    void aTransactionReadsWhatItWroteBeforeItEnds() {
        Vps vps = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);

        boolean seen = read(repositories -> {
            repositories.vpses().insert(vps);
            return repositories.vpses().find(vps.id()).isPresent();
        });

        assertThat(seen).isTrue();
    }

    @Test
    void aSecondInsertOfTheSameVpsIsAConcurrentWriteAndWritesNothing() {
        Vps vps = storedVps();
        Vps other = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);

        assertThatThrownBy(() -> write(repositories -> {
            repositories.vpses().insert(other);
            repositories.vpses().insert(vps);
        })).isInstanceOf(ConcurrentWriteException.class);
        assertThat(findVps(other.id())).isEmpty();
    }

    @Test
    void aSecondInsertOfTheSameOperationIsAConcurrentWrite() {
        Operation operation = storedOperation(T0);

        assertThatThrownBy(() -> insert(operation)).isInstanceOf(ConcurrentWriteException.class);
        List<Operation> stored = read(repositories -> repositories.operations().listForVps(operation.vpsId(), 10));
        assertThat(stored).containsExactly(operation);
    }

    @Test
    void aSecondAddOfTheSameControllerUpdateIsAConcurrentWrite() {
        ControllerUpdate update = ControllerUpdate.of(UUID.randomUUID(), UUID.randomUUID(), "tx-1", "{}", T0);
        write(repositories -> repositories.controllerUpdates().add(update));

        assertThatThrownBy(() -> write(repositories -> repositories.controllerUpdates().add(update)))
                .isInstanceOf(ConcurrentWriteException.class);
        List<ControllerUpdate> pending = read(repositories -> repositories.controllerUpdates().listPending(10));
        assertThat(pending).containsExactly(update);
    }

    @Test
    void workRunAgainAfterAConcurrentWriteSeesTheRecordWrittenFirst() {
        Vps vps = storedVps();
        AtomicInteger runs = new AtomicInteger();

        Vps answered = transactions.inTransactionRetryingConcurrentWrite(repositories -> {
            if (runs.incrementAndGet() == 1) {
                // As a request that found no VPS a moment ago, before another request stored it.
                repositories.vpses().insert(vps);
            }
            return repositories.vpses().find(vps.id()).orElseThrow();
        });

        assertThat(answered).isEqualTo(vps);
        assertThat(runs).hasValue(2);
    }
}
