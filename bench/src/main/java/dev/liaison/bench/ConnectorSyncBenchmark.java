package dev.liaison.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.CredentialStore;
import dev.liaison.connector.api.HeldRecords;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.amocrm.AmoCrmConnector;
import dev.liaison.connectors.bitrix24.Bitrix24Connector;
import dev.liaison.connectors.testkit.AmoCrmFake;
import dev.liaison.connectors.testkit.Bitrix24Fake;
import dev.liaison.connectors.testkit.ZendeskFake;
import dev.liaison.connectors.zendesk.ZendeskConnector;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A full sync through each CRM connector's real {@link RecordSource}, in this JVM, against a WireMock fake of the
 * vendor's API that enforces the vendor's published limit on request arrival times (external-apis.md §1.4, §2.3,
 * §3.4): Bitrix24's leaky bucket, amoCRM's 7 requests a second, Zendesk's 10 incremental-export requests a minute.
 * Each connector is built as CDI builds it, with its production rate limits, retries and waits; the connections
 * use an incoming webhook, a long-lived token and an API token, so no OAuth credential is ever rotated. Needs no
 * server and no database: {@code ./mvnw -B -pl bench -am -Pbench verify -DskipTests -Dliaison.bench.only=connectors};
 * README.md explains the numbers.
 *
 * <p>Exits 0 when every sync delivered every record exactly once, whether or not a goal was met (the report says
 * so), 1 when a sync lost, repeated or invented records or the fake met a request it could not answer, 2 when the
 * benchmark could not run.
 */
public final class ConnectorSyncBenchmark {

    private static final String BITRIX24_WEBHOOK_PATH = "/rest/1/bench0webhook0code/";
    private static final String AMOCRM_TOKEN = "bench-long-lived-token";
    private static final String ZENDESK_EMAIL = "agent@bench.example";
    private static final String ZENDESK_API_TOKEN = "bench0api0token";

    static final ConnectorReport.Case BITRIX24 = new ConnectorReport.Case("Bitrix24", "#6", "contacts",
            Bitrix24Fake.Portal.DRAIN_PER_SECOND,
            Bitrix24Fake.Portal.MAX_BATCH_COMMANDS * Bitrix24Fake.Portal.PAGE_SIZE,
            "2 batch requests/s × 50 commands × 50 records", 0.80, 10_000, "503 QUERY_LIMIT_EXCEEDED");
    static final ConnectorReport.Case AMOCRM = new ConnectorReport.Case("amoCRM", "#7", "contacts",
            AmoCrmFake.Account.REQUESTS_PER_SECOND, AmoCrmFake.Account.MAX_LIMIT, "7 requests/s × 250 records", 0.80,
            10_000, "429");
    static final ConnectorReport.Case ZENDESK = new ConnectorReport.Case("Zendesk", "#5", "users",
            ZendeskFake.Account.EXPORT_REQUESTS_PER_MINUTE / 60.0, ZendeskFake.Account.PAGE_SIZE,
            "10 requests/min × 1,000 users", 0.90, 20_000, "429 and Retry-After");

    /** The import measured starts from nothing: no record is held yet, so a pass ends without a deletion check. */
    private static final HeldRecords NOTHING_HELD = (connection, after, limit) -> List.of();

    /** Webhook-mode and token connections never rotate credentials; a call here would be a bug in the benchmark. */
    private static final CredentialStore NO_ROTATION = new CredentialStore() {
        @Override
        public <T> T rotate(String connectionId, Rotation<T> rotation) {
            throw new IllegalStateException("connection " + connectionId + " was not expected to rotate credentials");
        }
    };

    private final ConnectorBenchSettings settings;

    private ConnectorSyncBenchmark(ConnectorBenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.exitWith("connectors", () -> new ConnectorSyncBenchmark(ConnectorBenchSettings.fromSystemProperties())
                .run());
    }

