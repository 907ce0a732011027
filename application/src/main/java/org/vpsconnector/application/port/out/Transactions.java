package org.vpsconnector.application.port.out;

/** Runs work in one database transaction: all of it is written, or none. */
public interface Transactions {

    @FunctionalInterface
    interface Work<T> {
        T run(Repositories repositories);
    }

    /** Throws {@link ConcurrentWriteException} when another transaction inserted the same record first. */
    <T> T inTransaction(Work<T> work);

    /**
     * Runs {@code work}, and once more if another transaction wrote the same record first: the
     * second run sees that record, so identical requests arriving at once are answered alike.
     */
    default <T> T inTransactionRetryingConcurrentWrite(Work<T> work) {
        try {
            return inTransaction(work);
        } catch (ConcurrentWriteException sameRecordAtOnce) {
            return inTransaction(work);
        }
    }

    /**
     * Runs {@code work} that only reads, each read seeing what was committed when it ran, as in a
     * transaction at READ COMMITTED: a database may spare the transaction around it.
     */
    default <T> T read(Work<T> work) {
        return inTransaction(work);
    }

    /** Throws when the database cannot be reached. */
    void ping();
}
