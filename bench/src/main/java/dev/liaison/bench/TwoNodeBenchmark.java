package dev.liaison.bench;

import dev.liaison.connectors.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Processing on two nodes next to one, in one run on one database: two servers of the same provisioned WildFly
 * (ports 8280 and 8290) share PostgreSQL. Deliveries go to node A with processing paused on both, spread over four
 * connections (a connection is one lane: one worker at a time works it, on any node). Then processing is resumed on
 * node A alone and timed until every entry is done; then a second, equal backlog is timed with both nodes resumed.
 * Before each timed phase the database is vacuumed and analysed, as autovacuum would have done by then.
 * On two shared cores the second node brings more workers and a second JVM, not more CPU, so the ratio says what
 * a second node costs or gains here; on separate machines it is the scaling figure.
 *
 * <p>Exits 0 when every delivery was accepted and processed, 1 when not, 2 when the benchmark could not run.
 */
public final class TwoNodeBenchmark {

    private static final String SIGNING_SECRET = "bench-signing-secret";
    private static final Duration SERVER_READY_TIMEOUT = Duration.ofMinutes(3);
    private static final int SECOND_NODE_OFFSET = LiaisonServer.PORT_OFFSET + 10;
    private static final int CONNECTIONS = 4;
    private static final int EVENTS_PER_PHASE = 20_000;
    private static final int SENDERS = 8;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private static final List<String> HEADER = List.of("processing on", "events", "processed in s", "events/s",
            "done", "servers' CPU ms/event", "PostgreSQL CPU ms/event");

    /** One timed phase: how many entries were done, in how long, at what CPU. */
    record Phase(String nodes, long events, Duration sending, Duration processed, long done, CpuTime cpu) {

        double eventsPerSecond() {
            long nanos = processed.toNanos();
            return nanos == 0 ? 0 : done * 1e9 / nanos;
        }
    }

