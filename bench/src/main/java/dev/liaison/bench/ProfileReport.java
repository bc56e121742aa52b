package dev.liaison.bench;

import static dev.liaison.bench.ReportCells.decimal;
import static dev.liaison.bench.ReportCells.seconds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The profile benchmark's verdict: lookups through the API next to the plain indexed SELECT, where the CPU time
 * went, upsert throughput, and whether the API lookup's p99 at concurrency 1 stayed under the goal of 5 ms with a
 * million profiles loaded.
 */
final class ProfileReport {

    static final double GOAL_P99_MILLIS = 5.0;
    static final int GOAL_CONCURRENCY = 1;

    private final int population;
    private final PopulationLoader.Timing load;
    private final List<LookupResult> lookups;
    private final UpsertRun.Result upsert;
    private final int cores;

    /** @param cores the processors the server, PostgreSQL and the benchmark shared */
    ProfileReport(int population, PopulationLoader.Timing load, List<LookupResult> lookups, UpsertRun.Result upsert,
                  int cores) {
        this.population = population;
        this.load = load;
        this.lookups = List.copyOf(lookups);
        this.upsert = upsert;
        this.cores = cores;
    }

    String loadLine() {
        return String.format(Locale.ROOT, "Loaded %,d profiles (%,d identities, %,d attributes) in %.1f s: profiles "
                        + "%.1f s, identities %.1f s, attributes %.1f s, vacuum and analyze %.1f s.", population,
                3L * population, (long) population, seconds(load.total()), seconds(load.profiles()),
                seconds(load.identities()), seconds(load.attributes()), seconds(load.vacuumAnalyze()));
    }

    Table lookups() {
        List<List<String>> rows = new ArrayList<>();
        for (LookupResult lookup : lookups) {
            rows.add(List.of(lookup.kind().label(), Integer.toString(lookup.concurrency()),
                    decimal(lookup.api().perSecond(), 0), decimal(lookup.api().p50Millis(), 2),
                    decimal(lookup.api().p99Millis(), 2), Long.toString(lookup.api().errorCount()),
                    decimal(lookup.ceiling().perSecond(), 0), decimal(lookup.ceiling().p50Millis(), 2),
                    decimal(lookup.ceiling().p99Millis(), 2), Long.toString(lookup.ceiling().errorCount())));
        }
        return new Table(List.of("lookup by", "concurrency", "API req/s", "API p50 ms", "API p99 ms", "API errors",
                "SQL req/s", "SQL p50 ms", "SQL p99 ms", "SQL errors"), rows);
    }

    Table cpu() {
        List<List<String>> rows = new ArrayList<>();
        for (NamedRun run : runs()) {
            rows.add(ReportCells.cpuRow(run.name(), run.measurement(), cores));
        }
        return new Table(ReportCells.CPU_HEADER, rows);
    }

    Table upsert() {
        CpuTime cpu = upsert.cpu();
        long events = upsert.plan().events();
        return new Table(List.of("events", "updates", "new people", "sent in s", "intake alone req/s",
                "processed in s", "processing alone events/s", "processing / intake", "done", "dead",
                "server CPU ms/event", "PostgreSQL CPU ms/event", "other processes busy", "machine busy"),
                List.of(List.of(
                Long.toString(events), Integer.toString(upsert.plan().updates()),
                Integer.toString(upsert.plan().newPeople()), decimal(seconds(upsert.sending().elapsed()), 1),
                decimal(upsert.sending().perSecond(), 0), decimal(seconds(upsert.processed()), 1),
                decimal(upsert.eventsPerSecond(), 0), decimal(upsert.processingShareOfIntake() * 100, 1) + " %",
                Long.toString(upsert.inbox().done()),
                Long.toString(upsert.inbox().dead()), ReportCells.perRequest(cpu.server(), events),
                ReportCells.perRequest(cpu.database(), events),
                ReportCells.percent(cpu.others(), upsert.processed(), cores),
                ReportCells.percent(cpu.machine(), upsert.processed(), cores))));
    }

    private Optional<Double> goalP99(LookupKind kind) {
        return lookups.stream()
                .filter(lookup -> lookup.kind() == kind && lookup.concurrency() == GOAL_CONCURRENCY)
                .findFirst().map(lookup -> lookup.api().p99Millis());
    }

    /** A latency of failed requests says nothing about lookups, however small it is. */
    private boolean goalLookupsFailed() {
        return lookups.stream().anyMatch(lookup -> lookup.concurrency() == GOAL_CONCURRENCY
                && !lookup.api().errors().isEmpty());
    }

    boolean goalMet() {
        return population >= ProfileBenchSettings.GOAL_POPULATION && !goalLookupsFailed()
                && List.of(LookupKind.values()).stream()
                .allMatch(kind -> goalP99(kind).map(p99 -> p99 < GOAL_P99_MILLIS).orElse(false));
    }

