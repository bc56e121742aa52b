package dev.liaison.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connectors.testkit.AmoCrmFake;
import dev.liaison.connectors.testkit.Bitrix24Fake;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A burst of Bitrix24 contact events through a running server into profiles, against a fake portal enforcing
 * Bitrix24's leaky bucket (2 requests a second, 50 at once; 503 {@code QUERY_LIMIT_EXCEEDED} beyond). Bitrix24 events
 * carry ids only, so each contact must be read back: the ceiling is one {@code batch} call of 50 reads per 0.5 s, 100
 * events a second. An untimed burst first spends both the portal's bucket and the connector's own (and warms the
 * server up), so the timed burst runs against a limit in use, as on a busy portal. Timed from the first delivery
 * sent to the last one processed; the deliveries are sent while processing runs. The same burst then goes through an
 * amoCRM connection against an account limited to 7 requests a second, whose contacts are read back 250 to a call
 * (ceiling 1,750 events a second). Then a second Bitrix24 connection imports a
 * portal of 100,000 contacts (scaled) from scratch, read with {@code batch} calls of 50 list pages of 50 (ceiling: 5,000
 * contacts a second), timed until its sync is idle again, with the server's live heap read before and after.
 *
 * <p>Exits 0 when every delivery was accepted and processed, 1 when not, 2 when the benchmark could not run.
 */
public final class WebhookBurstBenchmark {

    private static final String WEBHOOK_PATH = "/rest/1/burst0webhook0code/";
    private static final String APPLICATION_TOKEN = "burst0application0token";
    private static final String MEMBER_ID = "a223c6b3710f85df22e9377d6c4f7553";
    private static final String DOMAIN = "burst.bitrix24.ru";
    private static final Duration SERVER_READY_TIMEOUT = Duration.ofMinutes(3);
    private static final int EVENTS = 10_000;
    /** 50 full batch calls: the connector's bucket and the portal's are both spent when the timed burst starts. */
    private static final int WARM_UP_EVENTS = Bitrix24Fake.Portal.CAPACITY * Bitrix24Fake.Portal.MAX_BATCH_COMMANDS;
    private static final int SENDERS = 8;
    private static final double GOAL_SECONDS = 125;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int IMPORTED_CONTACTS = 100_000;
    private static final String AMOCRM_TOKEN = "burst-long-lived-token";
    private static final String AMOCRM_SECRET = "burst0webhook0secret";
    /** Seven full reads: the account's window and the connector's own are both in use when the timed burst starts. */
    private static final int AMOCRM_WARM_UP_EVENTS = AmoCrmFake.Account.REQUESTS_PER_SECOND
            * AmoCrmFake.Account.MAX_LIMIT;
    private static final Pattern PHASE = Pattern.compile("\"phase\"\\s*:\\s*\"([A-Z]+)\"");
    private static final Pattern SEEN = Pattern.compile("\"recordsSeen\"\\s*:\\s*(\\d+)");
    private static final List<String> IMPORT_HEADER = List.of("contacts", "imported in s", "contacts/s",
            "ceiling in s", "of ceiling", "records seen", "server live heap before → after");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private static final List<String> HEADER = List.of("burst", "events", "sent in s", "all processed in s",
            "events/s", "ceiling in s", "of ceiling", "batch calls", "refused", "dead");

    /** One burst: how long sending and processing took, and what the portal saw meanwhile. */
    record Burst(String name, long events, Duration sent, Duration processed, long done, long dead,
                 RateLimitedFake.Traffic traffic, Ceiling ceiling) {

        double ceilingSeconds() {
            return events / ceiling.recordsPerCall() / ceiling.callsPerSecond();
        }

        double ofCeiling() {
            return ceilingSeconds() / Math.max(1e-9, ReportCells.seconds(processed));
        }
    }

    /** What bounds a burst: the records one call reads back and the calls the vendor admits a second. */
    record Ceiling(double recordsPerCall, double callsPerSecond) {

        static final Ceiling BITRIX24 = new Ceiling(Bitrix24Fake.Portal.MAX_BATCH_COMMANDS,
                Bitrix24Fake.Portal.DRAIN_PER_SECOND);
        static final Ceiling AMOCRM = new Ceiling(AmoCrmFake.Account.MAX_LIMIT, AmoCrmFake.Account.REQUESTS_PER_SECOND);
    }

    /** An initial import: how long until the sync was idle again, and the server's live heap before and after. */
    record Import(long contacts, Duration elapsed, long seen, Optional<Long> heapBefore, Optional<Long> heapAfter) {