    private final BenchSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TwoNodeBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.exitWith("two-nodes", () -> new TwoNodeBenchmark(BenchSettings.fromSystemProperties()).run());
    }

    private int run() throws Exception {
        Path output = settings.outputDir();
        BenchDatabase.recreate();
        int events = settings.scaled(EVENTS_PER_PHASE);
        List<Phase> phases = new ArrayList<>();
        System.out.println("Starting two nodes of " + settings.serverHome() + " on database " + BenchDatabase.NAME);
        List<String> sharedKeys = List.of("-Dliaison.secrets.keys=" + oneRunKey());
        try (LiaisonServer nodeA = LiaisonServer.start(settings.serverHome(), BenchDatabase.NAME,
                output.resolve("two-nodes-a.log"), SERVER_READY_TIMEOUT, true, LiaisonServer.PORT_OFFSET, null,
                sharedKeys);
             LiaisonServer nodeB = LiaisonServer.start(settings.serverHome(), BenchDatabase.NAME,
                     output.resolve("two-nodes-b.log"), SERVER_READY_TIMEOUT, true, SECOND_NODE_OFFSET,
                     output.resolve("two-nodes-b-base"), sharedKeys)) {
            AdminClient admin = new AdminClient(http, nodeA.baseUri());
            List<String> connections = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                connections.add(admin.createWebhookConnection("two-nodes-" + i, SIGNING_SECRET));
            }
            CpuMeter cpu = new CpuMeter(() -> Stream.concat(nodeA.processes(), nodeB.processes()));
            AtomicLong nextPerson = new AtomicLong(1);
            // Untimed: fills the tables before the statistics are taken, so that neither timed phase runs on plans
            // made for empty tables (the first attempt measured exactly that: one node at 6 ms of PostgreSQL CPU
            // per event, then two nodes at 1 ms).
            phase("warm-up", Math.max(1, events / 4), nodeA, List.of(nodeA, nodeB), List.of(nodeA, nodeB),
                    connections, nextPerson, cpu);
            phases.add(phase("one node", events, nodeA, List.of(nodeA), List.of(nodeA, nodeB), connections,
                    nextPerson, cpu));
            phases.add(phase("two nodes", events, nodeA, List.of(nodeA, nodeB), List.of(nodeA, nodeB), connections,
                    nextPerson, cpu));
        }
        String table = table(phases);
        String ratio = String.format(Locale.ROOT, "Two nodes / one node: %.1f %%",
                phases.get(1).eventsPerSecond() / Math.max(1e-9, phases.get(0).eventsPerSecond()) * 100);
        BenchOutput.report(table + ratio + "\n", output.resolve("two-node-benchmark.md"),
                "Processing of contact.upserted backlogs over " + CONNECTIONS + " connections, " + events
                        + " events per phase, on " + Runtime.getRuntime().availableProcessors() + " cores:\n\n"
                        + markdown(phases) + "\n" + ratio + "\n");
        boolean complete = phases.stream().allMatch(phase -> phase.done() == phase.events());
        if (!complete) {
            System.out.println("Not every event was processed: see the servers' logs");
        }
        return complete ? 0 : 1;
    }

    /**
     * Nodes sharing a database must open each other's sealed connection settings; without a configured key each
     * node would seal with the key file in its own data directory. A fresh key per run: the database is dropped
     * with it.
     */
    private static String oneRunKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "bench:" + Base64.getEncoder().encodeToString(key);
    }

    private Phase phase(String name, int events, LiaisonServer receiver, List<LiaisonServer> processing,
                        List<LiaisonServer> all, List<String> connections, AtomicLong nextPerson, CpuMeter cpu)
            throws Exception {
        for (LiaisonServer node : all) {
            post(node.baseUri().resolve("/api/admin/inbox/pause"));
        }
        long doneBefore = done(receiver, connections);
        ContactEvents contacts = new ContactEvents(SIGNING_SECRET);
        long firstPerson = nextPerson.getAndAdd(events);
        AtomicLong cursor = new AtomicLong(firstPerson);
        LoadDriver driver = new LoadDriver(settings.levelTimeCap(), cpu);
        Measurement sending = driver.run(SENDERS, events, () -> new LoadClient() {
            @Override
            public void send(long sequence) throws Exception {
                long person = cursor.getAndIncrement();
                String connection = connections.get((int) (person % connections.size()));
                deliver(receiver.webhookUri(connection), contacts.about(person, Instant.now()));
            }

            @Override
            public void close() {
            }
        });
        System.out.printf(Locale.ROOT, "%s: %,d events accepted at %.0f/s; processing...%n", name,
                sending.succeeded(), sending.perSecond());
        analyze();
        CpuTime before = cpu.now();
        long started = System.nanoTime();
        for (LiaisonServer node : processing) {
            post(node.baseUri().resolve("/api/admin/inbox/resume"));
        }
        long deadline = started + settings.levelTimeCap().multipliedBy(3).toNanos();
        long done = done(receiver, connections) - doneBefore;
        while (done < sending.succeeded() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_INTERVAL.toMillis());
            done = done(receiver, connections) - doneBefore;
        }
        Phase phase = new Phase(name, events, sending.elapsed(), Duration.ofNanos(System.nanoTime() - started), done,
                cpu.now().minus(before));
        System.out.printf(Locale.ROOT, "%s: %,d processed at %.0f events/s%n", name, done, phase.eventsPerSecond());
        return phase;
    }

    /**
     * Statistics for the planner, as autovacuum would have gathered them by now on a database that is allowed to run
     * it (this machine's PostgreSQL has it off): both phases then start from planned tables.
     */
    private static void analyze() throws SQLException {
        try (BenchDatabase database = BenchDatabase.open(); Connection connection = database.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("vacuum (analyze)");
        }
    }

    private void deliver(URI webhook, SignedDelivery delivery) throws IOException, InterruptedException,
            RequestFailed {
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, delivery.timestamp())
                .header(WebhookSignature.SIGNATURE_HEADER, delivery.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body())).build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 202) {
            throw new RequestFailed("HTTP " + status);
        }
    }

    private long done(LiaisonServer node, List<String> connections) throws IOException, InterruptedException {
        long done = 0;
        for (String connection : connections) {
            HttpRequest request = HttpRequest.newBuilder(node.baseUri().resolve("/api/admin/connections/"
                            + connection)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", BenchSettings.adminAuthorization()).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("reading a connection answered HTTP " + response.statusCode());
            }
            done += ProfileAnswer.inboxCounts(response.body()).done();
        }
        return done;
    }

    private void post(URI action) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(action).timeout(Duration.ofSeconds(30))
                .header("Authorization", BenchSettings.adminAuthorization())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 204) {
            throw new IllegalStateException(action.getPath() + " answered HTTP " + status);
        }
    }

    private static List<List<String>> rows(List<Phase> phases) {
        return phases.stream().map(phase -> List.of(phase.nodes(), Long.toString(phase.events()),
                ReportCells.decimal(ReportCells.seconds(phase.processed()), 1),
                ReportCells.decimal(phase.eventsPerSecond(), 0), Long.toString(phase.done()),
                ReportCells.perRequest(phase.cpu().server(), Math.max(1, phase.done())),
                ReportCells.perRequest(phase.cpu().database(), Math.max(1, phase.done())))).toList();
    }

    private static String table(List<Phase> phases) {
        return new Table(HEADER, rows(phases)).plain();
    }

    private static String markdown(List<Phase> phases) {
        return new Table(HEADER, rows(phases)).markdown();
    }
}
