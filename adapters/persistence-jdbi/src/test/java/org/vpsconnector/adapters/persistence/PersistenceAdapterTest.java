package org.vpsconnector.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Secret;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * What only the database shows, on every {@link TestDatabase}: the schema and its constraints,
 * secrets sealed in their columns, and transactions that really run at once. What the repositories
 * promise through their ports is in {@link JdbiRepositoryContractTest}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class PersistenceAdapterTest {
    private static final Instant T0 = Instant.parse("2024-10-27T00:30:00.123456Z");
    private static final Instant T1 = Instant.parse("2024-10-27T01:30:00.654321Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String SELF = "-----BEGIN CERTIFICATE-----\nself\n-----END CERTIFICATE-----\n"
            + "-----BEGIN PRIVATE KEY-----\ninstance-key\n-----END PRIVATE KEY-----\n";

    @Parameter
    TestDatabase database;

    private static final byte[] SEALING_KEY = new byte[SecretSealing.KEY_BYTES];

    static {
        new SecureRandom().nextBytes(SEALING_KEY);
    }

    private Transactions transactions;
    private Jdbi jdbi;

    @BeforeEach
    void emptyTables() {
        DataSource dataSource = database.migrated();
        Jdbi.create(dataSource).useHandle(handle -> handle.execute("""
                DELETE FROM operation_transitions;
                DELETE FROM operations;
                DELETE FROM vpses;
                DELETE FROM subscription_contexts;
                DELETE FROM application_instances"""));
        jdbi = Jdbi.create(dataSource);
        transactions = new JdbiTransactions(jdbi, new SecretSealing(SEALING_KEY));
    }

    @Test
    void migratesAnEmptySchemaOnce() {
        DataSource empty = database.emptySchema("migration_check");

        assertThat(SchemaMigration.migrate(empty)).isPositive();
        assertThat(SchemaMigration.migrate(empty)).isZero();
    }

    @Test
    void keepsRootsPasswordHashOfAVpsSealedInItsColumn() {
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.READY, PowerState.RUNNING, T0, T1,
                null, "10.88.0.7");

        write(repositories -> repositories.vpses().insert(vps));

        String column = jdbi.withHandle(handle -> handle.createQuery("SELECT password_hash FROM vpses WHERE id = :id")
                .bind("id", vps.id()).mapTo(String.class).one());
        assertThat(column).as("root's password hash is sealed").startsWith("aes-gcm:").doesNotContain("$6$");
        assertThat(findVps(vps.id()).orElseThrow().spec().login()).isEqualTo(LOGIN);
    }

    @Test
    void marksASuspendedVpsInItsOwnColumn() {
        Vps running = new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.READY, PowerState.RUNNING, T0, T0);
        write(repositories -> repositories.vpses().insert(running));
        Vps suspended = running.accept(OperationKind.DISABLE, null, T1).completed(OperationKind.DISABLE, null, PowerState.STOPPED, T1);

        write(repositories -> repositories.vpses().update(suspended));

        Boolean column = jdbi.withHandle(handle -> handle.createQuery("SELECT suspended FROM vpses WHERE id = :id")
                .bind("id", running.id()).mapTo(Boolean.class).one());
        assertThat(column).isTrue();
    }

    @Test
    void aSuspensionWithoutAPowerStateToBringBackIsRefusedByTheSchema() {
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.READY, PowerState.RUNNING, T0, T0);
        write(repositories -> repositories.vpses().insert(vps));

        assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute(
                "UPDATE vpses SET suspended = TRUE WHERE id = ?", vps.id()))).isNotNull();
        assertThat(findVps(vps.id())).contains(vps);
    }

    @Test
    void keepsRootsPasswordHashOfAnOperationsTargetSealedInItsColumn() {
        Vps vps = storedVps();
        Operation operation = new Operation(UUID.randomUUID(), vps.id(), OperationKind.CONFIGURE, OperationStatus.RUNNING,
                fullSpec(), 3, T1, "daemon down", "Configuration retrying", T0, T1, "tx-configure-1");

        write(repositories -> repositories.operations().insert(operation));

        String column = jdbi.withHandle(handle -> handle.createQuery("SELECT target_password_hash FROM operations WHERE id = :id")
                .bind("id", operation.id()).mapTo(String.class).one());
        assertThat(column).as("root's password hash is sealed").startsWith("aes-gcm:").doesNotContain("$6$");
        assertThat(findOperation(operation.id()).orElseThrow().target().login()).isEqualTo(LOGIN);
    }

    // Both transactions are under way when they claim, which the in-memory database, one transaction at a time, cannot do.
    @Test
    void ofTwoDriversClaimingAtOnceExactlyOneWins() throws Exception {
        ExecutorService drivers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                UUID operationId = storedOperation(T0).id();
                CyclicBarrier bothInTransaction = new CyclicBarrier(2);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (String owner : List.of("driver-a", "driver-b")) {
                    claims.add(drivers.submit(() -> transactions.inTransaction(repositories -> {
                        awaitQuietly(bothInTransaction);
                        return repositories.operations().claim(operationId, owner, T0, T0.plus(LEASE));
                    })));
                }

                assertThat(List.of(claims.get(0).get(), claims.get(1).get()))
                        .as("round %d", round).containsExactlyInAnyOrder(true, false);
            }
        } finally {
            drivers.shutdownNow();
        }
    }

    /**
     * Why a VPS is locked in a statement of its own: the reads after the lock see what the transaction
     * it waited for wrote (an unprovision that cancelled the build the driver is about to record).
     */
    @Test
    void aTransactionThatWaitedForTheLockOfAVpsReadsWhatTheTransactionItWaitedForWrote() throws Exception {
        Operation build = storedOperation(T0);
        Operation cancelled = build.cancel("unprovisioned", T1);
        Operation unprovision = Operation.accept(UUID.randomUUID(), build.vpsId(), OperationKind.UNPROVISION, null,
                "txn-unprovision", T1);
        CountDownLatch locked = new CountDownLatch(1);
        ExecutorService requests = Executors.newSingleThreadExecutor();
        try {
            Future<?> unprovisioning = requests.submit(() -> write(repositories -> {
                repositories.vpses().lock(build.vpsId()).orElseThrow();
                locked.countDown();
                pauseQuietly(Duration.ofMillis(300));
                repositories.operations().update(cancelled);
                repositories.operations().insert(unprovision);
            }));
            locked.await();

            List<Optional<Operation>> seenByTheDriver = transactions.inTransaction(repositories -> {
                repositories.vpses().lock(build.vpsId()).orElseThrow();
                return List.of(repositories.operations().find(build.id()), repositories.operations().latestFor(build.vpsId()));
            });

            unprovisioning.get();
            assertThat(seenByTheDriver).containsExactly(Optional.of(cancelled), Optional.of(unprovision));
        } finally {
            requests.shutdownNow();
        }
    }

    @Test
    void keepsTheInstancePrivateKeySealedAndOpensItOnlyWithTheKey() {
        ApplicationInstance instance = new ApplicationInstance(UUID.randomUUID(), "https://controller.example:6308/",
                Secret.of(SELF), "-----BEGIN CERTIFICATE-----\ncontroller\n-----END CERTIFICATE-----", "1.0-1", T0);
        write(repositories -> repositories.instances().save(instance));

        String stored = storedSelfCertificate(instance.id());
        assertThat(stored).startsWith("aes-gcm:").doesNotContain("PRIVATE KEY", "instance-key", "self");
        assertThat(findInstance(instance.id())).contains(instance);

        byte[] otherKey = new byte[SecretSealing.KEY_BYTES];
        Transactions withAnotherKey = new JdbiTransactions(jdbi, new SecretSealing(otherKey));
        assertThatThrownBy(() -> withAnotherKey.inTransaction(repositories -> repositories.instances().find(instance.id())))
                .hasMessageContaining("cannot open the stored secret of " + instance.id())
                .hasStackTraceContaining("AEADBadTagException")
                .message().doesNotContain("PRIVATE KEY");
    }

    @Test
    void aRepeatedInstallKeepsTheSealedKeyAsStoredAndANewKeyIsSealedAfresh() {
        ApplicationInstance instance = new ApplicationInstance(UUID.randomUUID(), "https://controller.example:6308/",
                Secret.of(SELF), "-----BEGIN CERTIFICATE-----\ncontroller\n-----END CERTIFICATE-----", "1.0-1", T0);
        write(repositories -> repositories.instances().save(instance));
        String sealed = storedSelfCertificate(instance.id());

        write(repositories -> repositories.instances().save(instance));
        assertThat(storedSelfCertificate(instance.id())).as("a repeat changes no stored byte").isEqualTo(sealed);

        ApplicationInstance renewed = new ApplicationInstance(instance.id(), instance.controllerUri(),
                Secret.of(SELF + "\nrenewed"), instance.controllerCertificate(), instance.version(), instance.installedAt());
        write(repositories -> repositories.instances().save(renewed));
        assertThat(storedSelfCertificate(instance.id())).isNotEqualTo(sealed).startsWith("aes-gcm:");
        assertThat(findInstance(instance.id())).contains(renewed);
    }

    @Test
    void sealsTheInstancePrivateKeysAnEarlierVersionStoredAsText() {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.createUpdate("""
                INSERT INTO application_instances (id, self_certificate, installed_at)
                VALUES (:id, :self, CURRENT_TIMESTAMP)""").bind("id", id).bind("self", SELF).execute());

        assertThat(new JdbiTransactions(jdbi, new SecretSealing(SEALING_KEY)).sealStoredSecrets()).isEqualTo(1);

        assertThat(storedSelfCertificate(id)).startsWith("aes-gcm:").doesNotContain("PRIVATE KEY");
        assertThat(findInstance(id).orElseThrow().selfCertificate()).isEqualTo(Secret.of(SELF));
        assertThat(new JdbiTransactions(jdbi, new SecretSealing(SEALING_KEY)).sealStoredSecrets()).isZero();
    }

    private String storedSelfCertificate(UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT self_certificate FROM application_instances WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    private static VpsSpec fullSpec() {
        return new VpsSpec("web-01", "The front web server", new Hardware(4, 80, 2, true),
                new Platform("x86_64", "Debian", "12"), UUID.randomUUID(), UUID.randomUUID(), LOGIN);
    }

    private static final Login LOGIN = new Login(List.of(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILDMvSwYfbxVNII7oQ+hZtni+bWrOKHdYOu+lpRHtL7w anna@laptop",
            "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHwL89HT0p5Iyex8IOs1zvi1"
                    + "Ymu/yXcBR9IQg/E6XEMI+uoQu5RGhdiTEYCZDbCIkgphq85Xv6OzDifJqSLnZt4="),
            Secret.of("$6$hQ3kT9cVbN2mX8zR$4yqM7rWc0eKb1Jt5uGv8nLp2sZx9dHf3aQw6EoYi4RjTl7mVb0cNk1PzUe5Xh8SgDr2WqAf9Ly3Mo6BtKj0Ix."));

    private Vps storedVps() {
        Vps vps = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);
        write(repositories -> repositories.vpses().insert(vps));
        return vps;
    }

    /** An accepted provision of a VPS of its own, first due at {@code due}. */
    private Operation storedOperation(Instant due) {
        Vps vps = storedVps();
        Operation operation = Operation.accept(UUID.randomUUID(), vps.id(), OperationKind.PROVISION, vps.spec(), null, due);
        write(repositories -> repositories.operations().insert(operation));
        return operation;
    }

    private Optional<Vps> findVps(UUID id) {
        return transactions.inTransaction(repositories -> repositories.vpses().find(id));
    }

    private Optional<Operation> findOperation(UUID id) {
        return transactions.inTransaction(repositories -> repositories.operations().find(id));
    }

    private Optional<ApplicationInstance> findInstance(UUID id) {
        return transactions.inTransaction(repositories -> repositories.instances().find(id));
    }

    private void write(Consumer<Repositories> work) {
        transactions.inTransaction(repositories -> {
            work.accept(repositories);
            return null;
        });
    }

    private static void pauseQuietly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
