package dev.liaison.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.platform.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboxStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private TestDatabase database;
    private InboxStore inbox;
    private String connectionId;

    @BeforeEach
    void migrate() throws Exception {
        database = TestDatabase.migrated();
        inbox = new InboxStore(database);
        connectionId = "conn-" + System.nanoTime();
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into connection (id, workspace_id, kind, "
                     + "name, settings, status, created_at, version) values (?, 'default', 'webhook', 'n', '{}', "
                     + "'ACTIVE', current_timestamp, 0)")) {
            insert.setString(1, connectionId);
            insert.executeUpdate();
        }
    }

    private Optional<InboxEntry> claimOne(Instant now) {
        return inbox.claimBatch(now, 1).stream().findFirst();
    }

    private String newConnection() throws Exception {
        String id = "conn-" + System.nanoTime();
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into connection (id, workspace_id, kind, "
                     + "name, settings, status, created_at, version) values (?, 'default', 'webhook', 'n', '{}', "
                     + "'ACTIVE', current_timestamp, 0)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
        return id;
    }

    private static WebhookRequest delivery(String body, Instant receivedAt) {
        return new WebhookRequest("application/json", Map.of("X-Signature", List.of("abc", "def")), "a=1",
                body.getBytes(StandardCharsets.UTF_8), receivedAt);
    }

    @Test
    void storesADeliveryOnceAndRecognisesItsRedelivery() {
        assertThat(inbox.accept("default", connectionId, "evt-1", delivery("{}", T0), "req-1"))
                .isEqualTo(InboxStore.Acceptance.STORED);
        assertThat(inbox.accept("default", connectionId, "evt-1", delivery("{}", T0.plusSeconds(1)), "req-1"))
                .isEqualTo(InboxStore.Acceptance.DUPLICATE);

        assertThat(inbox.countByStatus(connectionId)).containsEntry(InboxStatus.PENDING, 1L);
    }

    @Test
    void keepsTheDeliveryExactlyAsItArrived() {
        inbox.accept("default", connectionId, "evt-1", delivery("{\"name\":\"Анна\"}", T0), "req-1");

        InboxEntry entry = claimOne(T0).orElseThrow();
        WebhookRequest replayed = entry.toRequest();
        assertThat(replayed.bodyText()).isEqualTo("{\"name\":\"Анна\"}");
        assertThat(replayed.header("x-signature")).contains("abc");
        assertThat(replayed.headers().get("X-Signature")).containsExactly("abc", "def");
        assertThat(replayed.query()).isEqualTo("a=1");
        assertThat(replayed.receivedAt()).isEqualTo(T0);
    }

    @Test
    void keepsTheFirstDeliverysRequestIdForTheEntry() {
        inbox.accept("default", connectionId, "evt-1", delivery("{}", T0), "req-first");
        inbox.accept("default", connectionId, "evt-1", delivery("{}", T0.plusSeconds(1)), "req-second");

        assertThat(inbox.list(connectionId, Optional.empty(), 10)).singleElement()
                .extracting(InboxEntry::requestId).isEqualTo("req-first");
    }

    @Test
    void claimsTheOldestDueEntryAndNothingThatIsNotDueYet() {
        inbox.accept("default", connectionId, "later", delivery("{}", T0.plusSeconds(60)), "req-1");
        inbox.accept("default", connectionId, "first", delivery("{}", T0), "req-1");

        assertThat(claimOne(T0.plusSeconds(1))).get().extracting(InboxEntry::dedupKey).isEqualTo("first");
        long first = claimOne(T0).orElseThrow().id();
        inbox.markDone(List.of(first), T0);
        assertThat(claimOne(T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void aFailedAttemptIsDueAgainOnlyAtItsRetryTime() {
        inbox.accept("default", connectionId, "evt", delivery("{}", T0), "req-1");
        long id = claimOne(T0).orElseThrow().id();

        inbox.recordFailure(id, 0, "remote timeout", Optional.of(T0.plus(Duration.ofSeconds(30))), T0);

        assertThat(claimOne(T0.plusSeconds(29))).isEmpty();
        InboxEntry due = claimOne(T0.plusSeconds(30)).orElseThrow();
        assertThat(due.attempts()).isEqualTo(1);
        assertThat(due.lastError()).isEqualTo("remote timeout");
    }

    @Test
    void aFinalFailureIsDeadUntilReplayed() {
        inbox.accept("default", connectionId, "evt", delivery("{}", T0), "req-1");
        long id = claimOne(T0).orElseThrow().id();

        inbox.recordFailure(id, 0, "malformed payload: 'id' is required", Optional.empty(), T0);

        assertThat(claimOne(T0.plusSeconds(3600))).isEmpty();
        assertThat(inbox.list(connectionId, Optional.of(InboxStatus.DEAD), 10)).singleElement()
                .satisfies(dead -> assertThat(dead.lastError()).contains("'id' is required"));
        assertThat(inbox.replay("another-connection", id, T0)).isFalse();
        assertThat(inbox.replay(connectionId, id, T0.plusSeconds(5))).isTrue();
        assertThat(inbox.replay(connectionId, id, T0.plusSeconds(5))).isFalse();
        assertThat(claimOne(T0.plusSeconds(5))).get().extracting(InboxEntry::attempts).isEqualTo(0);
    }

    @Test
    void aDiscardedDeadEntryIsGoneAndItsEventMayArriveAgain() {
        inbox.accept("default", connectionId, "evt", delivery("{}", T0), "req-1");
        long id = claimOne(T0).orElseThrow().id();
        assertThat(inbox.discard(connectionId, id)).isFalse();

        inbox.recordFailure(id, 0, "malformed payload", Optional.empty(), T0);

        assertThat(inbox.discard("another-connection", id)).isFalse();
        assertThat(inbox.discard(connectionId, id)).isTrue();
        assertThat(inbox.discard(connectionId, id)).isFalse();
        assertThat(inbox.list(connectionId, Optional.empty(), 10)).isEmpty();
        assertThat(inbox.accept("default", connectionId, "evt", delivery("{}", T0), "req-2"))
                .isEqualTo(InboxStore.Acceptance.STORED);
    }

    @Test
    void aSecondVerdictOnTheSameAttemptIsNotCounted() {
        inbox.accept("default", connectionId, "evt", delivery("{}", T0), "req-1");
        long id = claimOne(T0).orElseThrow().id();

        boolean first = inbox.recordFailure(id, 0, "unprocessable: purpose", Optional.empty(), T0);
        boolean second = inbox.recordFailure(id, 0, "unprocessable: purpose", Optional.empty(), T0);
        boolean retryOfTheDead = inbox.recordFailure(id, 1, "timeout", Optional.of(T0.plusSeconds(5)), T0);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(retryOfTheDead).isFalse();
        assertThat(inbox.list(connectionId, Optional.of(InboxStatus.DEAD), 10)).singleElement()
                .satisfies(dead -> assertThat(dead.attempts()).isEqualTo(1));
    }

    @Test
    void longErrorsAreCutToTheColumn() {
        inbox.accept("default", connectionId, "evt", delivery("{}", T0), "req-1");
        long id = claimOne(T0).orElseThrow().id();

        inbox.recordFailure(id, 0, "x".repeat(5000), Optional.empty(), T0);

        assertThat(inbox.list(connectionId, Optional.empty(), 1).get(0).lastError()).hasSize(2000);
    }

    @Test
    void aBatchHoldsTheDueEntriesOfOneConnectionOldestFirstUpToItsLimit() throws Exception {
        String other = newConnection();
        inbox.accept("default", other, "b1", delivery("{}", T0.minusSeconds(5)), "req-b");
        inbox.accept("default", connectionId, "a2", delivery("{}", T0.plusMillis(2)), "req-1");
        inbox.accept("default", connectionId, "a1", delivery("{}", T0.plusMillis(1)), "req-1");
        inbox.accept("default", connectionId, "a3", delivery("{}", T0.plusMillis(3)), "req-1");
        inbox.accept("default", connectionId, "later", delivery("{}", T0.plusSeconds(60)), "req-1");

        assertThat(inbox.claimBatch(T0.plusSeconds(1), 10)).extracting(InboxEntry::dedupKey).containsExactly("b1");
        inbox.markDone(List.of(claimOne(T0).orElseThrow().id()), T0);

        assertThat(inbox.claimBatch(T0.plusSeconds(1), 2)).extracting(InboxEntry::dedupKey)
                .containsExactly("a1", "a2");
        assertThat(inbox.claimBatch(T0.plusSeconds(1), 10)).extracting(InboxEntry::dedupKey)
                .containsExactly("a1", "a2", "a3");
    }

    @Test
    void aLaneBeingFetchedIsPassedOverAndLaterClaimedForTheFetchedEntriesOnly() throws Exception {
        String other = newConnection();
        inbox.accept("default", connectionId, "a1", delivery("{}", T0), "req-1");
        inbox.accept("default", connectionId, "a2", delivery("{}", T0.plusMillis(1)), "req-1");
        inbox.accept("default", other, "b1", delivery("{}", T0.plusMillis(2)), "req-2");
        List<InboxEntry> fetched = inbox.claimBatch(T0.plusSeconds(1), 10);
        inbox.accept("default", connectionId, "a3", delivery("{}", T0.plusMillis(3)), "req-1");

        assertThat(inbox.claimBatch(T0.plusSeconds(1), 10, Set.of(connectionId))).extracting(InboxEntry::dedupKey)
                .containsExactly("b1");
        assertThat(inbox.claimLane(connectionId, fetched.stream().map(InboxEntry::id).toList(), T0.plusSeconds(1)))
                .as("not a3: it arrived after the fetch").extracting(InboxEntry::dedupKey).containsExactly("a1", "a2");
        inbox.markDone(List.of(fetched.get(0).id()), T0);
        assertThat(inbox.claimLane(connectionId, fetched.stream().map(InboxEntry::id).toList(), T0.plusSeconds(1)))
                .as("a1 is done").extracting(InboxEntry::dedupKey).containsExactly("a2");
        assertThat(inbox.claimLane(connectionId, List.of(), T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void aLaneHeldByAnotherWorkerCannotBeClaimedForItsFetchedEntries() throws Exception {
        inbox.accept("default", connectionId, "a1", delivery("{}", T0), "req-1");
        List<Long> fetched = inbox.claimBatch(T0.plusSeconds(1), 10).stream().map(InboxEntry::id).toList();
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try {
                database.inTransaction(() -> {
                    assertThat(inbox.claimBatch(T0.plusSeconds(1), 10)).hasSize(1);
                    claimed.countDown();
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

        List<InboxEntry> whileHeld = new ArrayList<>();
        database.inTransaction(() -> whileHeld.addAll(inbox.claimLane(connectionId, fetched, T0.plusSeconds(1))));
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);

        assertThat(whileHeld).isEmpty();
    }

    @Test
    void aConnectionsEntriesGoToOneWorkerAtATimeWhileOtherConnectionsAreServed() throws Exception {
        String other = newConnection();
        inbox.accept("default", connectionId, "a1", delivery("{}", T0), "req-1");
        inbox.accept("default", connectionId, "a2", delivery("{}", T0.plusMillis(1)), "req-1");
        inbox.accept("default", other, "b1", delivery("{}", T0.plusMillis(2)), "req-2");
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<List<String>> firstWorker = CompletableFuture.supplyAsync(() -> {
            List<String> keys = new ArrayList<>();
            try {
                database.inTransaction(() -> {
                    inbox.claimBatch(T0.plusSeconds(1), 1).forEach(entry -> keys.add(entry.dedupKey()));
                    claimed.countDown();
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return keys;
        });
        assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

        List<String> secondWorker = new ArrayList<>();
        database.inTransaction(() -> inbox.claimBatch(T0.plusSeconds(1), 10)
                .forEach(entry -> secondWorker.add(entry.dedupKey())));
        Optional<InboxEntry> heldByTheFirst = inbox.claimBatch(T0.plusSeconds(1), 10).stream()
                .filter(entry -> entry.dedupKey().equals("a1")).findFirst();
        release.countDown();

        assertThat(firstWorker.get(10, TimeUnit.SECONDS)).containsExactly("a1");
        assertThat(secondWorker).as("not a2: its connection is held").containsExactly("b1");
        assertThat(heldByTheFirst).isEmpty();
    }

    @Test
    void anEntryIsClaimedAloneOnlyWhileItIsDueAndFree() throws Exception {
        inbox.accept("default", connectionId, "a1", delivery("{}", T0), "req-1");
        long id = claimOne(T0).orElseThrow().id();
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try {
                database.inTransaction(() -> {
                    assertThat(inbox.claimEntry(id, T0)).isPresent();
                    claimed.countDown();
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

        database.inTransaction(() -> assertThat(inbox.claimEntry(id, T0)).as("held by another worker").isEmpty());
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        inbox.markDone(List.of(id), T0);

        assertThat(inbox.claimEntry(id, T0)).as("done").isEmpty();
    }

    @Test
    void concurrentDeliveriesAndRedeliveriesAreEachStoredExactlyOnce() throws Exception {
        int senders = 16;
        int events = 200;
        ExecutorService threads = Executors.newFixedThreadPool(senders);
        List<Future<InboxStore.Acceptance>> answers = new ArrayList<>();
        try {
            for (int copy = 0; copy < 2; copy++) {
                for (int event = 0; event < events; event++) {
                    String key = "evt-" + event;
                    answers.add(threads.submit(() -> inbox.accept("default", connectionId, key, delivery("{}", T0), "req-1")));
                }
            }
            List<InboxStore.Acceptance> acceptances = new ArrayList<>();
            for (Future<InboxStore.Acceptance> answer : answers) {
                acceptances.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(acceptances).filteredOn(InboxStore.Acceptance.STORED::equals).hasSize(events);
            assertThat(acceptances).filteredOn(InboxStore.Acceptance.DUPLICATE::equals).hasSize(events);
        } finally {
            threads.shutdownNow();
        }
        assertThat(inbox.countByStatus(connectionId)).containsEntry(InboxStatus.PENDING, (long) events);
    }

    @Test
    void aDeliveryTheTableRefusesFailsAloneWhileTheOthersOfItsCommitAreStored() throws Exception {
        int senders = 16;
        ExecutorService threads = Executors.newFixedThreadPool(senders);
        List<Future<InboxStore.Acceptance>> good = new ArrayList<>();
        Future<InboxStore.Acceptance> refused;
        try {
            for (int i = 0; i < senders; i++) {
                String key = "ok-" + i;
                good.add(threads.submit(() -> inbox.accept("default", connectionId, key, delivery("{}", T0), "req-1")));
            }
            refused = threads.submit(() -> inbox.accept("default", connectionId, "k".repeat(300), delivery("{}", T0), "req-1"));
            for (int i = senders; i < 2 * senders; i++) {
                String key = "ok-" + i;
                good.add(threads.submit(() -> inbox.accept("default", connectionId, key, delivery("{}", T0), "req-1")));
            }
            for (Future<InboxStore.Acceptance> answer : good) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(InboxStore.Acceptance.STORED);
            }
            assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(InboxException.class);
        } finally {
            threads.shutdownNow();
        }
        assertThat(inbox.countByStatus(connectionId)).containsEntry(InboxStatus.PENDING, 2L * senders);
    }
}
