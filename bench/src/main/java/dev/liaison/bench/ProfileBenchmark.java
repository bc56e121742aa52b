package dev.liaison.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Profile lookup by e-mail and by phone with a million profiles in PostgreSQL, at concurrency 1 and 8, next to the
 * ceiling of one plain indexed SELECT on the same tables; then the throughput of contact.upserted events through
 * the inbox into the profile store. Runs after {@link IntakeBenchmark} with {@code ./mvnw -B -Ppostgres,bench
 * -DskipTests verify}; README.md explains the numbers.
 *
 * <p>Unlike the intake benchmark, it starts the server with inbox processing on: the upsert run measures exactly
 * that processing, and while the lookups run the inbox is empty, so the idle workers' polls are all it costs them.
 *
 * <p>Exits 0 when every request succeeded and every event was processed as it must be, whether or not the lookup
 * met its goal (the report says so), 1 when something failed and the numbers cannot be trusted, 2 when the
 * benchmark could not run at all.
 */
public final class ProfileBenchmark {

    private static final String SIGNING_SECRET = "bench-signing-secret";
    private static final Duration SERVER_READY_TIMEOUT = Duration.ofMinutes(3);
    /** Fixed, so that two runs update the same people. */
    private static final long UPSERT_SEED = 20261123L;
    /** Sending and processing together are one measured run, so they get more than one run's time cap. */
    private static final int UPSERT_TIME_CAP_FACTOR = 3;
    /** On two cores the server's compiler settles within two to three minutes of load. */
    private static final Duration WARM_UP_CAP = Duration.ofMinutes(4);

    private final ProfileBenchSettings settings;

    private ProfileBenchmark(ProfileBenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.exitWith("profile", () -> new ProfileBenchmark(ProfileBenchSettings.fromSystemProperties()).run());
    }

    private int run() throws Exception {
        BenchSettings common = settings.common();
        int population = settings.population();
        Path serverLog = common.outputDir().resolve("profile-server.log");
        BenchDatabase.recreate();
        String postgresVersion;
        PopulationLoader.Timing load;
        List<LookupResult> lookups = new ArrayList<>();
        UpsertRun.Result upsert;
        WarmUp.Result warmedUp;
        System.out.println("Starting " + common.serverHome() + " with inbox processing on database "
                + BenchDatabase.NAME + " (log: " + serverLog + ")");
        try (LiaisonServer server = LiaisonServer.start(common.serverHome(), BenchDatabase.NAME, serverLog,
                SERVER_READY_TIMEOUT, true);
             BenchDatabase database = BenchDatabase.open()) {
            postgresVersion = database.serverVersion();
            HttpClient http = BenchHttp.client();
            // First, so that the loaded people's external identities are records of this connection and the
            // upsert run's updates find them.
            AdminClient admin = new AdminClient(http, server.baseUri());
            String connectionId = admin.createWebhookConnection("bench-profiles", SIGNING_SECRET);

            System.out.printf(Locale.ROOT, "Loading %,d profiles...%n", population);
            load = PopulationLoader.load(database, population, connectionId);
            System.out.printf(Locale.ROOT, "Loaded in %.1f s%n", ReportCells.seconds(load.total()));

            LoadDriver driver = new LoadDriver(common.levelTimeCap(), new CpuMeter(server::processes));
            String lookupAuthorization = admin.createApiKey("bench-lookups", "support-agent");
            BenchSettings.Level warmUp = settings.warmUp();
            warmedUp = new WarmUp(server::processes, WARM_UP_CAP).run(() -> {
                for (LookupKind kind : LookupKind.values()) {
                    progress("warm-up API " + kind.label(), driver.run(warmUp.concurrency(), warmUp.requests(),
                            () -> new ApiLookupClient(server.baseUri(), lookupAuthorization, kind, population)));
                    progress("warm-up SQL " + kind.label(), driver.run(warmUp.concurrency(), warmUp.requests(),
                            () -> new PlainLookupClient(database.connect(), kind, population)));
                }
            });
            for (BenchSettings.Level level : settings.lookupLevels()) {
                for (LookupKind kind : LookupKind.values()) {
                    Measurement api = driver.run(level.concurrency(), level.requests(),
                            () -> new ApiLookupClient(server.baseUri(), lookupAuthorization, kind, population));
                    progress("API " + kind.label(), api);
                    Measurement ceiling = driver.run(level.concurrency(), level.requests(),
                            () -> new PlainLookupClient(database.connect(), kind, population));
                    progress("SQL " + kind.label(), ceiling);
                    lookups.add(new LookupResult(kind, level.concurrency(), api, ceiling));
                }
            }

            UpsertPlan plan = UpsertPlan.of(settings.upsertEvents(), population, new Random(UPSERT_SEED));
            System.out.printf(Locale.ROOT, "Sending %,d contact.upserted events and waiting for processing...%n",
                    plan.events());
            upsert = new UpsertRun(http, server, connectionId, new ContactEvents(SIGNING_SECRET),
                    new CpuMeter(server::processes), common.levelTimeCap().multipliedBy(UPSERT_TIME_CAP_FACTOR))
                    .run(plan, ProfileBenchSettings.UPSERT_SENDERS, population, database);
        }

        ProfileReport report = new ProfileReport(population, load, lookups, upsert,
                Runtime.getRuntime().availableProcessors());
        BenchOutput.report(report.plain(), common.outputDir().resolve("profile-benchmark.md"),
                report.markdown(context(postgresVersion, warmedUp)));
        return report.anyFailure() ? 1 : 0;
    }

    private static void progress(String run, Measurement measurement) {
        BenchOutput.progress(22, run, measurement);
    }

    private String context(String postgresVersion, WarmUp.Result warmedUp) {
        return BenchOutput.machine(postgresVersion, "the load generator") + String.format(Locale.ROOT, " %,d "
                        + "profiles loaded with SQL, each with an e-mail, a phone and an external identity and one "
                        + "attribute. Lookups pick a random loaded person; by phone the API is given the national form "
                        + "(8 903 ...) and normalises it to E.164. Every answer must be exactly that person's profile. "
                        + "Request counts scaled by %s. Inbox processing is on, with the server's default workers. %s.",
                settings.population(), settings.common().scale(), warmedUp.describe());
    }
}