        /** A batch call reads 50 list pages of 50 contacts; the portal admits 2 calls a second. */
        double ceilingSeconds() {
            return (double) contacts / (Bitrix24Fake.Portal.MAX_BATCH_COMMANDS * Bitrix24Fake.Portal.PAGE_SIZE)
                    / Bitrix24Fake.Portal.DRAIN_PER_SECOND;
        }

        double ofCeiling() {
            return ceilingSeconds() / Math.max(1e-9, ReportCells.seconds(elapsed));
        }

        String heapChange() {
            if (heapBefore.isEmpty() || heapAfter.isEmpty()) {
                return "not read";
            }
            return String.format(Locale.ROOT, "%d → %d MB (%+.0f %%)", heapBefore.get() >> 20, heapAfter.get() >> 20,
                    (heapAfter.get() - heapBefore.get()) * 100.0 / heapBefore.get());
        }
    }

    private final BenchSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WebhookBurstBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.exitWith("burst", () -> new WebhookBurstBenchmark(BenchSettings.fromSystemProperties()).run());
    }

    private int run() throws Exception {
        BenchDatabase.recreate();
        int events = settings.scaled(EVENTS);
        Bitrix24Fake.Portal portal = new Bitrix24Fake.Portal(WEBHOOK_PATH, WARM_UP_EVENTS + events);
        RateLimitedFake limited = new RateLimitedFake("bitrix24-leaky-bucket",
                new LeakyBucket(Bitrix24Fake.Portal.DRAIN_PER_SECOND, Bitrix24Fake.Portal.CAPACITY),
                RateLimitedFake.api(portal::answer, retryAfter -> portal.refusal()));
        WireMockServer fake = RateLimitedFake.start(limited);
        Burst timed;
        Burst amoTimed;
        Import imported;
        try (LiaisonServer server = LiaisonServer.start(settings.serverHome(), BenchDatabase.NAME,
                settings.outputDir().resolve("burst-server.log"), SERVER_READY_TIMEOUT, true)) {
            String connection = createConnection(server, fake.baseUrl(), WEBHOOK_PATH, false);
            CpuMeter cpu = new CpuMeter(server::processes);
            URI hook = server.webhookUri(connection);
            burst("Bitrix24 warm-up", server, connection, hook, WebhookBurstBenchmark::bitrix24Event, 1,
                    WARM_UP_EVENTS, limited, Ceiling.BITRIX24, cpu);
            limited.startMeasuring();
            timed = burst("Bitrix24", server, connection, hook, WebhookBurstBenchmark::bitrix24Event,
                    WARM_UP_EVENTS + 1, events, limited, Ceiling.BITRIX24, cpu);
            amoTimed = amocrm(server, events, cpu);
            imported = initialImport(server, settings.scaled(IMPORTED_CONTACTS));
        } finally {
            fake.stop();
        }
        List<List<String>> rows = List.of(row(timed), row(amoTimed));
        String verdict = String.format(Locale.ROOT, "Goals: Bitrix24, every profile within %.0f s: %s (%.1f s); "
                        + "amoCRM, at least 80 %% of its ceiling: %s (%.0f %%)", GOAL_SECONDS,
                ReportCells.seconds(timed.processed()) <= GOAL_SECONDS && timed.done() == timed.events()
                        ? "met" : "NOT met", ReportCells.seconds(timed.processed()),
                amoTimed.ofCeiling() >= 0.8 && amoTimed.done() == amoTimed.events() ? "met" : "NOT met",
                amoTimed.ofCeiling() * 100);
        String header = String.format(Locale.ROOT, "Webhook burst benchmark, %s, Java %s, %d cores: %,d Bitrix24 "
                        + "contact events, the portal limited to 2 requests/s (burst 50, already spent); as many amoCRM contact events, the "
                        + "account limited to 7 requests/s.",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), events);
        List<List<String>> importRows = List.of(List.of(Long.toString(imported.contacts()),
                ReportCells.decimal(ReportCells.seconds(imported.elapsed()), 1),
                ReportCells.decimal(imported.contacts() / Math.max(1e-9, ReportCells.seconds(imported.elapsed())), 0),
                ReportCells.decimal(imported.ceilingSeconds(), 1),
                String.format(Locale.ROOT, "%.0f %%", imported.ofCeiling() * 100),
                Long.toString(imported.seen()), imported.heapChange()));
        String importTable = new Table(IMPORT_HEADER, importRows).plain();
        BenchOutput.report(header + "\n\n" + new Table(HEADER, rows).plain() + verdict + "\n\nInitial import:\n"
                        + importTable, settings.outputDir().resolve("webhook-burst-benchmark.md"),
                header + "\n\n" + new Table(HEADER, rows).markdown() + "\n" + verdict + "\n\nInitial import of a "
                        + "portal of contacts, read with batch calls of 50 list pages of 50:\n\n"
                        + new Table(IMPORT_HEADER, importRows).markdown());
        return timed.done() == timed.events() && timed.traffic().fakeErrors().isEmpty()
                && amoTimed.done() == amoTimed.events() && amoTimed.traffic().fakeErrors().isEmpty()
                && imported.seen() == imported.contacts() ? 0 : 1;
    }

    private static List<String> row(Burst burst) {
        return List.of(burst.name(), Long.toString(burst.events()),
                ReportCells.decimal(ReportCells.seconds(burst.sent()), 1),
                ReportCells.decimal(ReportCells.seconds(burst.processed()), 1),
                ReportCells.decimal(burst.done() / Math.max(1e-9, ReportCells.seconds(burst.processed())), 0),
                ReportCells.decimal(burst.ceilingSeconds(), 1),
                String.format(Locale.ROOT, "%.0f %%", burst.ofCeiling() * 100),
                Integer.toString(burst.traffic().arrivalNanos().size() - burst.traffic().refusals()),
                Integer.toString(burst.traffic().refusals()), Long.toString(burst.dead()));
    }

    /**
     * The same burst through an amoCRM connection, against an account limited to 7 requests a second (§2.3): the
     * contacts are read back 250 to a call, so the ceiling is 1,750 events a second. An untimed burst first.
     */
    private Burst amocrm(LiaisonServer server, int events, CpuMeter cpu) throws Exception {
        AmoCrmFake.Account account = new AmoCrmFake.Account(AMOCRM_TOKEN, AMOCRM_WARM_UP_EVENTS + events);
        RateLimitedFake limited = new RateLimitedFake("amocrm-7-per-second",
                new SlidingWindow(AmoCrmFake.Account.REQUESTS_PER_SECOND, Duration.ofSeconds(1)),
                RateLimitedFake.api(account::answer, retryAfter -> account.refusal()));
        WireMockServer fake = RateLimitedFake.start(limited);
        try {
            String connection = create(server, "{\"kind\":\"amocrm\",\"name\":\"burst-" + UUID.randomUUID()
                    + "\",\"settings\":{\"subdomain\":\"example\",\"accountId\":\"" + AmoCrmFake.ACCOUNT_ID
                    + "\",\"baseUrl\":\"" + fake.baseUrl() + "\",\"accessToken\":\"" + AMOCRM_TOKEN
                    + "\",\"webhookSecret\":\"" + AMOCRM_SECRET + "\",\"initialImport\":\"false\"}}");
            URI hook = URI.create(server.webhookUri(connection) + "?secret=" + AMOCRM_SECRET);
            LongFunction<String> event = k -> AmoCrmFake.contactUpdateWebhook(AmoCrmFake.Account.idOf(k),
                    "+7903" + String.format(Locale.ROOT, "%07d", k), AmoCrmFake.ACCOUNT_ID);
            burst("amoCRM warm-up", server, connection, hook, event, 1, AMOCRM_WARM_UP_EVENTS, limited,
                    Ceiling.AMOCRM, cpu);
            limited.startMeasuring();
            return burst("amoCRM", server, connection, hook, event, AMOCRM_WARM_UP_EVENTS + 1, events, limited,
                    Ceiling.AMOCRM, cpu);
        } finally {
            fake.stop();
        }
    }

    private String createConnection(LiaisonServer server, String fakeOrigin, String path, boolean initialImport)
            throws IOException, InterruptedException {
        return create(server, "{\"kind\":\"bitrix24\",\"name\":\"burst-" + UUID.randomUUID() + "\",\"settings\":{"
                + "\"portalUrl\":\"https://" + DOMAIN + "\",\"incomingWebhookUrl\":\"" + fakeOrigin + path
                + "\",\"applicationToken\":\"" + APPLICATION_TOKEN + "\",\"memberId\":\"" + MEMBER_ID
                + "\",\"initialImport\":\"" + initialImport + "\"}}");
    }

    private String create(LiaisonServer server, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri()
                        .resolve("/api/admin/connections")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", BenchSettings.adminAuthorization())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("creating a connection answered HTTP " + response.statusCode());
        }
        return id.group(1);
    }

    /**
     * Creates a second connection, to a portal of {@code contacts} contacts behind its own bucket, with its initial
     * import on, and waits until the import is done; the server's live heap is read before and after.
     */
    private Import initialImport(LiaisonServer server, int contacts) throws Exception {
        String path = "/rest/1/import0webhook0code/";
        Bitrix24Fake.Portal portal = new Bitrix24Fake.Portal(path, contacts);
        RateLimitedFake limited = new RateLimitedFake("bitrix24-import-bucket",
                new LeakyBucket(Bitrix24Fake.Portal.DRAIN_PER_SECOND, Bitrix24Fake.Portal.CAPACITY),
                RateLimitedFake.api(portal::answer, retryAfter -> portal.refusal()));
        WireMockServer fake = RateLimitedFake.start(limited);
        try {
            Optional<Long> heapBefore = HeapProbe.liveBytes(server.processes());
            System.out.printf(Locale.ROOT, "import: %,d contacts...%n", contacts);
            long started = System.nanoTime();
            String connection = createConnection(server, fake.baseUrl(), path, true);
            long deadline = started + settings.levelTimeCap().multipliedBy(10).toNanos();
            String state = syncState(server, connection);
            while (!(matched(PHASE, state).equals("IDLE") && seen(state) >= contacts)
                    && System.nanoTime() < deadline) {
                Thread.sleep(POLL_INTERVAL.toMillis() * 10);
                state = syncState(server, connection);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            Import result = new Import(contacts, elapsed, seen(state), heapBefore,
                    HeapProbe.liveBytes(server.processes()));
            System.out.printf(Locale.ROOT, "import: %,d records seen in %.1f s; live heap %s%n", result.seen(),
                    ReportCells.seconds(elapsed), result.heapChange());
            return result;
        } finally {
            fake.stop();
        }
    }

    private static long seen(String syncState) {
        String seen = matched(SEEN, syncState);
        return seen.isEmpty() ? 0 : Long.parseLong(seen);
    }

    private static String matched(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : "";
    }

    private String syncState(LiaisonServer server, String connection) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri()
                        .resolve("/api/admin/connections/" + connection + "/sync")).timeout(Duration.ofSeconds(30))
                .header("Authorization", BenchSettings.adminAuthorization()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }

    /** Sends contacts {@code first}..{@code first + count - 1} (IDs twice that) and waits until all are processed. */
    private Burst burst(String name, LiaisonServer server, String connection, URI hook, LongFunction<String> event,
                        long first, int count, RateLimitedFake limited, Ceiling ceiling, CpuMeter cpu)
            throws Exception {
        ProfileAnswer.InboxCounts before = counts(server, connection);
        AtomicLong next = new AtomicLong(first);
        long started = System.nanoTime();
        Measurement sending = new LoadDriver(settings.levelTimeCap(), cpu).run(SENDERS, count,
                () -> new LoadClient() {
                    @Override
                    public void send(long sequence) throws Exception {
                        deliver(hook, event.apply(next.getAndIncrement()));
                    }

                    @Override
                    public void close() {
                    }
                });
        long deadline = started + settings.levelTimeCap().multipliedBy(4).toNanos();
        ProfileAnswer.InboxCounts now = counts(server, connection);
        while (now.done() + now.dead() - before.done() - before.dead() < sending.succeeded()
                && System.nanoTime() < deadline) {
            Thread.sleep(POLL_INTERVAL.toMillis());
            now = counts(server, connection);
        }
        Burst burst = new Burst(name, count, sending.elapsed(), Duration.ofNanos(System.nanoTime() - started),
                now.done() - before.done(), now.dead() - before.dead(), limited.traffic(), ceiling);
        System.out.printf(Locale.ROOT, "%s: %,d events sent in %.1f s, %,d processed in %.1f s, %d dead%n", name,
                sending.succeeded(), ReportCells.seconds(sending.elapsed()), burst.done(),
                ReportCells.seconds(burst.processed()), burst.dead());
        return burst;
    }

    /** An outgoing-webhook event as Bitrix24 posts it (external-apis.md §1.8), for the fake portal's contact k. */
    private static String bitrix24Event(long contact) {
        long contactId = 2 * contact;
        return "event=ONCRMCONTACTUPDATE&event_handler_id=975&data%5BFIELDS%5D%5BID%5D=" + contactId + "&ts="
                + Instant.now().getEpochSecond() + "&auth%5Bdomain%5D=" + DOMAIN + "&auth%5Bmember_id%5D=" + MEMBER_ID
                + "&auth%5Bapplication_token%5D=" + APPLICATION_TOKEN;
    }

    private void deliver(URI hook, String form) throws IOException, InterruptedException, RequestFailed {
        HttpRequest request = HttpRequest.newBuilder(hook).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new RequestFailed("HTTP " + status);
        }
    }

    private ProfileAnswer.InboxCounts counts(LiaisonServer server, String connection) throws IOException,
            InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri()
                        .resolve("/api/admin/connections/" + connection)).timeout(Duration.ofSeconds(30))
                .header("Authorization", BenchSettings.adminAuthorization()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("reading the connection answered HTTP " + response.statusCode());
        }
        return ProfileAnswer.inboxCounts(response.body());
    }
}
