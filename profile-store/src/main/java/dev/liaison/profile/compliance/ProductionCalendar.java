package dev.liaison.profile.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The Russian production calendar: which days are working days. Each covered year lists its public holidays, the
 * weekdays that became days off by a transfer, and the weekends that became working days, because the Government
 * moves days off every year by decree and no rule can predict it. A year the file does not cover is counted with
 * the Labour Code (ст. 112) alone, which is right except for that year's decree, and a warning says so.
 */
public final class ProductionCalendar {

    private static final Logger LOG = Logger.getLogger(ProductionCalendar.class.getName());

    /** Non-working public holidays, Labour Code ст. 112 ч. 1. */
    private static final List<MonthDay> STATUTORY_HOLIDAYS = List.of(MonthDay.of(1, 1), MonthDay.of(1, 2),
            MonthDay.of(1, 3), MonthDay.of(1, 4), MonthDay.of(1, 5), MonthDay.of(1, 6), MonthDay.of(1, 7),
            MonthDay.of(1, 8), MonthDay.of(2, 23), MonthDay.of(3, 8), MonthDay.of(5, 1), MonthDay.of(5, 9),
            MonthDay.of(6, 12), MonthDay.of(11, 4));

    /** One year of the calendar. */
    public record Year(int year, boolean verified, String source, Set<LocalDate> holidays,
                       Set<LocalDate> transferredDaysOff, Set<LocalDate> workingWeekends) {

        public Year {
            holidays = Set.copyOf(holidays);
            transferredDaysOff = Set.copyOf(transferredDaysOff);
            workingWeekends = Set.copyOf(workingWeekends);
        }

        boolean isWorkingDay(LocalDate day) {
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (holidays.contains(day) || transferredDaysOff.contains(day)) {
                return false;
            }
            return !weekend || workingWeekends.contains(day);
        }
    }

    private final Map<Integer, Year> years;
    private final Map<Integer, Year> derived = new ConcurrentHashMap<>();

    private ProductionCalendar(Map<Integer, Year> years) {
        this.years = Map.copyOf(years);
    }

    /** @throws IllegalArgumentException naming the year and key that are malformed */
    public static ProductionCalendar parse(InputStream yaml, String origin) {
        Object document;
        try (Reader reader = new InputStreamReader(yaml, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | YAMLException e) {
            throw new IllegalArgumentException(origin + " is not a readable YAML document: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> root) || !(root.get("years") instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException(origin + " must have a 'years' map");
        }
        Map<Integer, Year> years = new HashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (!(entry.getKey() instanceof Integer year) || !(entry.getValue() instanceof Map<?, ?> body)) {
                throw new IllegalArgumentException(origin + ": every key under 'years' must be a year with a map");
            }
            String where = origin + " year " + year;
            years.put(year, new Year(year, Boolean.TRUE.equals(body.get("verified")),
                    body.get("source") == null ? "" : body.get("source").toString(),
                    dates(body.get("holidays"), year, where + " holidays"),
                    dates(body.get("transferred-days-off"), year, where + " transferred-days-off"),
                    dates(body.get("working-weekends"), year, where + " working-weekends")));
        }
        return new ProductionCalendar(years);
    }

    public boolean isWorkingDay(LocalDate day) {
        return year(day.getYear()).isWorkingDay(day);
    }

    /** The {@code count}-th working day after {@code day}; the day itself never counts (Civil Code ст. 191). */
    public LocalDate workingDaysAfter(LocalDate day, int count) {
        LocalDate current = day;
        int found = 0;
        while (found < count) {
            current = current.plusDays(1);
            if (isWorkingDay(current)) {
                found++;
            }
        }
        return current;
    }

    /** The calendar year as the file has it, or as ст. 112 alone makes it when the file lacks the year. */
    public Year year(int year) {
        Year listed = years.get(year);
        return listed != null ? listed : derived.computeIfAbsent(year, ProductionCalendar::statutoryOnly);
    }

    private static Year statutoryOnly(int year) {
        LOG.warning(() -> "The production calendar has no year " + year + "; counting 152-FZ deadlines with the "
                + "Labour Code's holidays only. Add the year's transfer decree to liaison.compliance.ru-calendar");
        Set<LocalDate> holidays = new HashSet<>();
        STATUTORY_HOLIDAYS.forEach(holiday -> holidays.add(holiday.atYear(year)));
        Set<LocalDate> moved = new HashSet<>();
        for (LocalDate holiday : holidays) {
            boolean weekend = holiday.getDayOfWeek() == DayOfWeek.SATURDAY
                    || holiday.getDayOfWeek() == DayOfWeek.SUNDAY;
            // ст. 112 ч. 2: January holidays on a weekend are placed by the decree, not moved to the next day.
            if (weekend && holiday.getMonthValue() != 1) {
                LocalDate next = holiday.plusDays(1);
                while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY
                        || holidays.contains(next) || moved.contains(next)) {
                    next = next.plusDays(1);
                }
                moved.add(next);
            }
        }
        return new Year(year, false, "Labour Code ст. 112 only", holidays, moved, Set.of());
    }

    private static Set<LocalDate> dates(Object value, int year, String where) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(where + " must be a list of dates");
        }
        Set<LocalDate> dates = new HashSet<>();
        for (Object item : list) {
            LocalDate date;
            if (item instanceof Date timestamp) {
                date = timestamp.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
            } else {
                try {
                    date = LocalDate.parse(String.valueOf(item));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(where + ": '" + item + "' is not a date (YYYY-MM-DD)", e);
                }
            }
            if (date.getYear() != year) {
                throw new IllegalArgumentException(where + ": " + date + " is not in " + year);
            }
            dates.add(date);
        }
        return dates;
    }
}
