package org.vpsconnector.application.testing;

import org.junit.jupiter.api.Nested;
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

/** The repository contract, kept by the in-memory database every application test runs on. */
class InMemoryRepositoryContractTest {

    @Nested
    class AllOrNothing extends TransactionsContract {
        @Override
        protected Transactions emptyDatabase() {
            return new InMemoryTransactions();
        }
    }

    @Nested
    class Vpses extends VpsRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return new InMemoryTransactions();
        }
    }

    @Nested
    class Operations extends OperationRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return new InMemoryTransactions();
        }
    }

    @Nested
    class Leases extends OperationLeaseContract {
        @Override
        protected Transactions emptyDatabase() {
            return new InMemoryTransactions();
        }
    }

    @Nested
    class Listing extends OperationListingContract {
        @Override
        protected Transactions emptyDatabase() {
            return new InMemoryTransactions();
        }
    }

    @Nested
    class History extends OperationHistoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return new InMemoryTransactions();
        }
    }

    @Nested
    class Instances extends InstanceRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return new InMemoryTransactions();
        }
    }

    @Nested
    class Contexts extends ContextRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return new InMemoryTransactions();
        }
    }

    @Nested
    class ControllerUpdates extends ControllerUpdateRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return new InMemoryTransactions();
        }
    }

    @Nested
    class Usage extends UsageRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return new InMemoryTransactions();
        }
    }

    @Nested
    class Drains extends DrainRepositoryContract {
        @Override
        protected Transactions emptyDatabase() {
            return new InMemoryTransactions();
        }
    }
}
