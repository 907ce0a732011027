package org.vpsconnector.application.driver;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.vpsconnector.application.port.out.Transactions;

/**
 * A database as one user of it sees it: its transactions are counted with the threads that ran them,
 * can be made to fail, and a test can act right after the next one commits, between two
 * transactions of that user.
 */
final class WatchedTransactions implements Transactions {
    private final Transactions db;
    private final AtomicInteger tried = new AtomicInteger();
    private final AtomicInteger committed = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Runnable> afterNextCommit = new AtomicReference<>();
    private volatile RuntimeException failure;

    WatchedTransactions(Transactions db) {
        this.db = db;
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        tried.incrementAndGet();
        threads.add(Thread.currentThread());
        RuntimeException failing = failure;
        if (failing != null) {
            throw failing;
        }
        T result = db.inTransaction(work);
        committed.incrementAndGet();
        Runnable hook = afterNextCommit.getAndSet(null);
        if (hook != null) {
            hook.run();
        }
        return result;
    }

    @Override
    public void ping() {
        db.ping();
    }

    /** Runs {@code hook} once, after the next transaction committed and before its caller goes on. */
    void afterNextCommit(Runnable hook) {
        afterNextCommit.set(hook);
    }

    /** Every transaction from now on throws {@code failure} before it begins; null lets them through again. */
    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    int tried() {
        return tried.get();
    }

    int committed() {
        return committed.get();
    }

    /** The threads that ran transactions. */
    Set<Thread> threads() {
        return Set.copyOf(threads);
    }
}
