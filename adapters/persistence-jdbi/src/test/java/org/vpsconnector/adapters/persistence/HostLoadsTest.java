package org.vpsconnector.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.vpsconnector.application.port.out.HostLoad;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Lifecycle;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.PowerState;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * The loads a placement reads against the VPSes stored, on every {@link TestDatabase}, where the shared
 * repository contract cannot go: rows written by hand (an operator's fix, a restore), transactions at
 * once onto the same hosts, and a store that held VPSes before the loads were kept (schema V15). On
 * PostgreSQL the loads are kept apart from the VPSes, so these are the tests that they add up.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class HostLoadsTest {
    private static final Instant T0 = Instant.parse("2024-10-27T00:30:00.123456Z");

    @Parameter
    TestDatabase database;

    @Test
    void rowsWrittenByHandCountAsTheConnectorsDo() {
        DataSource schema = database.emptySchema("host_loads_by_hand");
        SchemaMigration.migrate(schema);
        Jdbi jdbi = Jdbi.create(schema);
        jdbi.useHandle(handle -> {
            UUID first = insertByHand(handle, true, "kvm-a", 2, 1, "READY");
            insertByHand(handle, true, "kvm-a", 4, 2, "PROVISIONING");
            UUID failed = insertByHand(handle, true, "kvm-b", 8, 4, "READY");
            insertByHand(handle, true, null, 1, 1, "READY");
            insertByHand(handle, false, "kvm-a", 64, 64, "READY");
            handle.execute("UPDATE vpses SET lifecycle = 'FAILED' WHERE id = ?", failed);
            handle.execute("DELETE FROM vpses WHERE id = ?", first);
            handle.execute("UPDATE vpses SET memory_gb = memory_gb * 2 WHERE host = 'kvm-a'");
        });

        List<HostLoad> loads = loads(new JdbiTransactions(jdbi, sealing()), Technology.VIRTUAL_MACHINE);

        assertThat(loads).containsExactlyInAnyOrder(new HostLoad("kvm-a", 1, 8, 2, 0), new HostLoad(null, 1, 1, 1, 0));
        assertThat(loads).containsExactlyInAnyOrderElementsOf(summedOverVpses(jdbi, true));
    }

    @Test
    void provisionsAndDeletionsAtOnceOntoTheSameHostsAddUp() throws Exception {
        DataSource schema = database.emptySchema("host_loads_at_once");
        SchemaMigration.migrate(schema);
        Jdbi jdbi = Jdbi.create(schema);
        Transactions transactions = new JdbiTransactions(jdbi, sealing());
        ExecutorService controllers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int controller = 0; controller < 8; controller++) {
                Random random = new Random(controller);
                runs.add(controllers.submit(() -> {
                    List<Vps> mine = new ArrayList<>();
                    // One VPS per transaction, as the connector writes them: an order, or the deletion of an earlier one.
                    for (int order = 0; order < 40; order++) {
                        Vps vps = vps(random.nextInt(1, 9), random.nextBoolean() ? "kvm-a" : "kvm-b");
                        transactions.inTransaction(repositories -> {
                            repositories.vpses().insert(vps);
                            return null;
                        });
                        mine.add(vps);
                        if (order % 3 == 2) {
                            Vps deleted = mine.remove(0);
                            transactions.inTransaction(repositories -> {
                                repositories.vpses().lock(deleted.id());
                                repositories.vpses().update(new Vps(deleted.id(), deleted.instanceId(), deleted.spec(),
                                        Lifecycle.DELETED, PowerState.STOPPED, T0, T0, null, null, deleted.host()));
                                return null;
                            });
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            controllers.shutdownNow();
        }

        List<HostLoad> loads = loads(transactions, Technology.VIRTUAL_MACHINE);

        assertThat(loads).extracting(HostLoad::host).containsExactlyInAnyOrder("kvm-a", "kvm-b");
        assertThat(loads.stream().mapToInt(HostLoad::vpses).sum()).as("320 provisions, 13 of each controller's deleted")
                .isEqualTo(320 - 8 * 13);
        assertThat(loads).containsExactlyInAnyOrderElementsOf(summedOverVpses(jdbi, true));
    }

    @Test
    void theVpsesStoredBeforeTheLoadsWereKeptCount() {
        DataSource schema = database.emptySchema("host_loads_upgrade");
        SchemaMigration.configuration(schema).target("14").load().migrate();
        Jdbi jdbi = Jdbi.create(schema);
        jdbi.useHandle(handle -> {
            insertByHand(handle, true, "kvm-a", 2, 1, "READY");
            insertByHand(handle, true, "kvm-a", 4, 2, "FAILED");
            insertByHand(handle, true, null, 8, 4, "CONFIGURING");
            insertByHand(handle, false, "engine-a", 16, 8, "READY");
            insertByHand(handle, false, "engine-a", 32, 16, "DELETED");
        });

        SchemaMigration.migrate(schema);
        jdbi.useHandle(handle -> insertByHand(handle, true, "kvm-a", 1, 1, "PROVISIONING"));

        Transactions transactions = new JdbiTransactions(jdbi, sealing());
        assertThat(loads(transactions, Technology.VIRTUAL_MACHINE))
                .containsExactlyInAnyOrder(new HostLoad("kvm-a", 2, 3, 2, 0), new HostLoad(null, 1, 8, 4, 0));
        assertThat(loads(transactions, Technology.CONTAINER)).containsExactly(new HostLoad("engine-a", 1, 16, 8, 0));
    }

    private static List<HostLoad> loads(Transactions transactions, Technology technology) {
        return transactions.read(repositories -> repositories.vpses().loadByHost(technology, null));
    }

    /** What the loads must be: the live VPSes summed, as the connector read them before it kept them. */
    private static List<HostLoad> summedOverVpses(Jdbi jdbi, boolean vm) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT host, COUNT(*), SUM(memory_gb), SUM(cpu_count) FROM vpses
                        WHERE vm = :vm AND lifecycle NOT IN ('DELETED', 'FAILED') GROUP BY host""")
                .bind("vm", vm)
                .map((row, context) -> new HostLoad(row.getString(1), row.getInt(2), row.getLong(3), row.getLong(4), 0))
                .list());
    }

    private static UUID insertByHand(Handle handle, boolean vm, String host, int memoryGb, int cpus, String lifecycle) {
        UUID id = UUID.randomUUID();
        handle.createUpdate("""
                        INSERT INTO vpses (id, instance_id, memory_gb, diskspace_gb, cpu_count, vm, lifecycle, state, host)
                        VALUES (:id, :instance, :memoryGb, 10, :cpus, :vm, :lifecycle, 'RUNNING', :host)""")
                .bind("id", id)
                .bind("instance", UUID.randomUUID())
                .bind("memoryGb", memoryGb)
                .bind("cpus", cpus)
                .bind("vm", vm)
                .bind("lifecycle", lifecycle)
                .bind("host", host)
                .execute();
        return id;
    }

    private static Vps vps(int memoryGb, String host) {
        VpsSpec spec = new VpsSpec("web-01", null, new Hardware(memoryGb, 10, memoryGb, true), Platform.UNSPECIFIED, null, null);
        return new Vps(UUID.randomUUID(), UUID.randomUUID(), spec, Lifecycle.PROVISIONING, PowerState.CREATING, T0, T0)
                .placedOn(host);
    }

    private static SecretSealing sealing() {
        byte[] key = new byte[SecretSealing.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new SecretSealing(key);
    }
}
