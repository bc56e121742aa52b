package dev.liaison.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The admin console's people search and person page with a million profiles loaded (issue 21: server time p95 under
 * 100 ms), next to the ceiling of the same search screen without a look-up, measured in the same run. The server's
 * time is read from each answer's {@code Server-Timing} header, not from the round trip. README.md explains the
 * numbers.
 *
 * <p>Exits 0 when every page was the right one, whether or not the goal was met (the report says so), 1 when a page
 * failed and the numbers cannot be trusted, 2 when the benchmark could not run at all.
 */
public final class ConsoleBenchmark {

    /** A database of its own, so that its million people never meet another benchmark's tables. */
    static final String DATABASE = "liaison_bench_console";
    private static final Duration SERVER_READY_TIMEOUT = Duration.ofMinutes(3);
    /** On two cores the server's compiler settles within two to three minutes of load. */
    private static final Duration WARM_UP_CAP = Duration.ofMinutes(4);
    /** Fixed, so that two runs ask for the same people. */
    private static final long SEED = 20261208L;

    private final ConsoleBenchSettings settings;

    private ConsoleBenchmark(ConsoleBenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.exitWith("console", () -> new ConsoleBenchmark(ConsoleBenchSettings.fromSystemProperties()).run());
    }

    private int run() throws Exception {
        BenchSettings common = settings.common();
        int population = settings.population();
        Path serverLog = common.outputDir().resolve("console-server.log");
        BenchDatabase.recreate(DATABASE);
        String postgresVersion;
        String loaded;
        WarmUp.Result warmedUp;
        List<ConsoleTimes> times = new ArrayList<>();
        System.out.println("Starting " + common.serverHome() + " on database " + DATABASE + " (log: " + serverLog
                + ")");
        try (LiaisonServer server = LiaisonServer.start(common.serverHome(), DATABASE, serverLog,
                SERVER_READY_TIMEOUT, false);
             BenchDatabase database = BenchDatabase.open(DATABASE)) {
            postgresVersion = database.serverVersion();
            String connectionId = new AdminClient(BenchHttp.client(), server.baseUri())
                    .createWebhookConnection("bench-console", "bench-signing-secret");

            System.out.printf(Locale.ROOT, "Loading %,d profiles...%n", population);
            PopulationLoader.Timing people = PopulationLoader.load(database, population, connectionId);
            Duration details = PersonDetailsLoader.load(database, population, connectionId);
            loaded = String.format(Locale.ROOT, "%,d profiles loaded in %.1f s, their consents, deals and tickets "
                    + "in %.1f s", population, ReportCells.seconds(people.total()), ReportCells.seconds(details));
            System.out.println(loaded);

            ConsoleClient console = new ConsoleClient(BenchHttp.client(), server.baseUri());
            console.signIn("admin", BenchSettings.ADMIN_PASSWORD);
            checkFullPerson(console, population, connectionId);

            Random warmUpPeople = new Random(SEED + 1);
            warmedUp = new WarmUp(server::processes, WARM_UP_CAP).run(() -> {
                List<ConsoleTimes> round = fresh();
                measure(console, round, settings.warmUpPages(), population, connectionId, warmUpPeople,
                        common.levelTimeCap());
                System.out.println("warm-up round: " + round.stream().map(kind -> String.format(Locale.ROOT,
                        "%s p95 %.1f ms", kind.kind().name(), kind.serverMillis(95))).toList());
            });
            times.addAll(fresh());
            Duration cap = common.levelTimeCap().multipliedBy(ConsolePageKind.values().length);
            if (!measure(console, times, settings.pages(), population, connectionId, new Random(SEED), cap)) {
                System.out.println("The measured run stopped at its time cap of " + cap.toSeconds() + " s");
            }
        }
        ConsoleReport report = new ConsoleReport(population, times, settings.judged());
        BenchOutput.report(report.plain(), common.outputDir().resolve("console-benchmark.md"),
                report.markdown(context(postgresVersion, loaded, warmedUp)));
        return report.anyFailure() ? 1 : 0;
    }

    private static List<ConsoleTimes> fresh() {
        return Arrays.stream(ConsolePageKind.values()).map(ConsoleTimes::new).toList();
    }

    /**
     * Asks for {@code pages} pages of every kind, one kind after the other so that whatever else the machine does
     * falls on all kinds alike, each about a random loaded person.
     *
     * @return false when the time cap stopped it first
     */
    private static boolean measure(ConsoleClient console, List<ConsoleTimes> times, int pages, int population,
                                   String connectionId, Random random, Duration cap)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + cap.toNanos();
        for (int page = 0; page < pages; page++) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            for (ConsoleTimes kind : times) {
                long n = kind.kind() == ConsolePageKind.PERSON_FULL
                        ? (long) PersonDetailsLoader.TICKET_EVERY * (1 + random.nextInt(population
                        / PersonDetailsLoader.TICKET_EVERY))
                        : 1 + random.nextInt(population);
                ConsoleClient.Page answer = console.get(kind.kind().path(n, connectionId));
                if (answer.status() != 200 || answer.serverMillis().isEmpty()) {
                    kind.failed("person " + n + ": HTTP " + answer.status()
                            + (answer.serverMillis().isEmpty() ? " without Server-Timing" : ""));
                } else if (!kind.kind().shows(answer.body(), n, connectionId)) {
                    kind.failed("person " + n + ": HTTP 200 but not the right page");
                } else {
                    kind.record(answer.serverMillis().get(), answer.roundTripNanos());
                }
            }
        }
        return true;
    }

    /** The loaded rows must be what the server's stores write: a person with everything must show everything. */
    private static void checkFullPerson(ConsoleClient console, int population, String connectionId)
            throws IOException, InterruptedException {
        long n = (long) PersonDetailsLoader.TICKET_EVERY * Math.max(1, population / PersonDetailsLoader.TICKET_EVERY
                / 2);
        ConsoleClient.Page page = console.get(ConsolePageKind.PERSON_FULL.path(n, connectionId));
        if (page.status() != 200 || !ConsolePageKind.PERSON_FULL.shows(page.body(), n, connectionId)
                || !page.body().contains(Population.phoneE164(n))
                || !page.body().contains(ConsolePageKind.externalRef(n, connectionId))
                || !page.body().contains("marketing_email")) {
            throw new IllegalStateException("person " + n + "'s console page (HTTP " + page.status()
                    + ") does not show all that was loaded about them; the loaded rows do not look like the stores' "
                    + "own");
        }
        System.out.printf(Locale.ROOT, "Person %d's page shows identities, attributes, consents, deals and a routed "
                + "ticket (server time %.1f ms)%n", n, page.serverMillis().orElse(Double.NaN));
    }

    private String context(String postgresVersion, String loaded, WarmUp.Result warmedUp) {
        return BenchOutput.machine(postgresVersion, "the benchmark's client") + " " + loaded + ": every person has "
                + "an e-mail, a phone and a CRM reference, firstName, lastName and city; every 5th a marketing "
                + "e-mail grant, every 10th also an SMS grant and two deals, every 20th a routed ticket. Signed in "
                + "once as the embedded admin (all three roles, so every part of the person page is shown); pages "
                + "asked one at a time, each about a random loaded person. Server time is the Server-Timing header's "
                + "app;dur. " + warmedUp.describe() + ".";
    }
}
