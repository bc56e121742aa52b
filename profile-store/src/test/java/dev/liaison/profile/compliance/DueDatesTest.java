package dev.liaison.profile.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DueDatesTest {

    private static final ProductionCalendar CALENDAR = ComplianceSettings.calendar("");
    private static final DueDates DUE = new DueDates(CALENDAR, ZoneId.of("Europe/Moscow"), ZoneOffset.UTC);

    @ParameterizedTest(name = "152-FZ: received {0} (Moscow time) -> due {1}")
    @CsvSource({
            // New Year 2025/26: 31 Dec 2025 and 9 Jan 2026 are transferred days off, 1-8 Jan holidays.
            "2025-12-24T12:00, 2026-01-19",
            "2025-12-30T09:00, 2026-01-23",
            // May 2026: 1-3 and 9-11 May are off (9 May, a Saturday, moves to Monday 11 May).
            "2026-04-30T10:00, 2026-05-18",
            // May 2025: 2 and 8 May are transferred days off.
            "2025-04-30T10:00, 2025-05-20",
            // Saturday 1 November 2025 was a working day; 3 and 4 November were not.
            "2025-10-31T10:00, 2025-11-17",
            // Received on a Sunday: counting starts on Monday; 8 March, a Sunday, moves to Monday 9 March.
            "2026-03-01T10:00, 2026-03-16"
    })
    void fz152CountsTenWorkingDaysOfTheProductionCalendar(String receivedMoscow, String due) {
        Instant received = java.time.LocalDateTime.parse(receivedMoscow).atZone(ZoneId.of("Europe/Moscow")).toInstant();

        assertThat(DUE.dueDate(Regime.FZ152, received)).isEqualTo(LocalDate.parse(due));
    }

    @Test
    void fz152DayOfReceiptIsTheMoscowDate() {
        // 22:30 UTC on 24 December is already 25 December in Moscow: counting starts a day later.
        Instant received = Instant.parse("2025-12-24T22:30:00Z");

        assertThat(DUE.dueDate(Regime.FZ152, received)).isEqualTo(LocalDate.parse("2026-01-20"));
        assertThat(DUE.endOf(Regime.FZ152, LocalDate.parse("2026-01-20")))
                .isEqualTo(Instant.parse("2026-01-20T20:59:59Z"));
    }

    @Test
    void fz152ExtensionAddsFiveWorkingDaysAfterTheDeadline() {
        Instant received = Instant.parse("2025-12-24T09:00:00Z");

        assertThat(DUE.extendedDueDate(Regime.FZ152, received)).isEqualTo(LocalDate.parse("2026-01-26"));
    }

    @ParameterizedTest(name = "GDPR: received {0} -> due {1}, extended {2}")
    @CsvSource({
            "2026-01-31T10:00:00Z, 2026-02-28, 2026-04-30",
            "2024-01-31T10:00:00Z, 2024-02-29, 2024-04-30",
            "2026-03-31T10:00:00Z, 2026-04-30, 2026-06-30",
            "2026-01-15T23:59:59Z, 2026-02-15, 2026-04-15",
            "2026-12-31T00:00:00Z, 2027-01-31, 2027-03-31"
    })
    void gdprIsOneCalendarMonthEndingOnTheLastDayOfAShorterMonth(String received, String due, String extended) {
        assertThat(DUE.dueDate(Regime.GDPR, Instant.parse(received))).isEqualTo(LocalDate.parse(due));
        assertThat(DUE.extendedDueDate(Regime.GDPR, Instant.parse(received))).isEqualTo(LocalDate.parse(extended));
    }

    @Test
    void gdprDeadlineEndsAtTheLastSecondOfTheDay() {
        assertThat(DUE.endOf(Regime.GDPR, DUE.dueDate(Regime.GDPR, Instant.parse("2026-01-31T10:00:00Z"))))
                .isEqualTo(Instant.parse("2026-02-28T23:59:59Z"));
    }

    @ParameterizedTest(name = "{0} has {1} working days")
    @CsvSource({"2025, 247", "2026, 247"})
    void verifiedYearsMatchTheOfficialWorkingDayCount(int year, int workingDays) {
        long count = LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1))
                .filter(CALENDAR::isWorkingDay).count();

        assertThat(count).isEqualTo(workingDays);
        assertThat(CALENDAR.year(year).verified()).isTrue();
    }

    @Test
    void aYearTheFileLacksFollowsTheLabourCodeAlone() {
        ProductionCalendar empty = ProductionCalendar.parse(new ByteArrayInputStream(
                "years: {}".getBytes(StandardCharsets.UTF_8)), "test");

        // 2028: 1 May is a Monday, 9 May a Tuesday; 12 June is a Monday; 4 November a Saturday moves to Monday 6.
        assertThat(empty.isWorkingDay(LocalDate.parse("2028-01-05"))).isFalse();
        assertThat(empty.isWorkingDay(LocalDate.parse("2028-01-10"))).isTrue();
        assertThat(empty.isWorkingDay(LocalDate.parse("2028-11-06"))).isFalse();
        assertThat(empty.year(2028).verified()).isFalse();
    }
}
