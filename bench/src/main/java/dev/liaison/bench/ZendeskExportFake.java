package dev.liaison.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Zendesk account holding {@code users} users and no tickets, exported as external-apis.md §3.4 documents:
 * {@code GET /api/v2/incremental/users/cursor.json?start_time=0}, then {@code ?cursor=<after_cursor>}, 1,000 users a
 * page (Zendesk's default and maximum {@code per_page}), {@code after_url}/{@code after_cursor}/{@code before_*} and
 * {@code end_of_stream}. Every answer carries the account-wide {@code X-Rate-Limit: 700} and what is left of it
 * (§3.5); the incremental exports' own 10 requests per minute are enforced, answered over it with 429 and
 * {@code Retry-After} in whole seconds.
 */
final class ZendeskExportFake implements RateLimitedFake.Api {

    static final String EMAIL = "agent@bench.example";
    static final String API_TOKEN = "bench0api0token";
    static final int PAGE_SIZE = 1000;
    static final int EXPORT_REQUESTS_PER_MINUTE = 10;
    static final int ACCOUNT_REQUESTS_PER_MINUTE = 700;
    private static final long FIRST_ID = 360_000_000_000L;
    private static final String USERS = "/api/v2/incremental/users/cursor.json";
    private static final String TICKETS = "/api/v2/incremental/tickets/cursor.json";
    private static final String ORIGIN = "https://bench.zendesk.com";

    private final int users;
    private final Deque<Long> accountMinute = new ArrayDeque<>();

    ZendeskExportFake(int users) {
        this.users = users;
    }

    Set<String> expectedIds() {
        Set<String> ids = new TreeSet<>();
        for (int k = 1; k <= users; k++) {
            ids.add(Long.toString(FIRST_ID + k));
        }
        return ids;
    }

    /** Whole seconds, rounded up, and at least one: a client that waits what it is told is then admitted. */
    @Override
    public ResponseDefinition refusal(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return aResponse().withStatus(429).withHeader("Retry-After", Long.toString(seconds))
                .withHeader("X-Rate-Limit", Integer.toString(ACCOUNT_REQUESTS_PER_MINUTE))
                .withHeader("X-Rate-Limit-Remaining", Integer.toString(accountRemaining()))
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"error\":\"APIRateLimitExceeded\",\"description\":\"Number of allowed incremental export "
                        + "API requests per minute exceeded\"}").build();
    }

    @Override
    public ResponseDefinition answer(Request request) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((EMAIL + "/token:" + API_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.getHeader("Authorization"))) {
            return json(401, "{\"error\":\"Couldn't authenticate you\"}");
        }
        String path = request.getUrl().replaceAll("\\?.*", "");
        if (path.equals(TICKETS)) {
            String cursor = cursor("tickets", 0);
            return json(200, "{\"tickets\":[],\"after_url\":\"" + ORIGIN + TICKETS + "?cursor=" + cursor
                    + "\",\"after_cursor\":\"" + cursor + "\",\"before_url\":null,\"before_cursor\":null,"
                    + "\"end_of_stream\":true}");
        }
        if (!path.equals(USERS)) {
            return json(404, "{\"error\":\"InvalidEndpoint\",\"description\":\"Not found\"}");
        }
        long offset = offset(request);
        List<String> page = new ArrayList<>();
        for (long k = offset + 1; k <= Math.min(users, offset + PAGE_SIZE); k++) {
            page.add(user(k));
        }
        long end = offset + page.size();
        String after = cursor("users", end);
        String before = offset == 0 ? null : cursor("users", Math.max(0, offset - PAGE_SIZE));
        return json(200, "{\"users\":[" + String.join(",", page) + "],\"after_url\":\"" + ORIGIN + USERS + "?cursor="
                + after + "\",\"after_cursor\":\"" + after + "\",\"before_url\":"
                + (before == null ? "null" : "\"" + ORIGIN + USERS + "?cursor=" + before + "\"")
                + ",\"before_cursor\":" + (before == null ? "null" : "\"" + before + "\"")
                + ",\"end_of_stream\":" + (end >= users) + "}");
    }

    /** {@code start_time} starts at the first user (all were changed long ago); a cursor carries its position. */
    private static long offset(Request request) {
        QueryParameter cursor = request.queryParameter("cursor");
        if (!cursor.isPresent()) {
            return 0;
        }
        String decoded = new String(Base64.getUrlDecoder().decode(cursor.firstValue()), StandardCharsets.UTF_8);
        String[] parts = decoded.split("\\|");
        if (parts.length != 2 || !parts[0].equals("users")) {
            throw new IllegalArgumentException("not a users export cursor");
        }
        return Long.parseLong(parts[1]);
    }

    private static String cursor(String stream, long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((stream + "|" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static String user(long k) {
        long id = FIRST_ID + k;
        return "{\"id\":" + id + ",\"url\":\"" + ORIGIN + "/api/v2/users/" + id + ".json\",\"name\":\"User" + k
                + " Bench\",\"email\":\"user" + k + "@example.com\",\"phone\":\"+7916" + String.format("%07d", k)
                + "\",\"locale\":\"ru\",\"locale_id\":27,\"time_zone\":\"Moscow\",\"role\":\"end-user\","
                + "\"active\":true,\"verified\":true,\"external_id\":null,\"organization_id\":null,\"tags\":[],"
                + "\"user_fields\":{},\"created_at\":\"2024-01-10T08:00:00Z\",\"updated_at\":\"2024-04-01T09:30:00Z\"}";
    }

    /** The account-wide quota (700 a minute) less what this account spent in the last minute, this answer included. */
    private synchronized int accountRemaining() {
        long now = System.nanoTime();
        while (!accountMinute.isEmpty() && accountMinute.peekFirst() <= now - Duration.ofMinutes(1).toNanos()) {
            accountMinute.removeFirst();
        }
        accountMinute.addLast(now);
        return Math.max(0, ACCOUNT_REQUESTS_PER_MINUTE - accountMinute.size());
    }

    private ResponseDefinition json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-Rate-Limit", Integer.toString(ACCOUNT_REQUESTS_PER_MINUTE))
                .withHeader("X-Rate-Limit-Remaining", Integer.toString(accountRemaining()))
                .withBody(body).build();
    }
}
