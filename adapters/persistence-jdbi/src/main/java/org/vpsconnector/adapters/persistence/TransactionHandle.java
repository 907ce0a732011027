package org.vpsconnector.adapters.persistence;

import java.util.concurrent.Callable;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionContext;
import org.jdbi.v3.core.extension.HandleSupplier;

/**
 * The handle of the transaction the calling thread is in, for DAOs attached once: Jdbi keeps it per thread
 * while {@link Jdbi#inTransaction} runs. Attaching a DAO to each new handle costs a copy of its configuration
 * per method, which made most of a request's CPU time; bound to this, each DAO is attached once.
 */
final class TransactionHandle implements HandleSupplier {
    private final Jdbi jdbi;

    TransactionHandle(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Handle getHandle() {
        return current().getHandle();
    }

    @Override
    public Jdbi getJdbi() {
        return jdbi;
    }

    /** Outside a transaction (while the DAOs are attached) the Jdbi's own configuration, which each method copies. */
    @Override
    public ConfigRegistry getConfig() {
        HandleSupplier current = jdbi.getHandleScope().get();
        return current == null ? jdbi.getConfig() : current.getConfig();
    }

    @Override
    public <V> V invokeInContext(ExtensionContext extensionContext, Callable<V> task) throws Exception {
        return current().invokeInContext(extensionContext, task);
    }

    private HandleSupplier current() {
        HandleSupplier current = jdbi.getHandleScope().get();
        if (current == null) {
            throw new IllegalStateException("a repository was used outside a transaction");
        }
        return current;
    }
}
