package dev.liaison.profile.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Legal deadlines. A deadline is a calendar date in the regime's time zone; {@code dueAt} is the last second of it.
 * <ul>
 *   <li>GDPR Art. 12(3), counted as Regulation 1182/71 Art. 3 counts months: the same date one month later, or the
 *       last day of that month when it has no such date (31 January + 1 month = 28 or 29 February). The extension
 *       adds two further months to the month.</li>
 *   <li>152-FZ: 10 working days (ст. 14 ч. 3, ст. 20), counted from the day after receipt (Civil Code ст. 191) in
 *       the production calendar; the extension with a reasoned notice adds 5 working days after the deadline.</li>
 * </ul>
 */
public final class DueDates {

    private static final int FZ152_WORKING_DAYS = 10;
    private static final int FZ152_EXTENSION_WORKING_DAYS = 5;
    private static final int GDPR_MONTHS = 1;
    private static final int GDPR_EXTENDED_MONTHS = 3;

    private final ProductionCalendar calendar;
    private final ZoneId russianZone;
    private final ZoneId gdprZone;

    public DueDates(ProductionCalendar calendar, ZoneId russianZone, ZoneId gdprZone) {
        this.calendar = calendar;
        this.russianZone = russianZone;
        this.gdprZone = gdprZone;
    }

    public LocalDate dueDate(Regime regime, Instant receivedAt) {
        LocalDate received = receivedAt.atZone(zone(regime)).toLocalDate();
        return switch (regime) {
            case GDPR -> received.plusMonths(GDPR_MONTHS);
            case FZ152 -> calendar.workingDaysAfter(received, FZ152_WORKING_DAYS);
        };
    }

    /** The deadline after the one extension each regime allows. */
    public LocalDate extendedDueDate(Regime regime, Instant receivedAt) {
        return switch (regime) {
            case GDPR -> receivedAt.atZone(gdprZone).toLocalDate().plusMonths(GDPR_EXTENDED_MONTHS);
            case FZ152 -> calendar.workingDaysAfter(dueDate(regime, receivedAt), FZ152_EXTENSION_WORKING_DAYS);
        };
    }

    /** The last second of {@code date} in the regime's zone. */
    public Instant endOf(Regime regime, LocalDate date) {
        return date.plusDays(1).atStartOfDay(zone(regime)).toInstant().minusSeconds(1);
    }

    public ZoneId zone(Regime regime) {
        return regime == Regime.GDPR ? gdprZone : russianZone;
    }
}
