package dev.liaison.platform.sync;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.platform.failure.Failures;
import dev.liaison.platform.metrics.PipelineMetrics;
import dev.liaison.platform.outbox.OutboxExecutor;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.platform.work.Drainer;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Runs due syncs: a worker claims a connection whose sync is due ({@link SyncStore#claimDue}), then pulls its records
 * page by page from the connector's {@link RecordSource} and hands each page on in a transaction of its own
 * ({@link SyncPages#commit}), until the end of the stream, a failure, or the run stops being this claim's (paused,
 * restarted as a full run, or taken over after the lease ran out). The pull itself runs outside any transaction:
 * remote calls and the connector's rate-limit waits never hold a database connection.
 *
 * <p>A long run logs its progress every {@link SyncSettings#progressInterval()}: counts and rates, never records.
 */
@ApplicationScoped
public class SyncRunner {

    private static final Logger LOG = Logger.getLogger(SyncRunner.class.getName());

    private final SyncPages pages;
    private final ConnectionDirectory directory;
    private final ConnectorRegistry connectors;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final SyncSettings settings;
    private final Drainer drainer;
    private volatile boolean running;

    @Inject
    public SyncRunner(SyncPages pages, ConnectionDirectory directory, ConnectorRegistry connectors,
                      PipelineMetrics metrics, Clock clock, Config config, ManagedScheduledExecutorService scheduler) {
        this.pages = pages;
        this.directory = directory;
        this.connectors = connectors;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = config == null ? null : SyncSettings.read(config);
        this.drainer = settings == null ? null
                : new Drainer("sync", scheduler, settings.workers(), settings.pollInterval(), this::attemptOne);
    }

    /** For the CDI client proxy only. */
    protected SyncRunner() {
        this(null, null, null, null, null, null, null);
    }

    public void start() {
        if (!settings.enabled()) {
            LOG.warning("Pull sync is disabled on this node (liaison.sync.enabled=false)");
            return;
        }
        running = true;
        drainer.start();
    }

    /** Stops the workers; a run under way stops after its current page and is given back to be resumed. */
    public void stop() {
        running = false;
        drainer.stop();
    }

    /** A sync was just made due (a new connection, run now, resume): wake a worker rather than wait for the poll. */
    public void nudge() {
        drainer.nudge();
    }

    boolean attemptOne() {
        Optional<SyncPages.Run> claimed = pages.claim(OutboxExecutor.nodeName() + ":" + UUID.randomUUID(),
                settings.lease());
        claimed.ifPresent(this::run);
        return claimed.isPresent();
    }

    private void run(SyncPages.Run run) {
        String id = run.connectionId();
        Optional<ConnectionContext> connection = directory.current(id);
        Optional<RecordSource> source = connection.flatMap(known -> connectors.find(known.kind(), RecordSource.class));
        if (source.isEmpty()) {
            fail(run, "the connection is disabled or its connector pulls no records", null,
                    SettingsSpec.DEFAULT_SYNC_INTERVAL);
            return;
        }
        Duration interval = interval(connection.get());
        Progress progress = new Progress(run, clock.instant());
        LOG.info(() -> "Sync of connection " + id + " " + (run.claimed().pages() == 0 ? "started" : "resumed at page "
                + (run.claimed().pages() + 1)) + " (run " + run.claimed().runNumber() + ", "
                + (run.claimed().fullRun() ? "full" : "incremental") + ")");
        String cursor = run.claimed().cursor();
        long pageNumber = run.claimed().pages();
        while (running) {
            if (pageNumber > run.claimed().pages()) {
                // Read again before every further page: a token or URL PATCHed on any node is used from here on.
                connection = directory.current(id);
                if (connection.isEmpty()) {
                    fail(run, "the connection was disabled during the run", null, interval);
                    return;
                }
            }
            RecordSource.Page page;
            try {
                page = source.get().pull(connection.get(), cursor);
            } catch (RemoteSystemException e) {
                fail(run, "remote system: " + e.getMessage(), e.retryable() ? e.retryAfter().orElse(null) : null,
                        e.retryable() ? settings.retryDelay() : interval);
                return;
            } catch (MalformedPayloadException e) {
                fail(run, "malformed page: " + e.getMessage(), null, interval);
                return;
            } catch (RuntimeException e) {
                fail(run, "pull failed: " + Failures.withoutValues(e), null, settings.retryDelay());
                return;
            }
            if (page.hasMore() && (page.nextCursor() == null
                    || page.events().isEmpty() && Objects.equals(page.nextCursor(), cursor))) {
                fail(run, "the connector made no progress: it returned no new cursor", null, settings.retryDelay());
                return;
            }
            Optional<SyncStore.PageCounts> counts;
            try {
                counts = commit(run, connection.get(), cursor, page, ++pageNumber, interval);
            } catch (RuntimeException e) {
                fail(run, "page not handed on: " + Failures.withoutValues(e), null, settings.retryDelay());
                return;
            }
            if (counts.isEmpty()) {
                LOG.info(() -> "Sync of connection " + id + " stopped: it was paused, restarted or taken over");
                return;
            }
            SyncStore.Counts total = counts.get().total();
            metrics.syncRecords(id, total.seen(), total.changed(), total.skipped(), total.failed());
            progress.add(counts.get(), clock.instant());
            cursor = page.nextCursor();
            if (!page.hasMore()) {
                LOG.info(() -> "Sync of connection " + id + " finished: " + progress.describe(clock.instant())
                        + "; next run in " + interval);
                return;
            }
        }
        pages.release(run);
        LOG.info(() -> "Sync of connection " + id + " handed back unfinished: this node stops");
    }

    /** Hands a page on part after part ({@link SyncPages#parts}); empty as soon as the run is not this claim's. */
    private Optional<SyncStore.PageCounts> commit(SyncPages.Run run, ConnectionContext connection, String cursor,
                                                  RecordSource.Page page, long pageNumber, Duration interval) {
        Optional<SyncStore.PageCounts> handedOn = Optional.empty();
        for (int part = 0; part < SyncPages.parts(page); part++) {
            Optional<SyncStore.PageCounts> counts = pages.commit(run, connection, cursor, page, part, pageNumber,
                    settings.lease(), interval);
            if (counts.isEmpty()) {
                return counts;
            }
            handedOn = Optional.of(handedOn.map(before -> before.plus(counts.get())).orElse(counts.get()));
        }
        return handedOn;
    }

    /** Gives the run up until {@code wait} from now, or the longer wait the remote system asked for. */
    private void fail(SyncPages.Run run, String error, Duration askedWait, Duration wait) {
        Instant now = clock.instant();
        Duration delay = askedWait != null && askedWait.compareTo(wait) > 0 ? askedWait : wait;
        LOG.warning(() -> "Sync of connection " + run.connectionId() + " failed (" + error + "); trying again in "
                + delay);
        pages.fail(run, error, now.plus(delay));
    }

    /** The connection's own interval; one that no longer parses falls back to the default rather than stopping. */
    private static Duration interval(ConnectionContext connection) {
        try {
            return SettingsSpec.syncInterval(connection.settings().get(SettingsSpec.SYNC_INTERVAL));
        } catch (IllegalArgumentException e) {
            return SettingsSpec.DEFAULT_SYNC_INTERVAL;
        }
    }

    /**
     * The counts of the run so far, pages committed before this claim included, in all and per entity (seen, changed,
     * skipped, failed), logged every progress interval with the time left when the source says how much is left; the
     * rate, and so the estimate, is this claim's own.
     */
    private final class Progress {
        private final SyncPages.Run run;
        private final Instant started;
        private final long seenBefore;
        private final Map<SyncEntity, SyncStore.Counts> byEntity = new EnumMap<>(SyncEntity.class);
        private Instant lastLogged;
        private SyncStore.Counts total;
        private Long remaining;
        private long pagesDone;

        Progress(SyncPages.Run run, Instant started) {
            this.run = run;
            this.started = started;
            this.lastLogged = started;
            this.seenBefore = run.claimed().seen();
            this.total = run.claimed().counts();
            this.byEntity.putAll(run.claimed().byEntity());
            this.remaining = run.claimed().remaining();
            this.pagesDone = run.claimed().pages();
        }

        void add(SyncStore.PageCounts page, Instant now) {
            total = total.plus(page.total());
            page.byEntity().forEach((entity, counts) -> byEntity.merge(entity, counts, SyncStore.Counts::plus));
            remaining = page.remaining();
            pagesDone++;
            if (!now.isBefore(lastLogged.plus(settings.progressInterval()))) {
                lastLogged = now;
                LOG.info(() -> "Sync of connection " + run.connectionId() + " in progress: " + describe(now));
            }
        }

        String describe(Instant now) {
            double rate = SyncEstimates.rate(total.seen() - seenBefore, started, now);
            return "run " + run.claimed().runNumber() + ", " + pagesDone + " pages, " + total.seen()
                    + " records seen, " + total.changed() + " changed, " + total.skipped() + " skipped, "
                    + total.failed() + " failed (seen/changed/skipped/failed: "
                    + SyncEstimates.describe(byEntity) + "); "
                    + String.format(Locale.ROOT, "%.1f", rate) + " records/s over the last "
                    + Duration.between(started, now).withNanos(0) + "; time left "
                    + SyncEstimates.timeLeft(remaining, rate).map(Duration::toString).orElse("unknown");
        }
    }
}
