package dev.liaison.bench;

import dev.liaison.platform.workspace.WorkspaceContext;
import dev.liaison.profile.messaging.MessageRequest;
import dev.liaison.scenario.engine.RunStatus;
import dev.liaison.scenario.engine.ScenarioCatalog;
import dev.liaison.scenario.loyalty.LoyaltyProgram;
import dev.liaison.scenario.routing.Condition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Scenario evaluations per second: {@code ScenarioEngine.start} of a deal-won scenario for one won deal per profile,
 * over 100,000 distinct profiles, next to the ceiling of bare evaluation of the same trigger condition in the same
 * JVM. The engine runs in this JVM, built on its real JDBC stores over a PostgreSQL database of its own (see
 * {@link StandaloneEngine}); each start is one transaction on its thread's connection, committed, as an inbox entry
 * is in the server. The scenario's points lift every profile a tier, so each start also runs the shipped
 * tier-upgrade-congratulation scenario, nested. Needs no server:
 * {@code ./mvnw -B -pl bench -am -Pbench -DskipTests verify -Dliaison.bench.only=scenarios}; README.md explains
 * the numbers.
 *
 * <p>Exits 0 when every start and evaluation succeeded and the rows counted afterwards are the rows the starts must
 * have written, 1 when not (the rate would not be the rate of the work described), 2 when the benchmark could not
 * run.
 */
public final class ScenarioBenchmark {

    private final ScenarioBenchSettings settings;

    private ScenarioBenchmark(ScenarioBenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchMain.exitWith("scenarios", () -> new ScenarioBenchmark(ScenarioBenchSettings.fromSystemProperties())
                .run());
    }

    private int run() throws Exception {
        System.out.printf(Locale.ROOT, "Creating the database %s and loading %,d profiles...%n", ScenarioDatabase.NAME,
                settings.profilesToLoad());
        ScenarioDatabase database = ScenarioDatabase.recreate();
        database.migrate();
        String mailConnection = database.addMailConnection();
        List<String> profiles = database.addProfiles(settings.profilesToLoad());

        TransactionBoundDataSource transactions = new TransactionBoundDataSource();
        StandaloneEngine standalone = StandaloneEngine.assemble(transactions, mailConnection, loyaltyProgram(),
                Clock.systemUTC());
        saveScenarios(standalone.catalog(), database, transactions);
        Condition trigger = standalone.catalog().parser().parse(DealWonScenario.DEFINITION).when();
        CpuMeter cpu = new CpuMeter(Stream::empty);
        int threads = settings.threads();

        LoadDriver engineDriver = new LoadDriver(settings.timeCap(), cpu);
        LoadClient.Factory engineClients = () -> new EngineClient(standalone.engine(), transactions, profiles,
                database.connect());
        System.out.printf(Locale.ROOT, "Engine: warm-up of %,d starts, then %,d measured, %d threads...%n",
                ScenarioBenchSettings.WARM_UP, settings.profiles(), threads);
        Measurement engineWarmUp = engineDriver.run(threads, ScenarioBenchSettings.WARM_UP, engineClients);
        if (failed("engine", engineWarmUp)) {
            return 1;
        }
        Measurement engine = engineDriver.run(threads, settings.profiles(), engineClients);

        // Measured after the engine, on a JVM the engine has warmed up too: if anything, that raises the ceiling,
        // so the ratio errs low rather than high.
        LoadDriver ceilingDriver = new LoadDriver(settings.timeCap(), cpu);
        LoadClient.Factory ceilingClients = () -> new ConditionClient(trigger, profiles);
        System.out.printf(Locale.ROOT, "Ceiling: warm-up of %,d condition evaluations, then %,d measured...%n",
                ScenarioBenchSettings.WARM_UP, settings.profiles());
        Measurement ceilingWarmUp = ceilingDriver.run(threads, ScenarioBenchSettings.WARM_UP, ceilingClients);
        if (failed("ceiling", ceilingWarmUp)) {
            return 1;
        }
        Measurement ceiling = ceilingDriver.run(threads, settings.profiles(), ceilingClients);

        long started = engineWarmUp.succeeded() + engine.succeeded();
        int cores = Runtime.getRuntime().availableProcessors();
        ScenarioReport report = new ScenarioReport(engine, ceiling, checks(database, started), cores);
        String header = String.format(Locale.ROOT, "Scenario engine benchmark, %s, Java %s, %d cores, PostgreSQL %s: "
                        + "ScenarioEngine.start of the %s scenario for one won deal per profile, over %,d distinct "
                        + "profiles after a warm-up on %,d others, each start one committed transaction, next to bare "
                        + "evaluation of its trigger condition in the same JVM.",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), System.getProperty("java.version"), cores,
                database.serverVersion(), DealWonScenario.NAME, settings.profiles(), ScenarioBenchSettings.WARM_UP);
        System.out.println();
        System.out.println(header);
        System.out.println();
        System.out.print(report.plain());
        Files.createDirectories(settings.outputDir());
        Files.writeString(settings.outputDir().resolve("scenario-benchmark.md"), report.markdown(header));
        return report.untrustworthy() ? 1 : 0;
    }

    private LoyaltyProgram loyaltyProgram() throws Exception {
        return LoyaltyProgram.parse(Files.readString(settings.scenarioFile("loyalty.yaml"), StandardCharsets.UTF_8));
    }

    /** The benchmark's deal-won scenario and the shipped scenario its tier changes start. */
    private void saveScenarios(ScenarioCatalog catalog, ScenarioDatabase database,
                               TransactionBoundDataSource transactions) throws Exception {
        String nested = Files.readString(settings.scenarioFile(DealWonScenario.NESTED_FILE), StandardCharsets.UTF_8);
        WorkspaceContext.enter(WorkspaceContext.DEFAULT);
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            transactions.inTransaction(connection, () -> {
                catalog.save(DealWonScenario.DEFINITION, "benchmark");
                catalog.save(nested, "file " + DealWonScenario.NESTED_FILE);
            });
        } finally {
            WorkspaceContext.clear();
        }
    }

    /** A warm-up that failed or was cut short: the engine or the condition does not work, so nothing is measured. */
    private static boolean failed(String run, Measurement warmUp) {
        if (warmUp.errorCount() == 0 && !warmUp.hitTimeCap()) {
            return false;
        }
        System.out.println(run + ": the warm-up " + (warmUp.hitTimeCap() ? "hit its time cap" : "failed") + "; "
                + warmUp.succeeded() + " succeeded, failures by kind: " + warmUp.sortedErrors());
        return true;
    }

    /** Per start: two runs (the scenario and the nested one), both completed, two messages queued, one award. */
    private static List<ScenarioReport.Check> checks(ScenarioDatabase database, long started) throws Exception {
        return List.of(
                new ScenarioReport.Check("scenario_run", 2 * started,
                        database.count("select count(*) from scenario_run")),
                new ScenarioReport.Check("scenario_run of " + DealWonScenario.NESTED, started,
                        database.count("select count(*) from scenario_run where scenario_name = '"
                                + DealWonScenario.NESTED + "'")),
                new ScenarioReport.Check("scenario_run not " + RunStatus.COMPLETED, 0,
                        database.count("select count(*) from scenario_run where status <> '" + RunStatus.COMPLETED
                                + "'")),
                new ScenarioReport.Check("outbox_action " + MessageRequest.TYPE, 2 * started,
                        database.count("select count(*) from outbox_action where action_type = '"
                                + MessageRequest.TYPE + "'")),
                new ScenarioReport.Check("loyalty_entry", started,
                        database.count("select count(*) from loyalty_entry")));
    }
}
