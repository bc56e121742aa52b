package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileReportTest {

    private static final PopulationLoader.Timing LOAD = new PopulationLoader.Timing(Duration.ofSeconds(10),
            Duration.ofSeconds(40), Duration.ofSeconds(8), Duration.ofSeconds(2));
    private static final UpsertPlan PLAN = new UpsertPlan(List.of(5L, 1_000_001L, 7L, 1_000_002L), 2);

    @Test
    void theGoalIsAnApiP99UnderFiveMillisecondsAtConcurrencyOneByEmailAndByPhone() {
        ProfileReport met = report(1_000_000, lookups(4.99, 3.2), upsert(4, 0));
        ProfileReport missed = report(1_000_000, lookups(4.99, 5.0), upsert(4, 0));

        assertThat(met.goalMet()).isTrue();
        assertThat(met.verdict()).isEqualTo("At 1,000,000 profiles and concurrency 1 the API lookup's p99 was 4.99 "
                + "ms by e-mail and 3.20 ms by phone: the goal of p99 under 5 ms is MET.");
        assertThat(missed.goalMet()).isFalse();
        assertThat(missed.verdict()).endsWith("is NOT MET.");
    }

    @Test
    void aSmallerPopulationIsNotJudged() {
        ProfileReport report = report(10_000, lookups(1, 1), upsert(4, 0));

        assertThat(report.goalMet()).isFalse();
        assertThat(report.verdict()).isEqualTo("Only 10,000 profiles were loaded: the goal (p99 under 5 ms at "
                + "1,000,000 profiles) is not judged.");
    }

    @Test
    void lookupTableShowsTheApiNextToTheCeiling() {
        ProfileReport report = report(1_000_000, lookups(4.5, 3), upsert(4, 0));

        assertThat(report.lookups().rows().get(0))
                .containsExactly("e-mail", "1", "400", "2.00", "4.50", "0", "5000", "0.20", "0.50", "0");
        assertThat(report.cpu().rows()).extracting(row -> row.get(0))
                .containsExactly("API by e-mail", "SQL by e-mail", "API by phone", "SQL by phone");
    }

    @Test
    void upsertTableChargesCpuPerEventAndReportsTheProcessingRateNextToIntake() {
        UpsertRun.Result upsert = new UpsertRun.Result(PLAN, perSecond(8, 4, 1, 1), Duration.ofSeconds(2),
                new ProfileAnswer.InboxCounts(0, 4, 0), new CpuTime(Duration.ofMillis(40), Duration.ofMillis(20),
                Duration.ofMillis(4), Duration.ofMillis(2_000)), verified());
        ProfileReport report = report(1_000_000, lookups(1, 1), upsert);

        assertThat(report.upsert().rows()).containsExactly(List.of("4", "2", "2", "1.0", "4", "2.0", "2", "50.0 %", "4", "0",
                "10.000", "5.000", "48 %", "50 %"));
        assertThat(report.anyFailure()).isFalse();
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void unprocessedEventsAndWrongProfilesAreFailures() {
        UpsertRun.Result incomplete = new UpsertRun.Result(PLAN, perSecond(8, 4, 1, 1), Duration.ofSeconds(360),
                new ProfileAnswer.InboxCounts(1, 2, 1), CpuTime.NONE,
                new UpsertRun.Verification(1_000_003, 1_000_002, 0, 3, 4));
        ProfileReport report = report(1_000_000, lookups(1, 1), incomplete);

        assertThat(report.anyFailure()).isTrue();
        assertThat(report.notes()).containsExactly(
                "upsert: only 2 of 4 events were processed in 360.0 s (1 pending, 1 dead)",
                "upsert: the profile tables do not hold what the events describe: 1000003 profiles (expected "
                        + "1000002), 0 merged (expected 0), 3 with a lastName (expected 4)");
    }

    @Test
    void failedLookupsAreFailuresAndCappedRunsOnlyNotes() {
        Measurement failing = new Measurement(1, 99, Map.of("another person's profile", 1L), Duration.ofSeconds(1),
                1, 2, CpuTime.NONE, false);
        Measurement capped = new Measurement(1, 50, Map.of(), Duration.ofSeconds(120), 1, 2, CpuTime.NONE, true);
        ProfileReport failed = report(1_000_000, List.of(new LookupResult(LookupKind.EMAIL, 1, failing,
                perSecond(1, 100, 1, 1))), upsert(4, 0));
        ProfileReport slow = report(1_000_000, List.of(new LookupResult(LookupKind.PHONE, 1, capped,
                perSecond(1, 100, 1, 1))), upsert(4, 0));

        assertThat(failed.anyFailure()).isTrue();
        assertThat(failed.goalMet()).isFalse();
        assertThat(failed.verdict()).isEqualTo("API lookups at concurrency 1 failed (see above): the goal cannot be "
                + "judged.");
        assertThat(failed.notes()).containsExactly("API by e-mail at concurrency 1: 1 x another person's profile");
        assertThat(slow.anyFailure()).isFalse();
        assertThat(slow.notes()).containsExactly(
                "API by phone at concurrency 1 stopped at its time cap after 50 successful requests");
        assertThat(slow.markdown("context")).contains("- API by phone at concurrency 1 stopped at its time cap");
    }

    @Test
    void theLoadLineSaysHowLongEachTableTook() {
        assertThat(report(1_000_000, lookups(1, 1), upsert(4, 0)).loadLine()).isEqualTo("Loaded 1,000,000 "
                + "profiles (3,000,000 identities, 1,000,000 attributes) in 60.0 s: profiles 10.0 s, identities "
                + "40.0 s, attributes 8.0 s, vacuum and analyze 2.0 s.");
    }

    private static ProfileReport report(int population, List<LookupResult> lookups, UpsertRun.Result upsert) {
        return new ProfileReport(population, LOAD, lookups, upsert, 2);
    }

    private static List<LookupResult> lookups(double emailP99, double phoneP99) {
        return List.of(
                new LookupResult(LookupKind.EMAIL, 1, perSecond(1, 400, 2, emailP99), perSecond(1, 5_000, 0.2, 0.5)),
                new LookupResult(LookupKind.PHONE, 1, perSecond(1, 400, 2, phoneP99), perSecond(1, 5_000, 0.2, 0.5)));
    }

    private static UpsertRun.Result upsert(long done, long dead) {
        return new UpsertRun.Result(PLAN, perSecond(8, 4, 1, 1), Duration.ofSeconds(1),
                new ProfileAnswer.InboxCounts(0, done, dead), CpuTime.NONE, verified());
    }

    private static UpsertRun.Verification verified() {
        return new UpsertRun.Verification(1_000_002, 1_000_002, 0, 4, 4);
    }

    private static Measurement perSecond(int concurrency, long succeeded, double p50, double p99) {
        return new Measurement(concurrency, succeeded, Map.of(), Duration.ofSeconds(1), p50, p99, CpuTime.NONE,
                false);
    }
}
