package dev.liaison.bench;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RemoteSystemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one full sync through a connector's {@link RecordSource}, as Liaison's scheduler would: from a null cursor,
 * each page's cursor passed back, until a page says there is no more. A pull that fails retryably is tried again
 * from the same cursor after the wait the failure names (the cursor makes that safe), and counted: the connector
 * let a limit refusal or fault reach its caller.
 */
final class SyncDriver {

    /** When the failure names no wait. */
    static final Duration DEFAULT_RETRY_WAIT = Duration.ofSeconds(1);

    /**
     * @param delivered    events delivered, duplicates included
     * @param duplicates   events about a record already delivered
     * @param missing      expected records never delivered
     * @param unexpected   events about records the fake does not hold, or not contact upserts
     * @param toLastRecord from the first pull until the pull that delivered the last record returned
     * @param total        from the first pull until the sync ended
     * @param failedPulls  what each pull that failed reported
     */
    record Result(int delivered, int duplicates, int missing, int unexpected, Duration toLastRecord, Duration total,
                  List<String> failedPulls, boolean completed, boolean hitTimeCap) {

        Result {
            failedPulls = List.copyOf(failedPulls);
        }

        int distinct() {
            return delivered - duplicates - unexpected;
        }

        boolean exactlyOnce() {
            return completed && duplicates == 0 && missing == 0 && unexpected == 0;
        }
    }

    private SyncDriver() {
    }

    static Result pullAll(RecordSource source, ConnectionContext connection, Set<String> expected, Duration timeCap)
            throws InterruptedException {
        Map<String, Integer> seen = new HashMap<>();
        List<String> failures = new ArrayList<>();
        int delivered = 0;
        int unexpected = 0;
        long started = System.nanoTime();
        long lastRecordAt = started;
        String cursor = null;
        boolean completed = false;
        boolean capped = false;
        while (true) {
            if (System.nanoTime() - started > timeCap.toNanos()) {
                capped = true;
                break;
            }
            RecordSource.Page page;
            try {
                page = source.pull(connection, cursor);
            } catch (RemoteSystemException e) {
                failures.add((e.retryable() ? "retryable: " : "permanent: ") + e.getMessage());
                if (!e.retryable()) {
                    break;
                }
                Thread.sleep(e.retryAfter().orElse(DEFAULT_RETRY_WAIT).toMillis());
                continue;
            } catch (MalformedPayloadException e) {
                failures.add("malformed: " + e.getMessage());
                break;
            }
            for (CanonicalEvent event : page.events()) {
                delivered++;
                String id = event.ref().id();
                if (!(event instanceof ContactUpserted) || !expected.contains(id)) {
                    unexpected++;
                } else {
                    seen.merge(id, 1, Integer::sum);
                }
            }
            if (!page.events().isEmpty()) {
                lastRecordAt = System.nanoTime();
            }
            cursor = page.nextCursor();
            if (!page.hasMore()) {
                completed = true;
                break;
            }
        }
        long ended = System.nanoTime();
        int duplicates = seen.values().stream().mapToInt(count -> count - 1).sum();
        return new Result(delivered, duplicates, expected.size() - seen.size(), unexpected,
                Duration.ofNanos(lastRecordAt - started), Duration.ofNanos(ended - started), failures, completed,
                capped);
    }
}
