package dev.liaison.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upsert throughput, intake and processing each on their own in the same run: with the server's inbox processing
 * paused ({@code POST /api/admin/inbox/pause}) the plan's signed contact.upserted webhooks are sent, which measures
 * intake alone; then processing is resumed and the clock runs until the connection's {@code inbox.done} count, read
 * through the admin API, reaches the number accepted: processing alone, a backlog as a bulk import leaves it.
 */
final class UpsertRun {

    /** Fine enough next to a processing time of seconds, cheap enough not to load the server. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final HttpClient http;
    private final URI pause;
    private final URI resume;
    private final URI connectionView;
    private final URI webhook;
    private final ContactEvents events;
    private final CpuMeter cpu;
    private final Duration timeCap;

    UpsertRun(HttpClient http, LiaisonServer server, String connectionId, ContactEvents events, CpuMeter cpu,
              Duration timeCap) {
        this.http = http;
        this.pause = server.baseUri().resolve("/api/admin/inbox/pause");
        this.resume = server.baseUri().resolve("/api/admin/inbox/resume");
        this.connectionView = server.baseUri().resolve("/api/admin/connections/" + connectionId);
        this.webhook = server.webhookUri(connectionId);
        this.events = events;
        this.cpu = cpu;
        this.timeCap = timeCap;
    }

    /**
     * What the profile tables must look like afterwards if every event found the right profile: one profile per
     * person, loaded or new, none merged, and each person's lastName attribute, which only the events carry.
     */
    record Verification(long profiles, long expectedProfiles, long merged, long lastNames, long expectedLastNames) {
        boolean passed() {
            return profiles == expectedProfiles && merged == 0 && lastNames == expectedLastNames;
        }

        String describe() {
            return profiles + " profiles (expected " + expectedProfiles + "), " + merged + " merged (expected 0), "
                    + lastNames + " with a lastName (expected " + expectedLastNames + ")";
        }
    }

    /**
     * @param sending   the webhook deliveries as intake saw them, with processing paused
     * @param processed from resuming processing until the last event was processed, or until the time cap
     * @param cpu       CPU time over the same span
     */
    record Result(UpsertPlan plan, Measurement sending, Duration processed, ProfileAnswer.InboxCounts inbox,
                  CpuTime cpu, Verification verification) {

        boolean complete() {
            return inbox.done() == plan.events();
        }

        double eventsPerSecond() {
            long nanos = processed.toNanos();
            return nanos == 0 ? 0 : inbox.done() * 1e9 / nanos;
        }

        /** Processing's rate as a share of intake's, both alone (the goal: at least 40 %). */
        double processingShareOfIntake() {
            return sending.perSecond() == 0 ? 0 : eventsPerSecond() / sending.perSecond();
        }
    }

    Result run(UpsertPlan plan, int concurrency, int population, BenchDatabase database) throws Exception {
        AtomicInteger cursor = new AtomicInteger();
        LoadDriver driver = new LoadDriver(timeCap, cpu);
        post(pause);
        Measurement sending;
        try {
            sending = driver.run(concurrency, plan.events(),
                    () -> new UpsertClient(http, webhook, events, plan, cursor));
        } finally {
            post(resume);
        }
        CpuTime cpuBefore = cpu.now();
        long startedAt = System.nanoTime();
        long deadline = startedAt + timeCap.toNanos();
        ProfileAnswer.InboxCounts inbox = inboxCounts();
        while (inbox.done() + inbox.dead() < sending.succeeded() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_INTERVAL.toMillis());
            inbox = inboxCounts();
        }
        Duration processed = Duration.ofNanos(System.nanoTime() - startedAt);
        CpuTime used = cpu.now().minus(cpuBefore);
        return new Result(plan, sending, processed, inbox, used, verify(database, plan, population));
    }

    private void post(URI action) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(action).timeout(Duration.ofSeconds(30))
                .header("Authorization", BenchSettings.adminAuthorization())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 204) {
            throw new IllegalStateException(action.getPath() + " answered HTTP " + status);
        }
    }

    private ProfileAnswer.InboxCounts inboxCounts() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(connectionView).timeout(Duration.ofSeconds(30))
                .header("Authorization", BenchSettings.adminAuthorization()).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("reading the benchmark connection answered HTTP " + response.statusCode());
        }
        return ProfileAnswer.inboxCounts(response.body());
    }

    private static Verification verify(BenchDatabase database, UpsertPlan plan, int population) throws SQLException {
        try (Connection connection = database.connect(); Statement query = connection.createStatement()) {
            return new Verification(
                    count(query, "select count(*) from profile"), (long) population + plan.newPeople(),
                    count(query, "select count(*) from profile where status <> 'ACTIVE' or merged_into is not null"),
                    count(query, "select count(*) from profile_attribute where name = 'lastName'"), plan.events());
        }
    }

    private static long count(Statement query, String sql) throws SQLException {
        try (ResultSet rows = query.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
