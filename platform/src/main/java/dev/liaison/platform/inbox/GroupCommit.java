package dev.liaison.platform.inbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets concurrent callers share one database transaction: each caller queues its item and waits; the caller at the
 * head of the queue takes everything queued so far (up to a limit), writes it in one go and hands every caller its
 * own result, while whoever queued meanwhile waits for the next batch (or writes it at once, when fewer than
 * {@code maxWriters} batches are being written). This is the writer queue of LevelDB and PostgreSQL's own group
 * commit, one level up: a commit costs a WAL flush and a round trip whatever it holds, so under load many rows share
 * one, while a lone caller writes its item at once, without waiting for company and without a thread hand-off.
 * <p>
 * Every call returns only after its own item was written or failed, so a caller that answers "stored" after
 * {@link #submit} returned has its item durable.
 *
 * @param <T> what a caller hands in
 * @param <R> what each caller gets back
 */
final class GroupCommit<T, R> {

    /** Writes a batch in the queue's order and settles every submission of it. */
    @FunctionalInterface
    interface BatchWriter<T, R> {
        void write(List<Submission<T, R>> batch);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Submission<T, R>> waiting = new ArrayDeque<>();
    private final int maxBatch;
    private final int maxWriters;
    private final BatchWriter<T, R> writer;
    private int writing;

    /**
     * @param maxWriters how many batches may be written at the same time: a second one keeps the database busy
     *                   while the first one's callers are being woken and answered
     */
    GroupCommit(int maxBatch, int maxWriters, BatchWriter<T, R> writer) {
        if (maxBatch < 1 || maxWriters < 1) {
            throw new IllegalArgumentException("maxBatch and maxWriters must be at least 1, were " + maxBatch + " and "
                    + maxWriters);
        }
        this.maxBatch = maxBatch;
        this.maxWriters = maxWriters;
        this.writer = writer;
    }

    /** Writes the item, alone or with others queued at the same time, and returns its own result. */
    R submit(T item) {
        Submission<T, R> mine = new Submission<>(item, lock.newCondition());
        List<Submission<T, R>> batch;
        lock.lock();
        try {
            waiting.addLast(mine);
            while (!mine.settled() && !(waiting.peekFirst() == mine && writing < maxWriters)) {
                mine.turn.awaitUninterruptibly();
            }
            if (mine.settled()) {
                return mine.result();
            }
            batch = new ArrayList<>(Math.min(waiting.size(), maxBatch));
            while (batch.size() < maxBatch && !waiting.isEmpty()) {
                batch.add(waiting.removeFirst());
            }
            writing++;
            wakeNextLeader();
        } finally {
            lock.unlock();
        }
        writeSettlingAll(batch);
        lock.lock();
        try {
            writing--;
            batch.forEach(written -> written.turn.signal());
            wakeNextLeader();
        } finally {
            lock.unlock();
        }
        return mine.result();
    }

    /** How many callers wait for a writer to take their item. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private void wakeNextLeader() {
        Submission<T, R> head = waiting.peekFirst();
        if (head != null && writing < maxWriters) {
            head.turn.signal();
        }
    }

    /** A writer that throws, or forgets a submission, must not leave its callers waiting or told nothing. */
    private void writeSettlingAll(List<Submission<T, R>> batch) {
        RuntimeException failure = null;
        try {
            writer.write(List.copyOf(batch));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Submission<T, R> submission : batch) {
            if (!submission.settled()) {
                submission.fail(failure != null ? failure
                        : new IllegalStateException("the batch writer left a submission without a result"));
            }
        }
    }

    /** One caller's item and, once written, its result or failure. Settled under the leader's hand only. */
    static final class Submission<T, R> {

        private final T item;
        private final Condition turn;
        private volatile boolean settled;
        private R result;
        private RuntimeException failure;

        private Submission(T item, Condition turn) {
            this.item = item;
            this.turn = turn;
        }

        T item() {
            return item;
        }

        void complete(R value) {
            result = value;
            settled = true;
        }

        void fail(RuntimeException cause) {
            failure = cause;
            settled = true;
        }

        boolean settled() {
            return settled;
        }

        private R result() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
