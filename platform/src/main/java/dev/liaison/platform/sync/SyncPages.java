package dev.liaison.platform.sync;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.inbox.InboxStore;
import dev.liaison.platform.journal.JournalStore;
import dev.liaison.platform.processing.InboundHandover;
import dev.liaison.platform.trace.Correlation;
import dev.liaison.platform.trace.RequestIds;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The database side of a sync run, each step a short transaction of its own; the {@link SyncRunner} pulls between
 * them with no transaction and no database connection held, however long the connected system makes it wait.
 *
 * <p>A page is handed on in one transaction: the lease is checked and renewed first (so a run that was paused or
 * taken over writes nothing), then a done inbox entry stands for the page (the events' identity for idempotent
 * actions and the journal's key), the events go through the pipeline ({@link InboundHandover}), the journal records
 * them, and the cursor and counters move on. A crash before the commit leaves the cursor where it was and the page is
 * pulled again; after it, the page is never handed on twice.
 */
@ApplicationScoped
public class SyncPages {

    /** Events handed on per transaction; see {@link #parts}. */
    static final int EVENTS_PER_TRANSACTION = 50;

    private final SyncStore store;
    private final InboxStore inbox;
    private final InboundHandover handover;
    private final JournalStore journal;
    private final Clock clock;

    @Inject
    public SyncPages(SyncStore store, InboxStore inbox, InboundHandover handover, JournalStore journal, Clock clock) {
        this.store = store;
        this.inbox = inbox;
        this.handover = handover;
        this.journal = journal;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected SyncPages() {
        this(null, null, null, null, null);
    }

    /** A run under way: its row as claimed, and the token of this claim. */
    public record Run(SyncState claimed, String owner) {

        String connectionId() {
            return claimed.connectionId();
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Run> claim(String owner, Duration lease) {
        Instant now = clock.instant();
        return store.claimDue(owner, now, now.plus(lease)).map(claimed -> new Run(claimed, owner));
    }

    /**
     * How many transactions hand a page on: one per {@value #EVENTS_PER_TRANSACTION} events, at least one. Each event
     * has a savepoint, and PostgreSQL keeps only the first 64 subtransactions of a transaction in shared memory;
     * beyond them every session's snapshots look them up on disk, which slowed a 2,500-record Bitrix24 page down
     * until its transaction timed out.
     */
    public static int parts(RecordSource.Page page) {
        return Math.max(1, (page.events().size() + EVENTS_PER_TRANSACTION - 1) / EVENTS_PER_TRANSACTION);
    }

    /**
     * Hands on one part of a pulled page ({@link #parts}); the page's last part moves the cursor past it. A part
     * committed before a crash is found by its inbox entry when the page is pulled again, and skipped.
     *
     * @param pulledFrom the cursor the page was pulled with, null for the beginning
     * @param part       which part, from 0
     * @param pageNumber the page's number in its run, from 1, for the inbox entry's description
     * @param interval   how long the sync rests when this page ends the run
     * @return what the part did, or empty when the run is not this claim's any more and nothing was written
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<SyncStore.PageCounts> commit(Run run, ConnectionContext connection, String pulledFrom,
                                                 RecordSource.Page page, int part, long pageNumber, Duration lease,
                                                 Duration interval) {
        if (page.nextCursor() != null && page.nextCursor().length() > SyncStore.CURSOR_LIMIT) {
            throw new IllegalStateException("the connector's cursor is longer than " + SyncStore.CURSOR_LIMIT
                    + " characters");
        }
        boolean endOfPage = part == parts(page) - 1;
        List<CanonicalEvent> events = page.events().subList(Math.min(page.events().size(),
                part * EVENTS_PER_TRANSACTION), Math.min(page.events().size(), (part + 1) * EVENTS_PER_TRANSACTION));
        return WorkspaceContext.call(run.claimed().workspaceId(), () -> {
            Instant now = clock.instant();
            if (!store.holdLease(run.connectionId(), run.owner(), run.claimed().runNumber(), now.plus(lease))) {
                return Optional.empty();
            }
            String key = dedupKey(run, pulledFrom) + (part == 0 ? "" : ":" + part);
            if (!endOfPage && inbox.holds(run.connectionId(), key)) {
                return Optional.of(new SyncStore.PageCounts(Map.of(), page.remaining()));
            }
            InboxEntry entry = inbox.recordPulledPage(run.claimed().workspaceId(), run.connectionId(), key,
                    description(run, pageNumber, part, events.size()), RequestIds.generate(), now);
            InboundHandover.Outcome outcome = Correlation.call(entry.requestId(),
                    () -> handover.handOnEach(entry, connection, events));
            journal.recordAll(outcome.handedOn(), now);
            SyncStore.PageCounts counts = counts(events, outcome, page.remaining());
            if (endOfPage) {
                store.advance(run.connectionId(), run.owner(), page.nextCursor(), counts, newest(events));
            } else {
                store.countPart(run.connectionId(), run.owner(), counts, newest(events));
            }
            if (endOfPage && !page.hasMore()) {
                store.finish(run.connectionId(), run.owner(), interval, now);
            }
            return Optional.of(counts);
        });
    }

    /** The attempt failed; the run is tried again at {@code retryAt}. {@code error} holds no personal data. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(Run run, String error, Instant retryAt) {
        WorkspaceContext.run(run.claimed().workspaceId(),
                () -> store.fail(run.connectionId(), run.owner(), error, retryAt));
    }

    /** This node stops: the run goes back unfinished, due now for any node. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(Run run) {
        WorkspaceContext.run(run.claimed().workspaceId(),
                () -> store.release(run.connectionId(), run.owner(), clock.instant()));
    }

    /** What became of each event of the page, counted by the entity its type names. */
    static SyncStore.PageCounts counts(List<CanonicalEvent> events, InboundHandover.Outcome outcome, Long remaining) {
        Map<SyncEntity, SyncStore.Counts> byEntity = new EnumMap<>(SyncEntity.class);
        Set<Integer> skipped = Set.copyOf(outcome.skippedAt());
        Set<Integer> failed = Set.copyOf(outcome.failedAt());
        for (int seq = 0; seq < events.size(); seq++) {
            SyncStore.Counts one = skipped.contains(seq) ? new SyncStore.Counts(1, 0, 1, 0)
                    : failed.contains(seq) ? new SyncStore.Counts(1, 0, 0, 1) : new SyncStore.Counts(1, 1, 0, 0);
            byEntity.merge(SyncEntity.of(events.get(seq)), one, SyncStore.Counts::plus);
        }
        return new SyncStore.PageCounts(byEntity, remaining);
    }

    /**
     * One key per page of a run: the run number tells a full resync's first page from the initial import's (both
     * start from the null cursor), and the cursor's hash keeps the key short and free of whatever the cursor holds.
     */
    static String dedupKey(Run run, String pulledFrom) {
        return "sync:" + run.connectionId() + ":" + run.claimed().runNumber() + ":" + sha256(
                Objects.requireNonNullElse(pulledFrom, ""));
    }

    /** The inbox entry's body: what the page was, never its records. */
    private static byte[] description(Run run, long pageNumber, int part, int records) {
        return ("{\"sync\":{\"run\":" + run.claimed().runNumber() + ",\"page\":" + pageNumber + ",\"part\":" + part
                + ",\"records\":" + records + ",\"full\":" + run.claimed().fullRun() + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Instant newest(List<CanonicalEvent> events) {
        return events.stream().map(CanonicalEvent::occurredAt).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
