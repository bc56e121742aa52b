package dev.liaison.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.platform.testing.TestDatabase;
import dev.liaison.platform.workspace.WorkspaceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs on H2, and on PostgreSQL with {@code -Dliaison.test.jdbc-url} (the {@code postgres} profile). */
class SyncStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration INTERVAL = Duration.ofMinutes(15);

    private TestDatabase database;
    private SyncStore store;

    @BeforeEach
    void migrate() {
        database = TestDatabase.migrated();
        store = new SyncStore(database);
    }

    private String connection(String status) throws Exception {
        String id = "conn-" + System.nanoTime();
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into connection (id, workspace_id, kind, "
                     + "name, settings, status, created_at, version) values (?, 'default', 'bitrix24', 'n', '{}', "
                     + "?, current_timestamp, 0)")) {
            insert.setString(1, id);
            insert.setString(2, status);
            insert.executeUpdate();
        }
        return id;
    }

    private String registered(boolean importNow) throws Exception {
        String id = connection("ACTIVE");
        inDefault(() -> store.register(id, INTERVAL, importNow, T0));
        return id;
    }

    private static void inDefault(Runnable work) {
        WorkspaceContext.run(WorkspaceContext.DEFAULT, work);
    }

    private static <T> T inDefault(Supplier<T> work) {
        return WorkspaceContext.call(WorkspaceContext.DEFAULT, work);
    }

    private static SyncStore.PageCounts contacts(long seen, long changed, long skipped, long failed) {
        return new SyncStore.PageCounts(Map.of(SyncEntity.CONTACTS, new SyncStore.Counts(seen, changed, skipped,
                failed)), null);
    }

    private SyncState state(String id) {
        return inDefault(() -> store.find(id)).orElseThrow();
    }

    private Optional<SyncState> claim(String owner, Instant now) throws Exception {
        Optional<SyncState>[] claimed = new Optional[1];
        database.inTransaction(() -> claimed[0] = store.claimDue(owner, now, now.plus(LEASE)));
        return claimed[0];
    }

    @Test
    void aNewConnectionsInitialImportIsAFullRunDueAtOnce() throws Exception {
        String id = registered(true);

        SyncState claimed = claim("node-a:1", T0).orElseThrow();

        assertThat(claimed.connectionId()).isEqualTo(id);
        assertThat(claimed.phase()).isEqualTo(SyncPhase.RUNNING);
        assertThat(claimed.fullRun()).isTrue();
        assertThat(claimed.inRun()).isTrue();
        assertThat(claimed.runNumber()).isEqualTo(1);
        assertThat(claimed.cursor()).isNull();
        assertThat(claimed.leaseOwner()).isEqualTo("node-a:1");
        assertThat(claimed.leaseExpiresAt()).isEqualTo(T0.plus(LEASE));
        assertThat(claim("node-b:1", T0.plusSeconds(1))).as("leased to node a").isEmpty();
    }

    @Test
    void skippingTheInitialImportLeavesTheSyncPausedUntilStarted() throws Exception {
        String id = registered(false);

        assertThat(state(id).phase()).isEqualTo(SyncPhase.PAUSED);
        assertThat(claim("node-a:1", T0.plus(Duration.ofDays(1)))).isEmpty();

        assertThat(inDefault(() -> store.resume(id, T0.plusSeconds(5)))).isTrue();
        assertThat(claim("node-a:1", T0.plusSeconds(5))).isPresent();
    }

    @Test
    void aKilledNodesLeaseRunsOutAndAnotherNodeResumesTheRunFromTheLastCommittedPage() throws Exception {
        String id = registered(true);
        SyncState first = claim("node-a:1", T0).orElseThrow();
        inDefault(() -> {
            assertThat(store.holdLease(id, "node-a:1", first.runNumber(), T0.plusSeconds(10).plus(LEASE))).isTrue();
            store.advance(id, "node-a:1", "cursor-1", contacts(50, 48, 1, 1), T0.minusSeconds(60));
        });

        assertThat(claim("node-b:1", T0.plus(LEASE))).as("the lease has not run out yet").isEmpty();
        SyncState resumed = claim("node-b:1", T0.plusSeconds(11).plus(LEASE)).orElseThrow();

        assertThat(resumed.runNumber()).as("the same run, resumed").isEqualTo(1);
        assertThat(resumed.cursor()).isEqualTo("cursor-1");
        assertThat(resumed.pages()).isEqualTo(1);
        assertThat(resumed.seen()).isEqualTo(50);
        assertThat(resumed.changed()).isEqualTo(48);
        assertThat(resumed.lastCursorAt()).isEqualTo(T0.minusSeconds(60));
        assertThat(inDefault(() -> store.holdLease(id, "node-a:1", 1, T0.plus(Duration.ofHours(1)))))
                .as("node a, back from the dead, writes nothing").isFalse();
    }

    @Test
    void aFinishedRunRestsForItsIntervalAndTheNextGoesOnFromItsCursor() throws Exception {
        String id = registered(true);
        claim("node-a:1", T0).orElseThrow();
        Instant end = T0.plusSeconds(30);
        inDefault(() -> {
            store.advance(id, "node-a:1", "end-of-pass", contacts(3, 3, 0, 0), null);
            store.finish(id, "node-a:1", INTERVAL, end);
        });

        SyncState idle = state(id);
        assertThat(idle.phase()).isEqualTo(SyncPhase.IDLE);
        assertThat(idle.inRun()).isFalse();
        assertThat(idle.fullRun()).isFalse();
        assertThat(idle.nextRunAt()).isEqualTo(end.plus(INTERVAL));
        assertThat(idle.finishedAt()).isEqualTo(end);
        assertThat(idle.leaseOwner()).isNull();
        assertThat(claim("node-a:2", end.plus(INTERVAL).minusSeconds(1))).isEmpty();

        SyncState next = claim("node-a:2", end.plus(INTERVAL)).orElseThrow();
        assertThat(next.runNumber()).isEqualTo(2);
        assertThat(next.fullRun()).as("incremental").isFalse();
        assertThat(next.cursor()).isEqualTo("end-of-pass");
        assertThat(next.seen()).as("counters of the new run").isZero();
        assertThat(next.pages()).isZero();
    }

    @Test
    void pausingStopsARunningSyncAtItsNextPageAndResumingGoesOnWithTheSameRun() throws Exception {
        String id = registered(true);
        SyncState run = claim("node-a:1", T0).orElseThrow();
        inDefault(() -> store.advance(id, "node-a:1", "cursor-1", contacts(1, 1, 0, 0), null));

        assertThat(inDefault(() -> store.pause(id))).isTrue();

        assertThat(inDefault(() -> store.holdLease(id, "node-a:1", run.runNumber(), T0.plus(LEASE)))).isFalse();
        assertThat(claim("node-b:1", T0.plus(Duration.ofDays(1)))).isEmpty();
        inDefault(() -> store.resume(id, T0.plusSeconds(60)));
        SyncState resumed = claim("node-b:1", T0.plusSeconds(60)).orElseThrow();
        assertThat(resumed.runNumber()).isEqualTo(run.runNumber());
        assertThat(resumed.cursor()).isEqualTo("cursor-1");
    }

    @Test
    void aFullResyncStartsAfreshAndTakesTheLeaseFromTheRunUnderWay() throws Exception {
        String id = registered(true);
        claim("node-a:1", T0).orElseThrow();
        inDefault(() -> store.advance(id, "node-a:1", "cursor-7", contacts(1, 1, 0, 0), null));

        assertThat(inDefault(() -> store.runNow(id, true, T0.plusSeconds(5)))).isTrue();

        assertThat(inDefault(() -> store.holdLease(id, "node-a:1", 1, T0.plus(LEASE)))).isFalse();
        SyncState fresh = claim("node-b:1", T0.plusSeconds(5)).orElseThrow();
        assertThat(fresh.runNumber()).isEqualTo(2);
        assertThat(fresh.cursor()).isNull();
        assertThat(fresh.fullRun()).isTrue();
    }

    @Test
    void anIncrementalRunNowLeavesARunningSyncAlone() throws Exception {
        String id = registered(true);
        claim("node-a:1", T0).orElseThrow();

        assertThat(inDefault(() -> store.runNow(id, false, T0.plusSeconds(5)))).isTrue();

        assertThat(inDefault(() -> store.holdLease(id, "node-a:1", 1, T0.plus(LEASE)))).isTrue();
    }

    @Test
    void aFailedAttemptKeepsTheCursorAndIsRetriedWhenDue() throws Exception {
        String id = registered(true);
        claim("node-a:1", T0).orElseThrow();
        inDefault(() -> store.advance(id, "node-a:1", "cursor-2", contacts(1, 1, 0, 0), null));

        assertThat(inDefault(() -> store.fail(id, "node-a:1", "x".repeat(2000), T0.plusSeconds(60)))).isTrue();

        SyncState failed = state(id);
        assertThat(failed.phase()).isEqualTo(SyncPhase.FAILED);
        assertThat(failed.lastError()).hasSize(SyncStore.ERROR_LIMIT);
        assertThat(claim("node-a:2", T0.plusSeconds(59))).isEmpty();
        SyncState retried = claim("node-a:2", T0.plusSeconds(60)).orElseThrow();
        assertThat(retried.cursor()).isEqualTo("cursor-2");
        assertThat(retried.runNumber()).isEqualTo(1);
    }

    @Test
    void countsAddUpPerEntityAcrossPagesAndAResumedRunKeepsThemWhileANewRunStartsAtZero() throws Exception {
        String id = registered(true);
        claim("node-a:1", T0).orElseThrow();
        inDefault(() -> {
            store.advance(id, "node-a:1", "cursor-1", contacts(50, 48, 1, 1), null);
            store.advance(id, "node-a:1", "cursor-2", new SyncStore.PageCounts(Map.of(
                    SyncEntity.CONTACTS, new SyncStore.Counts(10, 10, 0, 0),
                    SyncEntity.DELETIONS, new SyncStore.Counts(2, 2, 0, 0)), 340L), null);
        });

        SyncState running = state(id);
        assertThat(running.byEntity()).containsExactly(
                Map.entry(SyncEntity.CONTACTS, new SyncStore.Counts(60, 58, 1, 1)),
                Map.entry(SyncEntity.DELETIONS, new SyncStore.Counts(2, 2, 0, 0)));
        assertThat(running.counts()).isEqualTo(new SyncStore.Counts(62, 60, 1, 1));
        assertThat(running.remaining()).isEqualTo(340);

        SyncState resumed = claim("node-b:1", T0.plus(LEASE).plusSeconds(1)).orElseThrow();
        assertThat(resumed.byEntity()).as("the same run, resumed").hasSize(2);
        assertThat(resumed.remaining()).isEqualTo(340);

        inDefault(() -> store.advance(id, "node-b:1", "cursor-3", contacts(1, 1, 0, 0), null));
        assertThat(state(id).remaining()).as("this source said nothing about what is left").isNull();
        inDefault(() -> store.finish(id, "node-b:1", INTERVAL, T0.plusSeconds(600)));
        SyncState next = claim("node-a:2", T0.plusSeconds(600).plus(INTERVAL)).orElseThrow();
        assertThat(next.byEntity()).isEmpty();
        assertThat(state(id).byEntity()).isEmpty();
    }

    @Test
    void anIncrementalRunThatCompletesRecordsTheDriftItFoundAndAFullRunLeavesItAlone() throws Exception {
        String id = registered(true);
        claim("node-a:1", T0).orElseThrow();
        inDefault(() -> {
            store.advance(id, "node-a:1", "end", contacts(500, 500, 0, 0), null);
            store.finish(id, "node-a:1", INTERVAL, T0.plusSeconds(60));
        });
        assertThat(state(id).reconciledAt()).as("the initial import is no reconciliation").isNull();
        assertThat(state(id).driftChanged()).isNull();

        Instant second = T0.plusSeconds(60).plus(INTERVAL);
        claim("node-a:2", second).orElseThrow();
        inDefault(() -> {
            store.advance(id, "node-a:2", "end", new SyncStore.PageCounts(Map.of(
                    SyncEntity.CONTACTS, new SyncStore.Counts(4, 3, 1, 0),
                    SyncEntity.DEALS, new SyncStore.Counts(2, 2, 0, 0),
                    SyncEntity.DELETIONS, new SyncStore.Counts(1, 1, 0, 0)), 0L), null);
            store.finish(id, "node-a:2", INTERVAL, second.plusSeconds(5));
        });
        SyncState reconciled = state(id);
        assertThat(reconciled.reconciledAt()).isEqualTo(second.plusSeconds(5));
        assertThat(reconciled.driftChanged()).isEqualTo(5);
        assertThat(reconciled.driftDeleted()).isEqualTo(1);

        inDefault(() -> store.runNow(id, true, second.plusSeconds(10)));
        claim("node-a:3", second.plusSeconds(10)).orElseThrow();
        inDefault(() -> {
            store.advance(id, "node-a:3", "end", contacts(700, 700, 0, 0), null);
            store.finish(id, "node-a:3", INTERVAL, second.plusSeconds(20));
        });
        assertThat(state(id).reconciledAt()).as("a full run is no reconciliation").isEqualTo(second.plusSeconds(5));
        assertThat(state(id).driftChanged()).isEqualTo(5);
    }

    @Test
    void aDisabledConnectionIsNotSynced() throws Exception {
        String id = connection("DISABLED");
        inDefault(() -> store.register(id, INTERVAL, true, T0));

        assertThat(claim("node-a:1", T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void anotherWorkspaceSeesNoSync() throws Exception {
        String id = registered(true);

        assertThat(WorkspaceContext.call("elsewhere", () -> store.find(id))).isEmpty();
        assertThat(WorkspaceContext.call("elsewhere", () -> store.pause(id))).isFalse();
        assertThat(state(id).phase()).isEqualTo(SyncPhase.IDLE);
    }

    @Test
    void twoNodesClaimingAtOnceNeverGetTheSameConnection() throws Exception {
        String a = registered(true);
        String b = registered(true);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> firstNode = CompletableFuture.supplyAsync(() -> {
            String[] got = new String[1];
            try {
                database.inTransaction(() -> {
                    got[0] = store.claimDue("node-a:1", T0, T0.plus(LEASE)).orElseThrow().connectionId();
                    claimed.countDown();
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return got[0];
        });
        assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

        Optional<SyncState> secondNode = claim("node-b:1", T0);
        release.countDown();

        String first = firstNode.get(10, TimeUnit.SECONDS);
        assertThat(secondNode).as("not blocked by the first node's uncommitted claim").isPresent();
        assertThat(secondNode.get().connectionId()).isNotEqualTo(first);
        assertThat(java.util.List.of(first, secondNode.get().connectionId())).containsExactlyInAnyOrder(a, b);
    }
}
