package dev.liaison.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorReportTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theCeilingIsTheIssuesFormula() {
        assertThat(ConnectorSyncBenchmark.BITRIX24.ceilingRecordsPerSecond()).isEqualTo(5_000.0);
        assertThat(ConnectorSyncBenchmark.AMOCRM.ceilingRecordsPerSecond()).isEqualTo(1_750.0);
        assertThat(ConnectorSyncBenchmark.ZENDESK.ceilingRecordsPerSecond()).isCloseTo(166.67, within(0.01));
    }

    @Test
    void throughputIsDistinctRecordsOverTheTimeToTheLastRecord() {
        ConnectorReport.Row row = row(ConnectorSyncBenchmark.AMOCRM, 10_000, clean(10_000, Duration.ofSeconds(8)),
                evenly(41, SECOND / 7, 0));

        assertThat(row.recordsPerSecond()).isEqualTo(1_250.0);
        assertThat(row.fractionOfCeiling()).isCloseTo(0.714, within(0.001));
        assertThat(row.goalMet()).isFalse();
        assertThat(row.requestsPerSecond()).isCloseTo(7.0, within(0.01));
        assertThat(new ConnectorReport(List.of(row)).table().rows().get(0)).containsExactly("amoCRM", "10000", "yes",
                "41", "0", "0", "8.0", "1250", "1750", "71.4 %", "80 %", "7.00", "7.00", "143", "143");
    }

    @Test
    void theGoalIsMetAtTheIssuesSizeWithEveryRefusalAbsorbed() {
        ConnectorReport.Row met = row(ConnectorSyncBenchmark.ZENDESK, 20_000, clean(20_000, Duration.ofSeconds(125)),
                evenly(21, 6 * SECOND, 2));

        assertThat(met.fractionOfCeiling()).isCloseTo(0.96, within(0.001));
        assertThat(met.goalMet()).isTrue();
        assertThat(new ConnectorReport(List.of(met)).verdicts()).containsExactly("Zendesk (#5): 20,000 users at 160 "
                + "records/s, 96.0 % of the ceiling of 167 records/s (10 requests/min × 1,000 users). The fake refused "
                + "2 requests with 429 and Retry-After; the connector absorbed every one (no pull failed, every record "
                + "delivered exactly once). The goal of at least 90 % with every refusal handled is MET.");
    }

    @Test
    void aRefusalThatReachedTheCallerFailsTheGoalWhateverTheThroughput() {
        SyncDriver.Result failedOnce = new SyncDriver.Result(10_000, 0, 0, 0, Duration.ofSeconds(2),
                Duration.ofSeconds(3), List.of("retryable: crm.contact.list: HTTP 503"), true, false);
        ConnectorReport.Row row = row(ConnectorSyncBenchmark.BITRIX24, 10_000, failedOnce, evenly(8, SECOND / 2, 5));
        ConnectorReport report = new ConnectorReport(List.of(row));

        assertThat(row.fractionOfCeiling()).isEqualTo(1.0);
        assertThat(row.goalMet()).isFalse();
        assertThat(report.verdicts().get(0)).contains("5 requests with 503 QUERY_LIMIT_EXCEEDED; 1 reached the caller "
                + "as failed pulls").endsWith("is NOT MET.");
        assertThat(report.notes()).containsExactly("Bitrix24: pull failed: retryable: crm.contact.list: HTTP 503");
        assertThat(report.anyFailure()).as("every record still arrived exactly once").isFalse();
    }

    @Test
    void anotherSizeIsReportedButNotJudged() {
        ConnectorReport.Row row = row(ConnectorSyncBenchmark.BITRIX24, 3_000, clean(3_000, Duration.ofSeconds(1)),
                evenly(3, SECOND / 2, 0));

        assertThat(row.goalMet()).isFalse();
        assertThat(new ConnectorReport(List.of(row)).verdicts().get(0)).endsWith("The fake refused no request. The "
                + "goal (at least 80 % with 10,000 contacts) is not judged at this size.");
    }

    @Test
    void lostOrRepeatedRecordsMakeTheRunAFailure() {
        SyncDriver.Result lossy = new SyncDriver.Result(101, 2, 1, 0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                List.of(), true, false);
        ConnectorReport report = new ConnectorReport(List.of(row(ConnectorSyncBenchmark.AMOCRM, 100, lossy,
                evenly(2, SECOND, 0))));

        assertThat(report.anyFailure()).isTrue();
        assertThat(report.table().rows().get(0).get(2)).isEqualTo("NO");
        assertThat(report.notes()).containsExactly("amoCRM: 1 records missing, 2 delivered twice or more, 0 events "
                + "not about a loaded record");
    }

    @Test
    void gapPercentilesAreNearestRank() {
        List<Double> gaps = ConnectorReport.gaps(List.of(0L, 10_000_000L, 30_000_000L, 60_000_000L, 100_000_000L));

        assertThat(gaps).containsExactly(10.0, 20.0, 30.0, 40.0);
        assertThat(ConnectorReport.percentile(gaps, 0.5)).isEqualTo(20.0);
        assertThat(ConnectorReport.percentile(gaps, 0.99)).isEqualTo(40.0);
        assertThat(ConnectorReport.percentile(List.of(), 0.5)).isZero();
    }

    private static ConnectorReport.Row row(ConnectorReport.Case system, int expected, SyncDriver.Result sync,
                                           RateLimitedFake.Traffic traffic) {
        return new ConnectorReport.Row(system, expected, sync, traffic);
    }

    private static SyncDriver.Result clean(int records, Duration toLastRecord) {
        return new SyncDriver.Result(records, 0, 0, 0, toLastRecord, toLastRecord, List.of(), true, false);
    }

    private static RateLimitedFake.Traffic evenly(int requests, long gapNanos, int refusals) {
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            arrivals.add(i * gapNanos);
        }
        return new RateLimitedFake.Traffic(arrivals, refusals, List.of());
    }
}
