package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PacedSenderTest {

    @Test
    void sendsEveryRequestOnScheduleWithoutWaitingForAnswers() throws Exception {
        CompletableFuture<Void> neverBefore = new CompletableFuture<>();
        OpenLoopSchedule schedule = new OpenLoopSchedule(200, 20);

        // The first answer comes only once the last request has been prepared: a closed loop would never get there.
        PacedSender.Result result = new PacedSender().run(schedule, index -> {
            if (index == schedule.count() - 1) {
                neverBefore.complete(null);
            }
            return index == 0 ? () -> neverBefore : () -> CompletableFuture.completedFuture(null);
        });

        assertThat(result.sent()).extracting(PacedSender.Sent::index).containsExactlyElementsOf(
                IntStream.range(0, 20).boxed().toList());
        assertThat(result.errorCount()).isZero();
        assertThat(result.acknowledged().count()).isEqualTo(20);
        assertThat(result.achievedPerSecond()).isCloseTo(200, withinPercentage(25));
        long gap = result.sent().get(19).sentAtNanos() - result.sent().get(0).sentAtNanos();
        // No send leaves before it is due, and none later than the worst lag the sender reports.
        assertThat(gap).isBetween(schedule.dueNanos(19) - result.maxLag().toNanos(),
                schedule.dueNanos(19) + result.maxLag().toNanos());
    }

    @Test
    void failedRequestsAreCountedByKindAndNotAsSent() throws Exception {
        PacedSender.Result result = new PacedSender().run(new OpenLoopSchedule(1_000, 4), index ->
                () -> index % 2 == 0
                        ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.failedFuture(new RequestFailed("HTTP 401")));

        assertThat(result.sent()).extracting(PacedSender.Sent::index).containsExactly(0, 2);
        assertThat(result.errors()).containsEntry("HTTP 401", 2L);
        assertThat(result.errorCount()).isEqualTo(2);
    }

    @Test
    void aFailureIsNamedByItsKindNotItsMessage() {
        assertThat(PacedSender.kind(new CompletionException(
                new IOException("connection to somebody@example.com reset")))).isEqualTo("IOException");
        assertThat(PacedSender.kind(new RequestFailed("HTTP 503"))).isEqualTo("HTTP 503");
    }
}