    private int run() throws Exception {
        List<ConnectorReport.Row> rows = new ArrayList<>();
        for (String system : settings.systems()) {
            rows.add(switch (system) {
                case "bitrix24" -> bitrix24();
                case "amocrm" -> amocrm();
                default -> zendesk();
            });
        }
        ConnectorReport report = new ConnectorReport(rows);
        String header = String.format(Locale.ROOT, "Connector sync benchmark, %s, Java %s, %d cores: each connector's "
                        + "full sync against a fake enforcing its vendor's limit, started with that limit already spent.",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.println();
        System.out.println(header);
        System.out.println();
        System.out.print(report.table().plain());
        System.out.println();
        report.verdicts().forEach(System.out::println);
        report.notes().forEach(note -> System.out.println("NOTE: " + note));
        Files.createDirectories(settings.outputDir());
        Files.writeString(settings.outputDir().resolve("connector-sync-benchmark.md"), report.markdown(header));
        return report.anyFailure() ? 1 : 0;
    }

    private ConnectorReport.Row bitrix24() throws InterruptedException {
        int contacts = settings.bitrix24Contacts();
        Bitrix24Fake.Portal fake = new Bitrix24Fake.Portal(BITRIX24_WEBHOOK_PATH, contacts);
        RateLimitedFake limited = new RateLimitedFake("bitrix24-leaky-bucket",
                new LeakyBucket(Bitrix24Fake.Portal.DRAIN_PER_SECOND, Bitrix24Fake.Portal.CAPACITY),
                RateLimitedFake.api(fake::answer, retryAfter -> fake.refusal()));
        return measure(BITRIX24, contacts, limited, fake.expectedIds(), new Bitrix24Connector(NO_ROTATION, NOTHING_HELD),
                origin -> new ConnectionContext("bench-bitrix24", "default", Bitrix24Connector.KIND, Map.of(
                        "portalUrl", "https://bench.bitrix24.ru",
                        "incomingWebhookUrl", origin + BITRIX24_WEBHOOK_PATH,
                        "applicationToken", "bench0application0token",
                        "memberId", "a223c6b3710f85df22e9377d6c4f7553")));
    }

    private ConnectorReport.Row amocrm() throws InterruptedException {
        int contacts = settings.amocrmContacts();
        AmoCrmFake.Account fake = new AmoCrmFake.Account(AMOCRM_TOKEN, contacts);
        RateLimitedFake limited = new RateLimitedFake("amocrm-7-per-second",
                new SlidingWindow(AmoCrmFake.Account.REQUESTS_PER_SECOND, Duration.ofSeconds(1)),
                RateLimitedFake.api(fake::answer, retryAfter -> fake.refusal()));
        return measure(AMOCRM, contacts, limited, fake.expectedIds(),
                new AmoCrmConnector(NO_ROTATION, Duration.ofMinutes(10)),
                origin -> new ConnectionContext("bench-amocrm", "default", AmoCrmConnector.KIND, Map.of(
                        "subdomain", "bench",
                        "accountId", "7039099",
                        "baseUrl", origin,
                        "accessToken", AMOCRM_TOKEN,
                        "webhookSecret", "bench0webhook0secret")));
    }

    private ConnectorReport.Row zendesk() throws InterruptedException {
        int users = settings.zendeskUsers();
        ZendeskFake.Account fake = new ZendeskFake.Account(ZENDESK_EMAIL, ZENDESK_API_TOKEN, users);
        RateLimitedFake limited = new RateLimitedFake("zendesk-export-10-per-minute",
                new SlidingWindow(ZendeskFake.Account.EXPORT_REQUESTS_PER_MINUTE, Duration.ofMinutes(1)),
                RateLimitedFake.api(fake::answer, fake::refusal));
        return measure(ZENDESK, users, limited, fake.expectedIds(), new ZendeskConnector(),
                origin -> new ConnectionContext("bench-zendesk", "default", ZendeskConnector.KIND, Map.of(
                        "baseUrl", origin,
                        "email", ZENDESK_EMAIL,
                        "apiToken", ZENDESK_API_TOKEN,
                        "signingSecret", "bench0signing0secret")));
    }

    /**
     * Reads the first page as many times as the fake's limit admits at once, through the same connector, so that
     * both the fake's limit and the connector's own bucket start the measured sync spent, as on an account the sync
     * keeps busy. Otherwise the burst would carry part of the sync for free, and a sync of n requests would be timed
     * over n - 1 intervals: either flatters the figure. Also warms the JIT and the HTTP client up.
     */
    private static void spendTheLimit(RecordSource source, ConnectionContext connection, int requests)
            throws InterruptedException {
        for (int i = 0; i < requests; i++) {
            try {
                source.pull(connection, null);
            } catch (RemoteSystemException | MalformedPayloadException e) {
                System.out.println("warm-up pull failed: " + e.getMessage());
                Thread.sleep(SyncDriver.DEFAULT_RETRY_WAIT.toMillis());
            }
        }
    }

    /** The connection of a system, pointed at the fake's origin. */
    @FunctionalInterface
    private interface Connection {
        ConnectionContext at(String origin);
    }

    private ConnectorReport.Row measure(ConnectorReport.Case system, int records, RateLimitedFake limited,
                                        Set<String> expected, RecordSource source, Connection connection)
            throws InterruptedException {
        System.out.printf(Locale.ROOT, "%s: %d requests to spend the limit, then a full sync of %,d %s...%n",
                system.system(), limited.burst(), records, system.records());
        WireMockServer server = RateLimitedFake.start(limited);
        try {
            ConnectionContext context = connection.at(server.baseUrl());
            spendTheLimit(source, context, limited.burst());
            limited.startMeasuring();
            SyncDriver.Result sync = SyncDriver.pullAll(source, context, expected, settings.syncTimeCap());
            System.out.printf(Locale.ROOT, "%s: %,d records in %.1f s, %d requests, %d refused%n", system.system(),
                    sync.distinct(), ReportCells.seconds(sync.toLastRecord()),
                    limited.traffic().arrivalNanos().size(), limited.traffic().refusals());
            return new ConnectorReport.Row(system, records, sync, limited.traffic());
        } finally {
            server.stop();
        }
    }
}
