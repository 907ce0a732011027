package org.vpsconnector.application.port.out;

/** Runs work in one database transaction: all of it is written, or none. */
public interface Transactions {

    @FunctionalInterface
    interface Work<T> {
        T run(Repositories repositories);
    }

    /** Throws {@link ConcurrentWriteException} when another transaction inserted the same record first. */
    <T> T inTransaction(Work<T> work);

    /** Throws when the database cannot be reached. */
    void ping();
}
