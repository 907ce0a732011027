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
import org.vpsconnector.application.port.out.ConcurrentWriteException;
import org.vpsconnector.application.port.out.Lease;
import org.vpsconnector.application.port.out.OperationTransition;
import org.vpsconnector.application.port.out.Repositories;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Operation;
import org.vpsconnector.domain.OperationKind;
import org.vpsconnector.domain.OperationStatus;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Secret;
import org.vpsconnector.domain.SubscriptionContext;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/** The same contract, run against every {@link TestDatabase}. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class PersistenceAdapterTest {
    // Both are 02:30 in Europe/Berlin, an hour apart across the autumn clock change (the pom runs the
    // tests in that zone), so a mapping through local time would lose the difference. They carry
    // microseconds, the precision both databases keep.
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
    void pingsTheDatabase() {
        transactions.ping();
    }

    @Test
    void migratesAnEmptySchemaOnce() {
        DataSource empty = database.emptySchema("migration_check");

        assertThat(SchemaMigration.migrate(empty)).isPositive();
        assertThat(SchemaMigration.migrate(empty)).isZero();
    }

    @Test
    void storesEveryFieldOfAVps() {
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.READY, PowerState.RUNNING, T0, T1,
                null, "10.88.0.7");

        write(repositories -> repositories.vpses().insert(vps));

        assertThat(findVps(vps.id())).contains(vps);
        assertThat(findVps(vps.id()).orElseThrow().spec().login()).isEqualTo(LOGIN);
        assertThat(findVps(vps.id()).orElseThrow().ipv4()).isEqualTo("10.88.0.7");
        String column = jdbi.withHandle(handle -> handle.createQuery("SELECT password_hash FROM vpses WHERE id = :id")
                .bind("id", vps.id()).mapTo(String.class).one());
        assertThat(column).as("root's password hash is sealed").startsWith("aes-gcm:").doesNotContain("$6$");
    }

    @Test
    void keepsTheLoginAndTheAddressAcrossUpdates() {
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec().withLogin(Login.NONE), Lifecycle.READY,
                PowerState.RUNNING, T0, T1);
        write(repositories -> repositories.vpses().insert(vps));
        assertThat(findVps(vps.id()).orElseThrow().spec().login()).isEqualTo(Login.NONE);
        assertThat(findVps(vps.id()).orElseThrow().ipv4()).isNull();

        Vps keysOnly = new Vps(vps.id(), vps.instanceId(), vps.spec().withLogin(new Login(LOGIN.sshKeys().subList(0, 1), null)),
                vps.lifecycle(), vps.state(), T0, T1, null, "192.168.122.40");
        write(repositories -> repositories.vpses().update(keysOnly));

        assertThat(findVps(vps.id())).contains(keysOnly);

        Vps stopped = keysOnly.observed(PowerState.STOPPED, T1).seenAt(null);
        write(repositories -> repositories.vpses().update(stopped));

        assertThat(findVps(vps.id()).orElseThrow().ipv4()).isNull();
    }

    @Test
    void keepsASuspensionAndThePowerStateToBringBack() {
        Vps running = new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.READY, PowerState.RUNNING, T0, T0);
        write(repositories -> repositories.vpses().insert(running));
        Vps suspended = running.accept(OperationKind.DISABLE, null, T1).completed(OperationKind.DISABLE, null, PowerState.STOPPED, T1);

        write(repositories -> repositories.vpses().update(suspended));

        assertThat(findVps(running.id())).contains(suspended);
        assertThat(findVps(running.id()).orElseThrow().resumeTo()).isEqualTo(PowerState.RUNNING);
        Boolean column = jdbi.withHandle(handle -> handle.createQuery("SELECT suspended FROM vpses WHERE id = :id")
                .bind("id", running.id()).mapTo(Boolean.class).one());
        assertThat(column).isTrue();

        Vps enabled = suspended.accept(OperationKind.ENABLE, null, T1).completed(OperationKind.ENABLE, null, PowerState.RUNNING, T1);
        write(repositories -> repositories.vpses().update(enabled));

        assertThat(findVps(running.id())).contains(enabled);
        assertThat(findVps(running.id()).orElseThrow().suspended()).isFalse();
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
    void storesAVpsWithEveryOptionalFieldMissing() {
        VpsSpec bare = new VpsSpec(null, null, new Hardware(1, 10, 1, false), Platform.UNSPECIFIED, null, null);
        Vps vps = new Vps(UUID.randomUUID(), UUID.randomUUID(), bare, Lifecycle.PROVISIONING, PowerState.CREATING, null, null);

        write(repositories -> repositories.vpses().insert(vps));

        assertThat(findVps(vps.id())).contains(vps);
    }

    @Test
    void updatesAVps() {
        Vps vps = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);
        write(repositories -> repositories.vpses().insert(vps));
        Vps ready = vps.completed(OperationKind.PROVISION, vps.spec(), PowerState.STOPPED, T1);

        write(repositories -> repositories.vpses().update(ready));

        assertThat(findVps(vps.id())).contains(ready);
    }

    @Test
    void refusesToUpdateAMissingVps() {
        Vps never = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);

        assertThatThrownBy(() -> write(repositories -> repositories.vpses().update(never)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void listsTheVpsesOfOneInstance() {
        UUID instanceId = UUID.randomUUID();
        Vps first = Vps.provisioning(UUID.randomUUID(), instanceId, fullSpec(), T0);
        Vps second = Vps.provisioning(UUID.randomUUID(), instanceId, fullSpec(), T1);
        Vps elsewhere = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);
        write(repositories -> {
            repositories.vpses().insert(second);
            repositories.vpses().insert(elsewhere);
            repositories.vpses().insert(first);
        });

        assertThat(vpsesOf(instanceId)).containsExactly(first, second);
    }

    @Test
    void listsEveryVpsButTheDeletedOnes() {
        Vps building = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);
        Vps failed = building.failed(OperationKind.PROVISION, PowerState.ERROR, T1);
        Vps ready = new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.READY, PowerState.RUNNING, T1, T1);
        Vps deleted = new Vps(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), Lifecycle.DELETED, PowerState.DELETING, T0, T1);
        write(repositories -> {
            repositories.vpses().insert(failed);
            repositories.vpses().insert(deleted);
            repositories.vpses().insert(ready);
        });

        List<Vps> notDeleted = transactions.inTransaction(repositories -> repositories.vpses().listNotDeleted());

        assertThat(notDeleted).containsExactly(failed, ready);
    }

    @Test
    void storesEveryFieldOfAnOperation() {
        Vps vps = storedVps();
        Operation operation = new Operation(UUID.randomUUID(), vps.id(), OperationKind.CONFIGURE, OperationStatus.RUNNING,
                fullSpec(), 3, T1, "daemon down", "Configuration retrying", T0, T1, "tx-configure-1");

        write(repositories -> repositories.operations().insert(operation));

        assertThat(findOperation(operation.id())).contains(operation);
        assertThat(findOperation(operation.id()).orElseThrow().target().login()).isEqualTo(LOGIN);
        String column = jdbi.withHandle(handle -> handle.createQuery("SELECT target_password_hash FROM operations WHERE id = :id")
                .bind("id", operation.id()).mapTo(String.class).one());
        assertThat(column).as("root's password hash is sealed").startsWith("aes-gcm:").doesNotContain("$6$");
    }

    @Test
    void storesAnOperationWithEveryOptionalFieldMissing() {
        Vps vps = storedVps();
        Operation operation = new Operation(UUID.randomUUID(), vps.id(), OperationKind.START, OperationStatus.ACCEPTED,
                null, 0, null, null, null, null, null, null);

        write(repositories -> repositories.operations().insert(operation));

        assertThat(findOperation(operation.id())).contains(operation);
    }

    @Test
    void updatesAnOperationButNotItsLease() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        Operation progressed = operation.progress("Provisioning: guest booting", T1, T1);

        write(repositories -> repositories.operations().update(progressed));

        assertThat(findOperation(operation.id())).contains(progressed);
        assertThat(claim(operation.id(), "driver-b", T0)).as("the lease of driver-a still holds").isFalse();
    }

    @Test
    void refusesToUpdateAMissingOperation() {
        Operation never = Operation.accept(UUID.randomUUID(), UUID.randomUUID(), OperationKind.START, null, null, T0);

        assertThatThrownBy(() -> write(repositories -> repositories.operations().update(never)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void findsTheNewestOperationOfAVps() {
        Vps vps = storedVps();
        Operation older = accepted(vps, OperationKind.START, T0);
        Operation newer = accepted(vps, OperationKind.STOP, T1);
        Operation sameTickInsertedLater = accepted(vps, OperationKind.START, T1);
        Operation otherVps = accepted(storedVps(), OperationKind.STOP, T1.plusSeconds(1));
        write(repositories -> {
            repositories.operations().insert(newer);
            repositories.operations().insert(sameTickInsertedLater);
            repositories.operations().insert(older);
            repositories.operations().insert(otherVps);
        });

        assertThat(latestFor(vps.id())).contains(sameTickInsertedLater);
        assertThat(latestFor(UUID.randomUUID())).isEmpty();
    }

    @Test
    void listsRecentOperationsNewestFirst() {
        Vps vps = storedVps();
        Operation first = accepted(vps, OperationKind.START, T0);
        Operation second = accepted(vps, OperationKind.STOP, T1);
        Operation third = accepted(vps, OperationKind.START, T1.plusSeconds(1));
        write(repositories -> {
            repositories.operations().insert(second);
            repositories.operations().insert(third);
            repositories.operations().insert(first);
        });

        assertThat(listRecent(2)).containsExactly(third, second);
    }

    @Test
    void findsUnfinishedUnleasedOperationsThatAreDue() {
        Operation later = storedOperation(T0.plusSeconds(2));
        Operation earliest = storedOperation(T0);
        Operation running = update(storedOperation(T0.plusSeconds(1)).progress("step done", T0.plusSeconds(1), T0));
        Operation finished = update(storedOperation(T0).succeed(T0));
        Operation notYetDue = storedOperation(T1);
        Operation leased = storedOperation(T0);
        assertThat(claim(leased.id(), "driver-a", T0)).isTrue();
        Operation withoutAttemptTime = insert(new Operation(UUID.randomUUID(), storedVps().id(), OperationKind.STOP,
                OperationStatus.ACCEPTED, null, 0, null, null, null, T1, T1, null));

        assertThat(findDue(T0.plusSeconds(5), 10))
                .containsExactly(withoutAttemptTime.id(), earliest.id(), running.id(), later.id())
                .doesNotContain(finished.id(), notYetDue.id(), leased.id());
        assertThat(findDue(T0.plusSeconds(5), 2))
                .containsExactly(withoutAttemptTime.id(), earliest.id());
    }

    @Test
    void hidesAnOperationWhileAnotherOfTheSameVpsIsLeased() {
        Vps vps = storedVps();
        Operation build = insert(accepted(vps, OperationKind.PROVISION, T0));
        assertThat(claim(build.id(), "driver-a", T0)).isTrue();
        Operation unprovision = insert(accepted(vps, OperationKind.UNPROVISION, T0));
        Operation elsewhere = storedOperation(T0);

        assertThat(findDue(T0, 10)).containsExactly(elsewhere.id());
        assertThat(claim(unprovision.id(), "driver-b", T0)).isFalse();
        assertThat(findDue(T0.plus(LEASE).plusSeconds(1), 10))
                .containsExactlyInAnyOrder(build.id(), unprovision.id(), elsewhere.id());
    }

    @Test
    void aLiveLeaseBlocksASecondClaim() {
        Operation operation = storedOperation(T0);

        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        assertThat(claim(operation.id(), "driver-b", T0.plusSeconds(1))).isFalse();
        assertThat(claim(operation.id(), "driver-a", T0.plusSeconds(1))).as("not even by its holder").isFalse();
    }

    @Test
    void anExpiredLeaseCanBeClaimedAgain() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        Instant afterExpiry = T0.plus(LEASE).plusNanos(1000);

        assertThat(findDue(afterExpiry, 10)).containsExactly(operation.id());
        assertThat(claim(operation.id(), "driver-b", afterExpiry)).isTrue();
    }

    @Test
    void theLeaseHolderIsKnownUntilAnotherDriverTakesTheLeaseOver() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        assertThat(isLeasedBy(operation.id(), "driver-a")).isTrue();
        assertThat(isLeasedBy(operation.id(), "driver-b")).isFalse();

        assertThat(claim(operation.id(), "driver-b", T0.plus(LEASE).plusNanos(1000))).isTrue();

        assertThat(isLeasedBy(operation.id(), "driver-a")).as("overtaken").isFalse();
        assertThat(isLeasedBy(operation.id(), "driver-b")).isTrue();
    }

    @Test
    void everyClaimGivesTheLeaseANewEpochAndOnlyThatClaimCanRenewIt() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();
        Lease first = leaseOf(operation.id()).orElseThrow();
        assertThat(first.owner()).isEqualTo("driver-a");
        assertThat(first.until()).isEqualTo(T0.plus(LEASE));

        assertThat(renew(first, T0.plusSeconds(10), T0.plusSeconds(40))).isTrue();
        assertThat(leaseOf(operation.id()).orElseThrow().until()).isEqualTo(T0.plusSeconds(40));
        assertThat(renew(first, T0.plusSeconds(41), T0.plusSeconds(70))).as("expired before renewal").isFalse();

        Instant afterExpiry = T0.plusSeconds(41);
        assertThat(claim(operation.id(), "driver-a", afterExpiry)).as("taken again by the same owner name").isTrue();
        Lease second = leaseOf(operation.id()).orElseThrow();
        assertThat(second.epoch()).isGreaterThan(first.epoch());
        assertThat(second.sameClaimAs(first)).isFalse();
        assertThat(renew(first, afterExpiry, afterExpiry.plus(LEASE))).as("the older claim is fenced off").isFalse();
        assertThat(leaseOf(operation.id()).orElseThrow().until()).isEqualTo(afterExpiry.plus(LEASE));
        assertThat(renew(second, afterExpiry, afterExpiry.plusSeconds(60))).isTrue();

        write(repositories -> repositories.operations().release(operation.id(), "driver-a"));
        assertThat(leaseOf(operation.id())).isEmpty();
    }

    private Optional<Lease> leaseOf(UUID operationId) {
        return transactions.inTransaction(repositories -> repositories.operations().leaseOf(operationId));
    }

    private boolean renew(Lease lease, Instant now, Instant until) {
        return transactions.inTransaction(repositories -> repositories.operations().renew(lease, now, until));
    }

    private boolean isLeasedBy(UUID operationId, String owner) {
        return transactions.inTransaction(repositories -> repositories.operations().isLeasedBy(operationId, owner));
    }

    @Test
    void aSecondInsertOfTheSameVpsIsAConcurrentWriteAndWritesNothing() {
        Vps vps = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);
        write(repositories -> repositories.vpses().insert(vps));
        Vps other = Vps.provisioning(UUID.randomUUID(), UUID.randomUUID(), fullSpec(), T0);

        assertThatThrownBy(() -> write(repositories -> {
            repositories.vpses().insert(other);
            repositories.vpses().insert(vps);
        })).isInstanceOf(ConcurrentWriteException.class);
        assertThat(findVps(other.id())).isEmpty();
    }

    @Test
    void aFinishedOperationCannotBeClaimed() {
        Operation operation = update(storedOperation(T0).fail("refused", T0));

        assertThat(claim(operation.id(), "driver-a", T0)).isFalse();
    }

    @Test
    void onlyTheHolderReleasesALease() {
        Operation operation = storedOperation(T0);
        assertThat(claim(operation.id(), "driver-a", T0)).isTrue();

        write(repositories -> repositories.operations().release(operation.id(), "driver-b"));
        assertThat(claim(operation.id(), "driver-c", T0)).isFalse();

        write(repositories -> repositories.operations().release(operation.id(), "driver-a"));
        assertThat(findDue(T0, 10)).containsExactly(operation.id());
        assertThat(claim(operation.id(), "driver-c", T0)).isTrue();
    }

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

    @Test
    void recordsTransitionsInOrder() {
        Operation operation = storedOperation(T0);
        OperationTransition accepted = new OperationTransition(operation.id(), operation.vpsId(), null,
                OperationStatus.ACCEPTED, 0, null, T0);
        OperationTransition running = new OperationTransition(operation.id(), operation.vpsId(), OperationStatus.ACCEPTED,
                OperationStatus.RUNNING, 1, "Start retrying after: daemon down", T1);
        OperationTransition otherOperation = new OperationTransition(storedOperation(T0).id(), operation.vpsId(), null,
                OperationStatus.ACCEPTED, 0, null, T0);

        write(repositories -> {
            repositories.transitions().record(accepted);
            repositories.transitions().record(otherOperation);
            repositories.transitions().record(running);
        });

        assertThat(transitionsOf(operation.id())).containsExactly(accepted, running);
    }

    @Test
    void savesFindsReplacesAndDeletesAnInstance() {
        ApplicationInstance instance = new ApplicationInstance(UUID.randomUUID(), "https://controller.example:6308/",
                Secret.of(SELF),
                "-----BEGIN CERTIFICATE-----\ncontroller\n-----END CERTIFICATE-----", "1.0-1", T0);
        ApplicationInstance bare = new ApplicationInstance(UUID.randomUUID(), null, null, null, null, T1);

        write(repositories -> {
            repositories.instances().save(instance);
            repositories.instances().save(bare);
        });
        assertThat(findInstance(instance.id())).contains(instance);
        assertThat(findInstance(bare.id())).contains(bare);

        write(repositories -> repositories.instances().save(instance.upgradedTo("1.1-1")));
        assertThat(findInstance(instance.id())).contains(instance.upgradedTo("1.1-1"));

        write(repositories -> repositories.instances().delete(instance.id()));
        assertThat(findInstance(instance.id())).isEmpty();
        assertThat(findInstance(bare.id())).contains(bare);
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

    @Test
    void savesFindsReplacesAndDeletesAContext() {
        SubscriptionContext context = new SubscriptionContext(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), T0);
        SubscriptionContext bare = new SubscriptionContext(UUID.randomUUID(), UUID.randomUUID(), null, null, T1);
        SubscriptionContext moved = new SubscriptionContext(context.id(), context.instanceId(), UUID.randomUUID(), null, T1);

        write(repositories -> {
            repositories.contexts().save(context);
            repositories.contexts().save(bare);
        });
        assertThat(findContext(context.id())).contains(context);
        assertThat(findContext(bare.id())).contains(bare);

        write(repositories -> repositories.contexts().save(moved));
        assertThat(findContext(context.id())).contains(moved);

        write(repositories -> repositories.contexts().delete(context.id()));
        assertThat(findContext(context.id())).isEmpty();
        assertThat(findContext(bare.id())).contains(bare);
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

    private static Operation accepted(Vps vps, OperationKind kind, Instant at) {
        return Operation.accept(UUID.randomUUID(), vps.id(), kind, kind.carriesSpec() ? vps.spec() : null, null, at);
    }

    /** An accepted provision of a VPS of its own, first due at {@code due}. */
    private Operation storedOperation(Instant due) {
        return insert(accepted(storedVps(), OperationKind.PROVISION, due));
    }

    private Operation insert(Operation operation) {
        write(repositories -> repositories.operations().insert(operation));
        return operation;
    }

    private Operation update(Operation operation) {
        write(repositories -> repositories.operations().update(operation));
        return operation;
    }

    private Optional<Vps> findVps(UUID id) {
        return transactions.inTransaction(repositories -> repositories.vpses().find(id));
    }

    private List<Vps> vpsesOf(UUID instanceId) {
        return transactions.inTransaction(repositories -> repositories.vpses().listByInstance(instanceId));
    }

    private Optional<Operation> findOperation(UUID id) {
        return transactions.inTransaction(repositories -> repositories.operations().find(id));
    }

    private Optional<Operation> latestFor(UUID vpsId) {
        return transactions.inTransaction(repositories -> repositories.operations().latestFor(vpsId));
    }

    private List<Operation> listRecent(int limit) {
        return transactions.inTransaction(repositories -> repositories.operations().listRecent(limit));
    }

    private List<UUID> findDue(Instant now, int limit) {
        return transactions.inTransaction(repositories -> repositories.operations().findDue(now, limit));
    }

    private boolean claim(UUID operationId, String owner, Instant now) {
        return transactions.inTransaction(repositories -> repositories.operations().claim(operationId, owner, now, now.plus(LEASE)));
    }

    private List<OperationTransition> transitionsOf(UUID operationId) {
        return transactions.inTransaction(repositories -> repositories.transitions().forOperation(operationId));
    }

    private Optional<ApplicationInstance> findInstance(UUID id) {
        return transactions.inTransaction(repositories -> repositories.instances().find(id));
    }

    private Optional<SubscriptionContext> findContext(UUID id) {
        return transactions.inTransaction(repositories -> repositories.contexts().find(id));
    }

    private void write(Consumer<Repositories> work) {
        transactions.inTransaction(repositories -> {
            work.accept(repositories);
            return null;
        });
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
