package dev.liaison.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void aLoneCallerIsWrittenAtOnceInABatchOfItsOwn() {
        List<List<Integer>> batches = new ArrayList<>();
        GroupCommit<Integer, String> commits = new GroupCommit<>(8, 1, batch -> {
            batches.add(batch.stream().map(GroupCommit.Submission::item).toList());
            batch.forEach(submission -> submission.complete("stored " + submission.item()));
        });

        assertThat(commits.submit(1)).isEqualTo("stored 1");
        assertThat(commits.submit(2)).isEqualTo("stored 2");
        assertThat(batches).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void callersQueuedWhileABatchIsWrittenShareTheNextOneAndEachGetsItsOwnResult() throws Exception {
        int callers = 32;
        CountDownLatch firstBatchWriting = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(64, 1, batch -> {
            batchSizes.add(batch.size());
            if (batchSizes.size() == 1) {
                firstBatchWriting.countDown();
                await(othersQueued);
            }
            batch.forEach(submission -> submission.complete(submission.item() * 10));
        });
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            Future<Integer> first = threads.submit(() -> commits.submit(0));
            assertThat(firstBatchWriting.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 1; i < callers; i++) {
                int item = i;
                others.add(threads.submit(() -> commits.submit(item)));
            }
            awaitWaiting(commits, callers - 1);
            othersQueued.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
            for (int i = 1; i < callers; i++) {
                assertThat(others.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo(i * 10);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(batchSizes).containsExactly(1, callers - 1);
    }

    @Test
    void upToMaxWritersBatchesAreWrittenAtTheSameTimeAndNeverMore() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CountDownLatch twoInFlight = new CountDownLatch(2);
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(1, 2, batch -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            twoInFlight.countDown();
            await(twoInFlight);
            inFlight.decrementAndGet();
            batch.forEach(submission -> submission.complete(submission.item()));
        });
        submitEachGetsItsOwnItemBack(commits, 40, 8);

        assertThat(mostInFlight.get()).isEqualTo(2);
    }

    @Test
    void noBatchExceedsTheLimit() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(4, 2, batch -> {
            batchSizes.add(batch.size());
            batch.forEach(submission -> submission.complete(submission.item()));
        });
        submitEachGetsItsOwnItemBack(commits, 2_000, 16);

        assertThat(batchSizes).allMatch(size -> size >= 1 && size <= 4);
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_000);
    }

    @Test
    void aWriterThatThrowsFailsItsBatchAndTheNextCallerIsWrittenNormally() {
        List<Integer> written = new ArrayList<>();
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(8, 1, batch -> {
            if (batch.get(0).item() < 0) {
                throw new IllegalStateException("database down");
            }
            batch.forEach(submission -> {
                written.add(submission.item());
                submission.complete(submission.item());
            });
        });

        assertThatThrownBy(() -> commits.submit(-1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("database down");
        assertThat(commits.submit(7)).isEqualTo(7);
        assertThat(written).containsExactly(7);
    }

    @Test
    void aSubmissionTheWriterLeftUnsettledFailsInsteadOfWaitingForever() {
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(8, 1, batch -> {
        });

        assertThatThrownBy(() -> commits.submit(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without a result");
    }

    @Test
    void aBatchLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new GroupCommit<Integer, Integer>(0, 1, batch -> {
        })).isInstanceOf(IllegalArgumentException.class);
    }

    /** Submits 0 to {@code items - 1} from {@code threadCount} threads; each caller must get its own item back. */
    private static void submitEachGetsItsOwnItemBack(GroupCommit<Integer, Integer> commits, int items,
                                                     int threadCount) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(threadCount);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                int item = i;
                results.add(threads.submit(() -> commits.submit(item)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Threads reach the queue at their own pace; the first batch must not end before all of them are in it. */
    private static void awaitWaiting(GroupCommit<Integer, Integer> commits, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commits.waiting() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(commits.waiting()).isEqualTo(expected);
    }
}
