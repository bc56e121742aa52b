package dev.liaison.web.console;

import dev.liaison.platform.stats.ActivityStatistics;
import dev.liaison.web.admin.ConnectionResource;
import dev.liaison.web.admin.ConnectionView;
import dev.liaison.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a CRM admin would rather look at than read: deliveries per connection per day, dead letters over time, how
 * long deliveries waited to be processed, and the scenario funnel (started, each step, sent or refused by reason).
 * Each chart is drawn by Chart.js from JSON in the canvas's {@code data-chart}; the same figures are in a table
 * for whoever cannot see the chart.
 */
@Path("/console/dashboard")
@RequestScoped
@RolesAllowed(Roles.CRM_ADMIN)
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    static final int DAYS = 14;
    private static final String[] COLOURS = {"#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457"};

    private final ConsolePages pages;
    private final ActivityStatistics statistics;
    private final ConnectionResource connections;
    private final Clock clock;

    @Context
    HttpServletRequest request;

    @Inject
    public DashboardPage(ConsolePages pages, ActivityStatistics statistics, ConnectionResource connections,
                         Clock clock) {
        this.pages = pages;
        this.statistics = statistics;
        this.connections = connections;
        this.clock = clock;
    }

    /** For the CDI client proxy only; public because RESTEasy insists on a public constructor it can call. */
    public DashboardPage() {
        this(null, null, null, null);
    }

    @GET
    public String dashboard() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant since = today.minusDays(DAYS - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<LocalDate> days = new ArrayList<>();
        for (int i = DAYS - 1; i >= 0; i--) {
            days.add(today.minusDays(i));
        }
        Map<String, String> names = connections.list().stream()
                .collect(Collectors.toMap(ConnectionView::id, ConnectionView::name, (a, b) -> a));
        List<ActivityStatistics.DailyDeliveries> deliveries = statistics.deliveriesPerDay(since);
        Screen screen = Screen.of(request, "dashboard").titled("dashboard_title", "dashboard");
        screen.with("eventsChart", eventsChart(screen, deliveries, days, names));
        screen.with("deadChart", deadChart(screen, deliveries, days));
        screen.with("lagChart", lagChart(screen, statistics.newestProcessed(since), days));
        List<ActivityStatistics.StepOutcome> steps = statistics.scenarioSteps(since);
        screen.with("funnelChart", funnelChart(screen, steps));
        screen.with("funnel", steps);
        screen.with("totals", totals(deliveries, names));
        return pages.render(screen);
    }

    private static String eventsChart(Screen screen, List<ActivityStatistics.DailyDeliveries> deliveries,
                                      List<LocalDate> days, Map<String, String> names) {
        Map<String, Map<LocalDate, Long>> byConnection = new TreeMap<>();
        deliveries.forEach(day -> byConnection.computeIfAbsent(day.connectionId(), id -> new TreeMap<>())
                .merge(day.day(), day.received(), Long::sum));
        JsonArrayBuilder datasets = Json.createArrayBuilder();
        int colour = 0;
        for (Map.Entry<String, Map<LocalDate, Long>> connection : byConnection.entrySet()) {
            datasets.add(dataset(names.getOrDefault(connection.getKey(), connection.getKey()),
                    days.stream().map(day -> connection.getValue().getOrDefault(day, 0L)).toList(),
                    COLOURS[colour++ % COLOURS.length]));
        }
        return chart("bar", true, labels(days), datasets).build().toString();
    }

    private static String deadChart(Screen screen, List<ActivityStatistics.DailyDeliveries> deliveries,
                                    List<LocalDate> days) {
        Map<LocalDate, Long> dead = new TreeMap<>();
        deliveries.forEach(day -> dead.merge(day.day(), day.dead(), Long::sum));
        return chart("line", false, labels(days), Json.createArrayBuilder().add(dataset(screen.text("col_dead"),
                days.stream().map(day -> dead.getOrDefault(day, 0L)).toList(), "#b71c1c"))).build().toString();
    }

    private static String lagChart(Screen screen, List<ActivityStatistics.Processed> processed, List<LocalDate> days) {
        Map<LocalDate, List<Duration>> byDay = new TreeMap<>();
        processed.forEach(each -> byDay.computeIfAbsent(LocalDate.ofInstant(each.processedAt(), ZoneOffset.UTC),
                day -> new ArrayList<>()).add(each.lag()));
        List<Double> median = new ArrayList<>();
        List<Double> slowest = new ArrayList<>();
        for (LocalDate day : days) {
            List<Duration> lags = byDay.getOrDefault(day, List.of()).stream().sorted().toList();
            median.add(lags.isEmpty() ? 0 : seconds(lags.get(lags.size() / 2)));
            slowest.add(lags.isEmpty() ? 0 : seconds(lags.get(Math.min(lags.size() - 1,
                    (int) Math.ceil(lags.size() * 0.95) - 1))));
        }
        return chart("line", false, labels(days), Json.createArrayBuilder()
                .add(dataset(screen.text("dashboard_lag_median"), median, "#1565c0"))
                .add(dataset(screen.text("dashboard_lag_p95"), slowest, "#ef6c00"))).build().toString();
    }

    private static String funnelChart(Screen screen, List<ActivityStatistics.StepOutcome> steps) {
        Map<String, Long> stages = new LinkedHashMap<>();
        steps.stream().sorted(Comparator.comparingInt(ActivityStatistics.StepOutcome::step))
                .forEach(step -> stages.merge((step.step() == 0 ? "" : step.step() + ". ") + step.stepKind() + ": "
                        + step.outcome(), step.count(), Long::sum));
        JsonArrayBuilder labels = Json.createArrayBuilder();
        stages.keySet().forEach(labels::add);
        return chart("bar", false, labels, Json.createArrayBuilder().add(dataset(screen.text("dashboard_runs"),
                List.copyOf(stages.values()), "#6a1b9a"))).build().toString();
    }

    private static List<Map<String, Object>> totals(List<ActivityStatistics.DailyDeliveries> deliveries,
                                                    Map<String, String> names) {
        Map<String, long[]> sums = new TreeMap<>();
        deliveries.forEach(day -> {
            long[] sum = sums.computeIfAbsent(day.connectionId(), id -> new long[2]);
            sum[0] += day.received();
            sum[1] += day.dead();
        });
        return sums.entrySet().stream().map(sum -> Map.<String, Object>of("name",
                names.getOrDefault(sum.getKey(), sum.getKey()), "received", sum.getValue()[0], "dead",
                sum.getValue()[1])).toList();
    }

    private static double seconds(Duration lag) {
        return Math.round(lag.toMillis() / 100.0) / 10.0;
    }

    private static JsonArrayBuilder labels(List<LocalDate> days) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        days.forEach(day -> labels.add(day.toString()));
        return labels;
    }

    private static JsonObjectBuilder dataset(String label, List<? extends Number> values, String colour) {
        JsonArrayBuilder data = Json.createArrayBuilder();
        values.forEach(value -> data.add(value.doubleValue()));
        return Json.createObjectBuilder().add("label", label).add("data", data).add("backgroundColor", colour)
                .add("borderColor", colour);
    }

    private static JsonObjectBuilder chart(String type, boolean stacked, JsonArrayBuilder labels,
                                           JsonArrayBuilder datasets) {
        return Json.createObjectBuilder().add("type", type).add("stacked", stacked).add("labels", labels)
                .add("datasets", datasets);
    }
}
