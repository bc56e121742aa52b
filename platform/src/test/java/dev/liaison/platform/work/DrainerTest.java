package dev.liaison.platform.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrainerTest {

    private static final Duration NEVER_AGAIN = Duration.ofHours(1);

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(8);

    @AfterEach
    void shutDown() {
        scheduler.shutdownNow();
    }

    @Test
    void anIdleQueueIsAskedOncePerIntervalWhateverTheNumberOfWorkers() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        Drainer drainer = new Drainer("test", scheduler, 4, Duration.ofMillis(50), () -> {
            attempts.incrementAndGet();
            return false;
        });

        long started = System.nanoTime();
        drainer.start();
        Thread.sleep(500);
        drainer.stop();
        long intervals = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / 50;

        assertThat(attempts.get()).isBetween(2, (int) intervals + 1);
    }

    @Test
    void thePollThatFindsWorkCallsInTheOtherWorkers() throws InterruptedException {
        CountDownLatch allThree = new CountDownLatch(3);
        AtomicInteger handled = new AtomicInteger();
        Drainer drainer = new Drainer("test", scheduler, 3, NEVER_AGAIN, () -> {
            int row = handled.incrementAndGet();
            if (row > 1) {
                allThree.countDown();
                await(allThree);
            }
            return row < 30;
        });

        drainer.start();

        assertThat(allThree.await(5, TimeUnit.SECONDS)).as("three workers at once").isTrue();
        drainer.stop();
    }

    @Test
    void aNudgeWakesAWorkerAtOnceAndNoMoreWorkersRunThanAllowed() throws InterruptedException {
        AtomicInteger due = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Drainer drainer = new Drainer("test", scheduler, 2, NEVER_AGAIN, () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2);
                return due.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                running.decrementAndGet();
            }
        });
        drainer.start();
        Thread.sleep(100);

        due.set(200);
        for (int i = 0; i < 20; i++) {
            drainer.nudge();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (due.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(due.get()).as("rows left undrained").isZero();
        assertThat(mostAtOnce.get()).isEqualTo(2);
        drainer.stop();
    }

    @Test
    void aStoppedDrainerAsksNoMore() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        Drainer drainer = new Drainer("test", scheduler, 2, Duration.ofMillis(10), () -> {
            attempts.incrementAndGet();
            return false;
        });
        drainer.start();
        Thread.sleep(50);

        drainer.stop();
        Thread.sleep(20);
        int afterStop = attempts.get();
        drainer.nudge();
        Thread.sleep(100);

        assertThat(attempts.get()).isEqualTo(afterStop);
    }

    @Test
    void anIdleDrainerKeepsBeatingAndAHangingOneStops() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Drainer idle = new Drainer("idle", scheduler, 1, Duration.ofMillis(20), () -> false);
        Drainer hanging = new Drainer("hanging", scheduler, 1, Duration.ofMillis(20), () -> {
            await(release);
            return false;
        });
        idle.start();
        hanging.start();
        Thread.sleep(400);

        assertThat(Drainer.heartbeats()).filteredOn(beat -> beat.name().equals("idle")).singleElement()
                .satisfies(beat -> assertThat(beat.sinceProgress()).isLessThan(Duration.ofMillis(200)));
        assertThat(Drainer.heartbeats()).filteredOn(beat -> beat.name().equals("hanging")).singleElement()
                .satisfies(beat -> assertThat(beat.sinceProgress()).isGreaterThan(Duration.ofMillis(300)));

        release.countDown();
        idle.stop();
        hanging.stop();
        assertThat(Drainer.heartbeats()).extracting(Drainer.Heartbeat::name).doesNotContain("idle", "hanging");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aNudgeIfIdleWakesAnIdleQueueAtOnce() throws InterruptedException {
        CountDownLatch looked = new CountDownLatch(2);
        Drainer drainer = new Drainer("test", scheduler, 2, NEVER_AGAIN, () -> {
            looked.countDown();
            return false;
        });
        drainer.start();

        drainer.nudgeIfIdle();

        assertThat(looked.await(5, TimeUnit.SECONDS)).as("the start's poll and the nudge's look").isTrue();
        drainer.stop();
    }

    @Test
    void aNudgeIfIdleWhileAWorkerIsBusyWakesNoOtherButTheBusyOneLooksAgain() throws InterruptedException {
        CountDownLatch inFirstLook = new CountDownLatch(1);
        CountDownLatch nudged = new CountDownLatch(1);
        CountDownLatch secondLook = new CountDownLatch(1);
        AtomicInteger looks = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Drainer drainer = new Drainer("test", scheduler, 4, NEVER_AGAIN, () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (looks.incrementAndGet() == 1) {
                    inFirstLook.countDown();
                    await(nudged);
                } else {
                    secondLook.countDown();
                }
                return false;
            } finally {
                running.decrementAndGet();
            }
        });
        drainer.start();
        assertThat(inFirstLook.await(5, TimeUnit.SECONDS)).isTrue();

        drainer.nudgeIfIdle();
        drainer.nudgeIfIdle();
        nudged.countDown();

        assertThat(secondLook.await(5, TimeUnit.SECONDS)).as("the busy worker looked again").isTrue();
        Thread.sleep(100);
        drainer.stop();
        assertThat(mostAtOnce.get()).as("workers at once").isEqualTo(1);
        assertThat(looks.get()).as("one look for the two nudges").isEqualTo(2);
    }
}
