package dev.liaison.connectors.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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
 * Zendesk Support API v2 as external-apis.md §3 documents it: tickets read and updated as {@code {"ticket":{...}}},
 * users searched and deleted (soft, then permanently, then the compliance deletion statuses), the cursor-based
 * incremental exports of §3.4, the error bodies {@code {"error":"...","description":"..."}} and the quota headers.
 * The one Zendesk fake of the connector's unit tests and the ITs.
 *
 * <p>Wraps a WireMock server: its own ({@link #start()}), or one a test already runs ({@link #on}).
 */
public final class ZendeskFake {

    /** A user search that found nobody. */
    public static final String NO_USERS = "{\"users\":[],\"next_page\":null,\"previous_page\":null,\"count\":0}";

    public static final String USERS_PAGE_1 = """
            {"users":[
              {"id":35436,"url":"https://acme.zendesk.com/api/v2/users/35436.json","name":"Anna Petrova",
               "email":"anna.petrova@example.com","phone":"+7 903 145-34-55","locale":"ru","locale_id":27,
               "time_zone":"Moscow","role":"end-user","active":true,"verified":true,"external_id":"crm-42",
               "organization_id":null,"tags":["vip"],
               "user_fields":{"newsletter":true,"plan":"gold","interests":["shoes","bags"],"birthday":null},
               "created_at":"2024-01-10T08:00:00Z","updated_at":"2024-04-01T09:30:00Z"},
              {"id":35437,"url":"https://acme.zendesk.com/api/v2/users/35437.json","name":"Jan van der Berg",
               "email":"jan@example.nl","phone":null,"locale":"nl-NL","role":"end-user","active":true,
               "external_id":null,"organization_id":9001,"tags":[],
               "created_at":"2024-02-01T10:00:00Z","updated_at":"2024-04-02T11:00:00Z"}],
             "after_url":"https://acme.zendesk.com/api/v2/incremental/users/cursor.json?cursor=dXNlcnMtMXx8MzU0Mzd8",
             "after_cursor":"dXNlcnMtMXx8MzU0Mzd8","before_url":null,"before_cursor":null,"end_of_stream":false}""";

    public static final String USERS_PAGE_2 = """
            {"users":[
              {"id":35438,"name":"Former Customer","email":"gone@example.com","role":"end-user","active":false,
               "created_at":"2023-05-05T05:05:05Z","updated_at":"2024-04-03T12:00:00Z"}],
             "after_url":"https://acme.zendesk.com/api/v2/incremental/users/cursor.json?cursor=dXNlcnMtMnx8MzU0Mzh8",
             "after_cursor":"dXNlcnMtMnx8MzU0Mzh8","before_url":null,"before_cursor":"dXNlcnMtMXx8MzU0Mzd8",
             "end_of_stream":true}""";

    public static final String TICKETS_PAGE_1 = """
            {"tickets":[
              {"id":101,"subject":"Where is my order?","status":"open","priority":"high","requester_id":35436,
               "submitter_id":35436,"assignee_id":null,"group_id":null,"tags":["order"],"via":{"channel":"web"},
               "created_at":"2024-03-01T10:00:00Z","updated_at":"2024-04-01T10:00:00Z"},
              {"id":102,"subject":"Invoice","status":"new","priority":null,"requester_id":35437,"tags":[],
               "via":{"channel":"email"},"created_at":"2024-03-02T10:00:00Z","updated_at":"2024-03-02T10:00:00Z"}],
             "after_url":
               "https://acme.zendesk.com/api/v2/incremental/tickets/cursor.json?cursor=MTU4MDc1Mzc5OC4wfHw0MzJ8",
             "after_cursor":"MTU4MDc1Mzc5OC4wfHw0MzJ8","before_url":null,"before_cursor":null,"end_of_stream":false}""";

    public static final String TICKETS_PAGE_2 = """
            {"tickets":[
              {"id":103,"subject":"Spam","status":"deleted","priority":null,"requester_id":35438,"tags":[],
               "created_at":"2024-03-03T10:00:00Z","updated_at":"2024-03-04T10:00:00Z"},
              {"id":104,"subject":"Refund","status":"pending","priority":"urgent","requester_id":35436,
               "tags":["refund","vip"],"created_at":"2024-03-05T10:00:00Z","updated_at":"2024-03-05T11:00:00Z"}],
             "after_url":
               "https://acme.zendesk.com/api/v2/incremental/tickets/cursor.json?cursor=MTU4MDc1Mzg5OC4wfHw0MzN8",
             "after_cursor":"MTU4MDc1Mzg5OC4wfHw0MzN8","before_url":null,"before_cursor":"MTU4MDc1Mzc5OC4wfHw0MzJ8",
             "end_of_stream":true}""";

    private final WireMockServer server;

    private ZendeskFake(WireMockServer server) {
        this.server = server;
    }

    /** A fake on its own WireMock server on 127.0.0.1, started. */
    public static ZendeskFake start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return new ZendeskFake(server);
    }

    /** Registers Zendesk's answers on a server the test already runs. */
    public static ZendeskFake on(WireMockServer server) {
        return new ZendeskFake(server);
    }

    public WireMockServer server() {
        return server;
    }

    /** Two pages of users and two of tickets, from {@code start_time=0} on, then by cursor. */
    public ZendeskFake stubIncrementalExports() {
        stubExportPage("users", "start_time", "0", USERS_PAGE_1);
        stubExportPage("users", "cursor", "dXNlcnMtMXx8MzU0Mzd8", USERS_PAGE_2);
        stubExportPage("tickets", "start_time", "0", TICKETS_PAGE_1);
        stubExportPage("tickets", "cursor", "MTU4MDc1Mzc5OC4wfHw0MzJ8", TICKETS_PAGE_2);
        return this;
    }

    /** One incremental export page of {@code resource}, asked for with {@code parameter=value}. */
    public ZendeskFake stubExportPage(String resource, String parameter, String value, String body) {
        server.stubFor(get(urlPathEqualTo("/api/v2/incremental/" + resource + "/cursor.json"))
                .withQueryParam(parameter, equalTo(value))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "650")
                        .withBody(body)));
        return this;
    }

    /** GET /api/v2/tickets/{id}.json answering {@code ticket}, a whole {@code {"ticket":{...}}} document. */
    public ZendeskFake stubTicket(String ticketId, String ticket) {
        server.stubFor(get(urlEqualTo("/api/v2/tickets/" + ticketId + ".json")).willReturn(json(ticket)));
        return this;
    }

    /** PUT /api/v2/tickets/{id}.json answering {@code answer}: the updated ticket, or one of the errors below. */
    public ZendeskFake stubTicketUpdate(String ticketId, ResponseDefinitionBuilder answer) {
        server.stubFor(put(urlEqualTo("/api/v2/tickets/" + ticketId + ".json")).willReturn(answer));
        return this;
    }

    /** GET /api/v2/users/search.json?query={query} answering {@code users}, a whole search result. */
    public ZendeskFake stubUserSearch(String query, String users) {
        server.stubFor(get(urlPathEqualTo("/api/v2/users/search.json")).withQueryParam("query", equalTo(query))
                .willReturn(json(users)));
        return this;
    }

    /** Every user search finds nobody. */
    public ZendeskFake stubNoUserFound() {
        server.stubFor(get(urlPathEqualTo("/api/v2/users/search.json")).willReturn(json(NO_USERS)));
        return this;
    }

    /** DELETE /api/v2/users/{id}.json, the soft deletion: the user, now inactive. */
    public ZendeskFake stubSoftDeletion(String userId) {
        server.stubFor(delete(urlEqualTo("/api/v2/users/" + userId + ".json")).willReturn(softDeleted(userId)));
        return this;
    }

    /** The soft deletion of a user that first answers each of {@code failures} in turn, then succeeds. */
    public ZendeskFake stubSoftDeletionAfter(String userId, ResponseDefinitionBuilder... failures) {
        String scenario = "soft deletion of " + userId;
        String state = Scenario.STARTED;
        for (int i = 0; i < failures.length; i++) {
            String next = "failure " + (i + 1) + " answered";
            server.stubFor(delete(urlEqualTo("/api/v2/users/" + userId + ".json")).inScenario(scenario)
                    .whenScenarioStateIs(state).willSetStateTo(next).willReturn(failures[i]));
            state = next;
        }
        server.stubFor(delete(urlEqualTo("/api/v2/users/" + userId + ".json")).inScenario(scenario)
                .whenScenarioStateIs(state).willReturn(softDeleted(userId)));
        return this;
    }

    /** DELETE /api/v2/deleted_users/{id}.json, the permanent deletion: 204 as the endpoint answers. */
    public ZendeskFake stubPermanentDeletion(String userId) {
        server.stubFor(delete(urlEqualTo("/api/v2/deleted_users/" + userId + ".json"))
                .willReturn(aResponse().withStatus(204)));
        return this;
    }

    /** The compliance deletion statuses of a user who is no longer in the account: 404 RecordNotFound. */
    public ZendeskFake stubComplianceStatusesGone(String userId) {
        server.stubFor(get(urlEqualTo("/api/v2/users/" + userId + "/compliance_deletion_statuses.json"))
                .willReturn(notFound()));
        return this;
    }

    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** What the soft deletion answers. */
    public static ResponseDefinitionBuilder softDeleted(String userId) {
        return json("{\"user\":{\"id\":" + userId + ",\"active\":false,\"name\":\"Deleted User\"}}");
    }

    public static ResponseDefinitionBuilder notFound() {
        return error(404, "RecordNotFound", "Not found");
    }

    /** A {@code safe_update} that lost the race against another update. */
    public static ResponseDefinitionBuilder updateConflict() {
        return error(409, "UpdateConflict", "Ticket was updated by someone else");
    }

    public static ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"InternalServerError\"}");
    }

    /** Over the account's per-minute quota. */
    public static ResponseDefinitionBuilder tooManyRequests(int retryAfterSeconds) {
        return error(429, "TooManyRequests", "Rate limit exceeded")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    public static ResponseDefinitionBuilder error(int status, String error, String description) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"" + error + "\",\"description\":\"" + description + "\"}");
    }

    /**
     * An account holding {@code users} users and no tickets, exported as external-apis.md §3.4 documents:
     * {@code GET /api/v2/incremental/users/cursor.json?start_time=0}, then {@code ?cursor=<after_cursor>}, 1,000
     * users a page (Zendesk's default and maximum {@code per_page}), {@code after_url}/{@code after_cursor}/
     * {@code before_*} and {@code end_of_stream}. Every answer carries the account-wide {@code X-Rate-Limit: 700} and
     * what is left of it (§3.5). For a load test that puts the incremental exports' own 10 requests per minute in
     * front of it, answered over it with {@link #refusal}: 429 and {@code Retry-After} in whole seconds.
     */
    public static final class Account {

        public static final int PAGE_SIZE = 1000;
        public static final int EXPORT_REQUESTS_PER_MINUTE = 10;
        public static final int ACCOUNT_REQUESTS_PER_MINUTE = 700;
        private static final long FIRST_ID = 360_000_000_000L;
        private static final String USERS = "/api/v2/incremental/users/cursor.json";
        private static final String TICKETS = "/api/v2/incremental/tickets/cursor.json";
        private static final String ORIGIN = "https://bench.zendesk.com";

        private final String authorization;
        private final int users;
        private final Deque<Long> accountMinute = new ArrayDeque<>();

        /** An account whose agent {@code email} authenticates with API token {@code apiToken}. */
        public Account(String email, String apiToken, int users) {
            this.authorization = "Basic " + Base64.getEncoder().encodeToString((email + "/token:" + apiToken)
                    .getBytes(StandardCharsets.UTF_8));
            this.users = users;
        }

        public Set<String> expectedIds() {
            Set<String> ids = new TreeSet<>();
            for (int k = 1; k <= users; k++) {
                ids.add(Long.toString(FIRST_ID + k));
            }
            return ids;
        }

        /** Whole seconds, rounded up, and at least one: a client that waits what it is told is then admitted. */
        public ResponseDefinition refusal(Duration retryAfter) {
            long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            return aResponse().withStatus(429).withHeader("Retry-After", Long.toString(seconds))
                    .withHeader("X-Rate-Limit", Integer.toString(ACCOUNT_REQUESTS_PER_MINUTE))
                    .withHeader("X-Rate-Limit-Remaining", Integer.toString(accountRemaining()))
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody("{\"error\":\"APIRateLimitExceeded\",\"description\":\"Number of allowed "
                            + "incremental export "
                            + "API requests per minute exceeded\"}").build();
        }

        public ResponseDefinition answer(Request request) {
            if (!authorization.equals(request.getHeader("Authorization"))) {
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
            return json(200, "{\"users\":[" + String.join(",", page) + "],\"after_url\":\"" + ORIGIN + USERS
                    + "?cursor="
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
                    + "\"user_fields\":{},\"created_at\":\"2024-01-10T08:00:00Z\","
                    + "\"updated_at\":\"2024-04-01T09:30:00Z\"}";
        }

        /** The account-wide quota (700 a minute) less what was spent in the last minute, this answer included. */
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
}
