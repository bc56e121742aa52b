package dev.liaison.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Webhook-to-PUT latency of help-desk routing at 20 tickets/s: signed Zendesk {@code ticket.created} webhooks are
 * sent open loop to a Zendesk connection whose API is a fake in this JVM, and each ticket's latency runs from its
 * webhook leaving until the fake receives the ticket's PUT. Next to it, in the same run, the ceiling: the
 * benchmark makes the same GET and PUT to the fake itself, at the same rate. Run it with {@code ./mvnw -B
 * -Ppostgres,bench -DskipTests verify}; README.md explains the numbers.
 *
 * <p>Exits 0 when every ticket was sent on schedule, accepted and put exactly once, 1 when not (the figures cannot
 * be trusted), 2 when the benchmark could not run at all.
 */
public final class RoutingLatencyBenchmark {

    private static final String SIGNING_SECRET = "bench-zendesk-secret";
    private static final Duration SERVER_READY_TIMEOUT = Duration.ofMinutes(3);
    /**
     * The connection's API limit. A ticket costs two calls (the GET that reads its tags for the merge, and the PUT),
     * so 20 tickets/s need 2 400 a minute; the default of 700 would let Liaison route at most about 6 a second and
     * the benchmark would measure the rate limiter's queue. The fake enforces no limit.
     */
    private static final int REQUESTS_PER_MINUTE = 6_000;
    /** Far apart, so that no run can see another's tickets. */
    private static final long TICKET_ID_BLOCK = 10_000_000L;

    private final RoutingBenchSettings settings;

    private RoutingLatencyBenchmark(RoutingBenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.exitWith("routing", () -> new RoutingLatencyBenchmark(RoutingBenchSettings.fromSystemProperties())
                .run());
    }

    private int run() throws Exception {
        BenchSettings common = settings.common();
        Path serverLog = common.outputDir().resolve("routing-server.log");
        BenchDatabase.recreate();
        String postgresVersion;
        RoutingRun.Result liaison;
        RoutingRun.Result ceiling;
        System.out.println("Starting " + common.serverHome() + " with inbox and outbox processing on database "
                + BenchDatabase.NAME + " (log: " + serverLog + ")");
        try (ZendeskTicketFake zendesk = ZendeskTicketFake.start();
             LiaisonServer server = LiaisonServer.start(common.serverHome(), BenchDatabase.NAME, serverLog,
                     SERVER_READY_TIMEOUT, true);
             BenchDatabase database = BenchDatabase.open()) {
            postgresVersion = database.serverVersion();
            HttpClient http = BenchHttp.client();
            RoutingAdmin admin = new RoutingAdmin(http, server.baseUri());
            admin.replaceRoutingRules(RoutedTicket.RULES);
            String connectionId = admin.createZendeskConnection(zendesk.baseUri(), SIGNING_SECRET,
                    REQUESTS_PER_MINUTE);
            System.out.println("Fake Zendesk at " + zendesk.baseUri() + ", connection " + connectionId);

            RoutingRun.Path throughLiaison = TicketPaths.throughLiaison(http, server.webhookUri(connectionId),
                    new ZendeskWebhooks(SIGNING_SECRET));
            RoutingRun.Path direct = TicketPaths.direct(http, zendesk.baseUri());
            RoutingRun runs = new RoutingRun(zendesk, new CpuMeter(server::processes), common.levelTimeCap());
            OpenLoopSchedule warmUp = settings.schedule(settings.warmUpTickets());
            OpenLoopSchedule measured = settings.schedule(settings.tickets());

            progress(runs.run("warm-up Liaison", TICKET_ID_BLOCK, warmUp, throughLiaison));
            progress(runs.run("warm-up ceiling", 2 * TICKET_ID_BLOCK, warmUp, direct));
            liaison = runs.run("Liaison", 3 * TICKET_ID_BLOCK, measured, throughLiaison);
            progress(liaison);
            ceiling = runs.run("ceiling", 4 * TICKET_ID_BLOCK, measured, direct);
            progress(ceiling);
        }

        RoutingReport report = new RoutingReport(liaison, ceiling, Runtime.getRuntime().availableProcessors());
        BenchOutput.report(report.plain(), common.outputDir().resolve("routing-benchmark.md"),
                report.markdown(context(postgresVersion)));
        return report.valid() ? 0 : 1;
    }

    private static void progress(RoutingRun.Result run) {
        RoutingOutcome outcome = run.outcome();
        LatencyStats latency = outcome.latency();
        System.out.printf(Locale.ROOT, "%-16s %6d tickets %6.2f/s  %6d put once %4d missing %4d duplicated "
                        + "%4d wrong %4d send errors  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms  %6.1f s%n",
                run.name(), outcome.tickets(), run.sending().achievedPerSecond(), outcome.routed(), outcome.missing(),
                outcome.duplicated(), outcome.wrong(), run.sending().errorCount(), latency.p50Millis(),
                latency.p99Millis(), latency.maxMillis(), ReportCells.seconds(run.wall()));
    }

    private String context(String postgresVersion) {
        return BenchOutput.machine(postgresVersion, "the benchmark JVM, which also runs the fake Zendesk (WireMock)")
                + String.format(Locale.ROOT, " %d signed zen:event-type:ticket.created webhooks, one per ticket and "
                        + "each about a new requester, sent open loop at %.0f a second (%d warm-up tickets first), half "
                        + "with priority High (rule high-priority: round-robin agent) and half to the default rule; "
                        + "both rules add tags, so each ticket costs Liaison a GET and a PUT. The Zendesk connection "
                        + "may make %d API calls a minute. Latency runs from the webhook leaving the benchmark to the "
                        + "fake receiving the ticket's PUT, on one clock. The ceiling makes the same GET and PUT "
                        + "directly at the same rate. Inbox and outbox processing run with the server's defaults. "
                        + "Ticket counts scaled by %s.",
                settings.tickets(), RoutingBenchSettings.TICKETS_PER_SECOND, settings.warmUpTickets(),
                REQUESTS_PER_MINUTE, settings.common().scale());
    }
}
