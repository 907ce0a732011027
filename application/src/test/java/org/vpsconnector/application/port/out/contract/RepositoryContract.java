package org.vpsconnector.application.port.out.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Secret;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * What the repository ports promise, whoever implements them: the same assertions run against the
 * in-memory database of the application's tests and against the SQL adapter on every database it
 * supports, so that the double never promises the application what the database does not. Each
 * subclass states the contract of one port; an implementation supplies an empty database per test.
 * Everything goes through {@link Transactions} and the port interfaces, with fixed instants: no
 * fixture depends on a clock.
 */
public abstract class RepositoryContract {
    // 02:30 in Europe/Berlin both, an hour apart across the autumn clock change: an adapter that maps
    // instants through a zone with daylight saving time loses the difference. They carry microseconds,
    // the precision the databases keep.
    protected static final Instant T0 = Instant.parse("2024-10-27T00:30:00.123456Z");
    protected static final Instant T1 = Instant.parse("2024-10-27T01:30:00.654321Z");
    protected static final Duration LEASE = Duration.ofSeconds(30);

    protected static final Login LOGIN = new Login(List.of(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILDMvSwYfbxVNII7oQ+hZtni+bWrOKHdYOu+lpRHtL7w anna@laptop",
            "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHwL89HT0p5Iyex8IOs1zvi1"
                    + "Ymu/yXcBR9IQg/E6XEMI+uoQu5RGhdiTEYCZDbCIkgphq85Xv6OzDifJqSLnZt4="),
            Secret.of("$6$hQ3kT9cVbN2mX8zR$4yqM7rWc0eKb1Jt5uGv8nLp2sZx9dHf3aQw6EoYi4RjTl7mVb0cNk1PzUe5Xh8SgDr2WqAf9Ly3Mo6BtKj0Ix."));

    protected Transactions transactions;

    /** A database with nothing stored in it, for one test. */
    protected abstract Transactions emptyDatabase();

    @BeforeEach
    void startFromAnEmptyDatabase() {
        transactions = emptyDatabase();
    }

    protected void write(Consumer<Repositories> work) {
        transactions.inTransaction(repositories -> {
            work.accept(repositories);
            return null;
        });
    }

    protected <T> T read(Transactions.Work<T> work) {
        return transactions.inTransaction(work);
    }

    protected Optional<Vps> findVps(UUID id) {
        return read(repositories -> repositories.vpses().find(id));
    }

    protected Optional<Operation> findOperation(UUID id) {
        return read(repositories -> repositories.operations().find(id));
    }

    /** A spec with every field set, root's login included. */
    protected static VpsSpec fullSpec() {
        return new VpsSpec("web-01", "The front web server", new Hardware(4, 80, 2, true),
                new Platform("x86_64", "Debian", "12"), UUID.randomUUID(), UUID.randomUUID(), LOGIN);
    }

    protected static VpsSpec spec(boolean vm, int memoryGb, int cpus, UUID subscriptionId) {
        return new VpsSpec("web-01", null, new Hardware(memoryGb, 10, cpus, vm), Platform.UNSPECIFIED, null, subscriptionId);
    }

    /** A running VPS of its own instance, created and changed at {@code T0}, on no named host. */
    protected static Vps vps(boolean vm, int memoryGb, int cpus, UUID subscriptionId, Lifecycle lifecycle) {
        return new Vps(UUID.randomUUID(), UUID.randomUUID(), spec(vm, memoryGb, cpus, subscriptionId), lifecycle,
                PowerState.RUNNING, T0, T0);
    }

    protected Vps store(Vps vps) {
        write(repositories -> repositories.vpses().insert(vps));
        return vps;
    }

    /** A VPS being provisioned since {@code T0}, of its own instance. */
    protected Vps storedVps() {
        return store(Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0));
    }

    /** {@code kind} accepted at {@code at}, and so first due then. */
    protected static Operation accepted(Vps vps, OperationKind kind, Instant at) {
        return Operation.accept(UUID.randomUUID(), vps.id(), kind, kind.carriesSpec() ? vps.spec() : null, null, at);
    }

    /** An accepted provision of a VPS of its own, first due at {@code due}. */
    protected Operation storedOperation(Instant due) {
        return insert(accepted(storedVps(), OperationKind.PROVISION, due));
    }

    protected Operation insert(Operation operation) {
        write(repositories -> repositories.operations().insert(operation));
        return operation;
    }

    protected Operation update(Operation operation) {
        write(repositories -> repositories.operations().update(operation));
        return operation;
    }
}
