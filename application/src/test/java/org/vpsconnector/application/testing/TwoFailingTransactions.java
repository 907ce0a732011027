package org.vpsconnector.application.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.vpsconnector.application.port.out.RepositoryUnavailableException;
import org.vpsconnector.application.port.out.Transactions;

/**
 * The in-memory database behind two failures, for a background pass that must go on after them: the
 * first transaction finds the database away, the second trips over something unexpected (a bug).
 */
public final class TwoFailingTransactions implements Transactions {
    private final InMemoryTransactions db;
    private final AtomicInteger failuresLeft = new AtomicInteger(2);

    public TwoFailingTransactions(InMemoryTransactions db) {
        this.db = db;
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        int left = failuresLeft.getAndDecrement();
        if (left == 2) {
            throw new RepositoryUnavailableException("the database is not answering", null);
        }
        if (left == 1) {
            throw new IllegalStateException("a bug");
        }
        return db.inTransaction(work);
    }

    @Override
    public void ping() {
        db.ping();
    }
}