    String verdict() {
        if (population < ProfileBenchSettings.GOAL_POPULATION) {
            return String.format(Locale.ROOT, "Only %,d profiles were loaded: the goal (p99 under %.0f ms at %,d "
                    + "profiles) is not judged.", population, GOAL_P99_MILLIS, ProfileBenchSettings.GOAL_POPULATION);
        }
        if (goalLookupsFailed()) {
            return "API lookups at concurrency " + GOAL_CONCURRENCY + " failed (see above): the goal cannot be judged.";
        }
        Optional<Double> email = goalP99(LookupKind.EMAIL);
        Optional<Double> phone = goalP99(LookupKind.PHONE);
        if (email.isEmpty() || phone.isEmpty()) {
            return "Lookups at concurrency " + GOAL_CONCURRENCY + " were not measured: the goal cannot be judged.";
        }
        return String.format(Locale.ROOT, "At %,d profiles and concurrency %d the API lookup's p99 was %.2f ms by "
                        + "e-mail and %.2f ms by phone: the goal of p99 under %.0f ms is %s.", population,
                GOAL_CONCURRENCY, email.get(), phone.get(), GOAL_P99_MILLIS, goalMet() ? "MET" : "NOT MET");
    }

    /** Failed requests, runs cut short, and an upsert run that did not end as it must; empty for a clean run. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (NamedRun run : allRuns()) {
            run.measurement().sortedErrors().forEach((kind, count) -> notes.add(
                    run.describe() + ": " + count + " x " + kind));
            if (run.measurement().hitTimeCap()) {
                notes.add(run.describe() + " stopped at its time cap after " + run.measurement().succeeded()
                        + " successful requests");
            }
        }
        if (!upsert.complete()) {
            notes.add("upsert: only " + upsert.inbox().done() + " of " + upsert.plan().events()
                    + " events were processed in " + decimal(seconds(upsert.processed()), 1) + " s ("
                    + upsert.inbox().pending() + " pending, " + upsert.inbox().dead() + " dead)");
        }
        if (!upsert.verification().passed()) {
            notes.add("upsert: the profile tables do not hold what the events describe: "
                    + upsert.verification().describe());
        }
        return notes;
    }

    /** A failed request or an upsert run that did not end as it must; a run cut short by its cap is only noted. */
    boolean anyFailure() {
        return allRuns().stream().anyMatch(run -> run.measurement().errorCount() > 0) || !upsert.complete()
                || !upsert.verification().passed();
    }

    String plain() {
        StringBuilder text = new StringBuilder(loadLine()).append("\n\n");
        text.append(lookupCaption()).append(":\n").append(lookups().plain()).append('\n');
        text.append(cpuCaption()).append(":\n").append(cpu().plain()).append('\n');
        text.append(upsertCaption()).append(":\n").append(upsert().plain()).append('\n');
        notes().forEach(line -> text.append(line).append('\n'));
        return text.append(verdict()).append('\n').toString();
    }

    String markdown(String context) {
        StringBuilder text = new StringBuilder("# Profile store benchmark\n\n").append(context).append("\n\n");
        text.append(loadLine()).append("\n\n");
        text.append(lookupCaption()).append(":\n\n").append(lookups().markdown()).append('\n');
        text.append(cpuCaption()).append(":\n\n").append(cpu().markdown()).append('\n');
        text.append(upsertCaption()).append(":\n\n").append(upsert().markdown()).append('\n');
        notes().forEach(line -> text.append("- ").append(line).append('\n'));
        return text.append("\n**").append(verdict()).append("**\n").toString();
    }

    private static String lookupCaption() {
        return "Profile lookup by a random loaded person: GET /api/profiles (API) next to one indexed SELECT of the "
                + "profile by its normalised identity (SQL, the ceiling)";
    }

    private String cpuCaption() {
        return "Where the time went (" + cores + " cores shared by the server, PostgreSQL, the benchmark and anything "
                + "else running)";
    }

    private static String upsertCaption() {
        return "Upsert throughput: signed contact.upserted webhooks, half updates of loaded people and half new "
                + "people, accepted with inbox processing paused (intake alone), then processed from the resume "
                + "until the last was done (processing alone; CPU per event over that span)";
    }

    private record NamedRun(String name, Measurement measurement) {
        String describe() {
            return name + " at concurrency " + measurement.concurrency();
        }
    }

    private List<NamedRun> runs() {
        List<NamedRun> runs = new ArrayList<>();
        for (LookupResult lookup : lookups) {
            runs.add(new NamedRun("API by " + lookup.kind().label(), lookup.api()));
            runs.add(new NamedRun("SQL by " + lookup.kind().label(), lookup.ceiling()));
        }
        return runs;
    }

    private List<NamedRun> allRuns() {
        List<NamedRun> runs = new ArrayList<>(runs());
        runs.add(new NamedRun("upsert sending", upsert.sending()));
        return runs;
    }
}
