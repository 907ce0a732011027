package org.vpsconnector.adapters.persistence;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.port.out.contract.ContextRepositoryContract;
import org.vpsconnector.application.port.out.contract.ControllerUpdateRepositoryContract;
import org.vpsconnector.application.port.out.contract.DrainRepositoryContract;
import org.vpsconnector.application.port.out.contract.InstanceRepositoryContract;
import org.vpsconnector.application.port.out.contract.OperationHistoryContract;
import org.vpsconnector.application.port.out.contract.OperationLeaseContract;
import org.vpsconnector.application.port.out.contract.OperationListingContract;
import org.vpsconnector.application.port.out.contract.OperationRepositoryContract;
import org.vpsconnector.application.port.out.contract.TransactionsContract;
import org.vpsconnector.application.port.out.contract.UsageRepositoryContract;
import org.vpsconnector.application.port.out.contract.VpsRepositoryContract;

/**
 * The repository contract the application's tests rely on, kept by the SQL that runs in production on
 * every {@link TestDatabase}: in a schema of its own, emptied before each test.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class JdbiRepositoryContractTest {
    private static final Map<TestDatabase, DataSource> SCHEMAS = new ConcurrentHashMap<>();
    private static final byte[] SEALING_KEY = new byte[SecretSealing.KEY_BYTES];

    static {
        new SecureRandom().nextBytes(SEALING_KEY);
    }

    @Parameter
    TestDatabase database;

    Transactions emptyDatabase() {
        DataSource dataSource = SCHEMAS.computeIfAbsent(database, db -> {
            DataSource schema = db.emptySchema("contract_tests");
            SchemaMigration.migrate(schema);
            return schema;
        });
        Jdbi.create(dataSource).useHandle(handle -> handle.execute("""
                DELETE FROM operation_transitions;
                DELETE FROM vps_usage;
                DELETE FROM operations;
                DELETE FROM vpses;
                DELETE FROM subscription_contexts;
                DELETE FROM application_instances;
                DELETE FROM controller_updates;
                DELETE FROM drains"""));
        return new JdbiTransactions(Jdbi.create(dataSource), new SecretSealing(SEALING_KEY));
    }

    @Nested
    class AllOrNothing extends TransactionsContract {
        @Override
        protected Transactions emptyDatabase() {
            return JdbiRepositoryContractTest.this.emptyDatabase();
        }
    }

    @Nested
    class Vpses extends VpsRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return JdbiRepositoryContractTest.this.emptyDatabase();
        }
    }

    @Nested
    class Operations extends OperationRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return JdbiRepositoryContractTest.this.emptyDatabase();
        }
    }

    @Nested
    class Leases extends OperationLeaseContract {
        @Override
        protected Transactions emptyDatabase() {
            return JdbiRepositoryContractTest.this.emptyDatabase();
        }
    }

    @Nested
    class Listing extends OperationListingContract {
        @Override
        protected Transactions emptyDatabase() {
            return JdbiRepositoryContractTest.this.emptyDatabase();
        }
    }

    @Nested
    class History extends OperationHistoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return JdbiRepositoryContractTest.this.emptyDatabase();
        }
    }

    @Nested
    class Instances extends InstanceRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return JdbiRepositoryContractTest.this.emptyDatabase();
        }
    }

    @Nested
    class Contexts extends ContextRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return JdbiRepositoryContractTest.this.emptyDatabase();
        }
    }

    @Nested
    class ControllerUpdates extends ControllerUpdateRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return JdbiRepositoryContractTest.this.emptyDatabase();
        }
    }

    @Nested
    class Usage extends UsageRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return JdbiRepositoryContractTest.this.emptyDatabase();
        }
    }

    @Nested
    class Drains extends DrainRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return JdbiRepositoryContractTest.this.emptyDatabase();
        }
    }
}
