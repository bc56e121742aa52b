package dev.liaison.bench;

/** One connection to the system under test, used by exactly one worker thread of a run. */
interface LoadClient extends AutoCloseable {

    /**
     * Performs request number {@code sequence} and returns once it is durable.
     *
     * @throws RequestFailed when the system answered, but not with success
     */
    void send(long sequence) throws Exception;

    /** Opens the clients of a run, one per worker. */
    @FunctionalInterface
    interface Factory {
        LoadClient open() throws Exception;
    }
}
