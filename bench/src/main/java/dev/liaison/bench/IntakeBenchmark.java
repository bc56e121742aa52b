package dev.liaison.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Durable webhook intake throughput and latency at concurrency 1, 8 and 32, next to the ceiling measured in the
 * same run against the same PostgreSQL: plain JDBC single-row insert and commit of the same row. Run it with
 * {@code ./mvnw -B -Ppostgres,bench -DskipTests verify}; README.md explains the numbers.
 *
 * <p>Exits 0 when every request succeeded, whether or not intake met its goal (the report says so), 1 when some
 * requests failed and the numbers cannot be trusted, 2 when the benchmark could not run at all.
 */
public final class IntakeBenchmark {

    private static final String SIGNING_SECRET = "bench-signing-secret";
    private static final Duration SERVER_READY_TIMEOUT = Duration.ofMinutes(3);

    private final BenchSettings settings;

    private IntakeBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    /** On two cores the server's compiler settles within two to three minutes of load. */
    private static final Duration WARM_UP_CAP = Duration.ofMinutes(4);

    public static void main(String[] args) {
        BenchMain.exitWith("intake", () -> new IntakeBenchmark(BenchSettings.fromSystemProperties()).run());
    }

    private int run() throws Exception {
        Path serverLog = settings.outputDir().resolve("server.log");
        BenchDatabase.recreate();
        List<LevelResult> results = new ArrayList<>();
        String postgresVersion;
        WarmUp.Result warmedUp;
        System.out.println("Starting " + settings.serverHome() + " on database " + BenchDatabase.NAME
                + " (log: " + serverLog + ")");
        // Processing is off: it is a separate pipeline, and its backlog would compete with whichever measurement
        // came next, so that intake and ceiling would no longer be compared on the same machine load.
        try (LiaisonServer server = LiaisonServer.start(settings.serverHome(), BenchDatabase.NAME, serverLog,
                SERVER_READY_TIMEOUT, false);
             BenchDatabase database = BenchDatabase.open()) {
            postgresVersion = database.serverVersion();
            HttpClient http = BenchHttp.client();
            String connectionId = new AdminClient(http, server.baseUri())
                    .createWebhookConnection("bench", SIGNING_SECRET);
            database.createCeilingTable();

            Deliveries deliveries = new Deliveries(SIGNING_SECRET);
            LoadClient.Factory intake = () -> new WebhookClient(server.webhookUri(connectionId), deliveries);
            LoadClient.Factory ceiling = () -> new PlainInsertClient(database.connect(), connectionId, deliveries);
            LoadDriver driver = new LoadDriver(settings.levelTimeCap(), new CpuMeter(server::processes));

            BenchSettings.Level warmUp = settings.warmUp();
            warmedUp = new WarmUp(server::processes, WARM_UP_CAP).run(() -> {
                progress("warm-up intake", driver.run(warmUp.concurrency(), warmUp.requests(), intake));
                progress("warm-up ceiling", driver.run(warmUp.concurrency(), warmUp.requests(), ceiling));
            });
            for (BenchSettings.Level level : settings.levels()) {
                Measurement intakeRun = driver.run(level.concurrency(), level.requests(), intake);
                progress("intake", intakeRun);
                Measurement ceilingRun = driver.run(level.concurrency(), level.requests(), ceiling);
                progress("ceiling", ceilingRun);
                results.add(new LevelResult(level.concurrency(), intakeRun, ceilingRun));
            }
        }

        IntakeReport report = new IntakeReport(results, Runtime.getRuntime().availableProcessors());
        BenchOutput.report(report.plain(), settings.outputDir().resolve("intake-benchmark.md"),
                report.markdown(context(postgresVersion, warmedUp)));
        return report.anyRequestFailed() ? 1 : 0;
    }

    private static void progress(String run, Measurement measurement) {
        BenchOutput.progress(16, run, measurement);
    }

    private String context(String postgresVersion, WarmUp.Result warmedUp) {
        return BenchOutput.machine(postgresVersion, "the load generator") + String.format(Locale.ROOT, " Each "
                        + "request is a signed %d-byte contact.upserted delivery with a new event id; the ceiling "
                        + "inserts the same row into a copy of inbox_entry with plain JDBC, one connection per thread, "
                        + "autocommit. Request counts scaled by %s. Inbox processing is switched off, so that both "
                        + "sides measure the durable write and nothing else. %s.",
                Deliveries.BODY_BYTES, settings.scale(), warmedUp.describe());
    }
}
