package dev.liaison.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Bitrix24 portal behind an incoming webhook holding {@code contacts} contacts with IDs 2, 4, 6, ... (gaps, so
 * that paging must follow IDs) and no leads or deals, answering as external-apis.md §1 documents: list pages of 50
 * with {@code total} and {@code next} ({@code start: -1}: no count, {@code "total":0}), {@code filter {">ID": n}},
 * and {@code batch} of at most 50 commands with the {@code result}/{@code result_error}/{@code result_total}/
 * {@code result_next} sections, empty ones as {@code []}. Over the leaky bucket: 503 {@code QUERY_LIMIT_EXCEEDED}.
 */
final class Bitrix24PortalFake implements RateLimitedFake.Api {

    static final String WEBHOOK_PATH = "/rest/1/bench0webhook0code/";
    static final int PAGE_SIZE = 50;
    static final int MAX_BATCH_COMMANDS = 50;
    /** The standard plans' bucket (§1.4): drains 2 per second, refuses above 50. */
    static final double DRAIN_PER_SECOND = 2;
    static final int CAPACITY = 50;

    private static final String TIME = "{\"start\":1724696256.103,\"finish\":1724696256.211,\"duration\":0.108,"
            + "\"processing\":0.052,\"date_start\":\"2024-08-26T21:17:36+03:00\","
            + "\"date_finish\":\"2024-08-26T21:17:36+03:00\",\"operating_reset_at\":1724696856,\"operating\":0}";
    private static final Set<String> EMPTY_LISTS = Set.of("crm.lead.list", "crm.deal.list", "crm.company.list");

    private final int contacts;

    Bitrix24PortalFake(int contacts) {
        this.contacts = contacts;
    }

    /** The external ids the connector gives the contacts: Bitrix24's type code and ID. */
    Set<String> expectedIds() {
        Set<String> ids = new TreeSet<>();
        for (int n = 1; n <= contacts; n++) {
            ids.add("C_" + 2L * n);
        }
        return ids;
    }

    @Override
    public ResponseDefinition refusal(Duration retryAfter) {
        return json(503, "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}");
    }

    @Override
    public ResponseDefinition answer(Request request) {
        String path = request.getUrl().replaceAll("\\?.*", "");
        if (!path.startsWith(WEBHOOK_PATH)) {
            return json(401, "{\"error\":\"NO_AUTH_FOUND\",\"error_description\":\"Wrong authorization data\"}");
        }
        String method = path.substring(WEBHOOK_PATH.length()).replaceAll("\\.json$", "");
        JsonObject params = body(request.getBodyAsString());
        if (method.equals("batch")) {
            return batch(params);
        }
        if (method.equals("crm.contact.list")) {
            return json(200, page(ListQuery.of(params)).envelope());
        }
        if (EMPTY_LISTS.contains(method)) {
            return json(200, "{\"result\":[],\"total\":0,\"time\":" + TIME + "}");
        }
        return json(404, "{\"error\":\"ERROR_METHOD_NOT_FOUND\",\"error_description\":\"Method not found!\"}");
    }

    /** Which rows a list call asks for: those after an ID, from an offset; {@code start < 0} counts nothing. */
    record ListQuery(long afterId, long start) {

        static ListQuery of(JsonObject params) {
            JsonValue filter = params.get("filter");
            long after = filter instanceof JsonObject object ? number(object.get(">ID")) : 0;
            return new ListQuery(after, params.containsKey("start") ? number(params.get("start")) : 0);
        }

        /** A batch sub-command's parameters as PHP's http_build_query writes them. */
        static ListQuery ofQuery(String query) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    pairs.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            return new ListQuery(Long.parseLong(pairs.getOrDefault("filter[>ID]", "0")),
                    Long.parseLong(pairs.getOrDefault("start", "0")));
        }
    }

    /** One list answer: its rows, {@code total} (0 when not counted) and {@code next} (-1 when absent). */
    record ListPage(List<String> rows, long total, long next) {

        String envelope() {
            return "{\"result\":[" + String.join(",", rows) + "],\"total\":" + total
                    + (next >= 0 ? ",\"next\":" + next : "") + ",\"time\":" + TIME + "}";
        }
    }

    ListPage page(ListQuery query) {
        // Contact k (1-based) has ID 2k, so the first ID above `after` is contact floor(after / 2) + 1.
        long first = Math.min(contacts, Math.max(0, query.afterId()) / 2);
        long matching = contacts - first;
        long offset = Math.max(0, query.start());
        List<String> rows = new ArrayList<>();
        for (long k = first + offset + 1; k <= Math.min(contacts, first + offset + PAGE_SIZE); k++) {
            rows.add(contact(2 * k));
        }
        if (query.start() < 0) {
            return new ListPage(rows, 0, -1);
        }
        return new ListPage(rows, matching, offset + PAGE_SIZE < matching ? offset + PAGE_SIZE : -1);
    }

    private ResponseDefinition batch(JsonObject params) {
        JsonValue cmd = params.get("cmd");
        Map<String, String> commands = new LinkedHashMap<>();
        if (cmd instanceof JsonObject object) {
            object.forEach((key, value) -> commands.put(key, ((JsonString) value).getString()));
        } else if (cmd != null && cmd.getValueType() == JsonValue.ValueType.ARRAY) {
            List<JsonValue> array = cmd.asJsonArray();
            for (int i = 0; i < array.size(); i++) {
                commands.put(Integer.toString(i), ((JsonString) array.get(i)).getString());
            }
        }
        if (commands.size() > MAX_BATCH_COMMANDS) {
            return json(400, "{\"error\":\"ERROR_BATCH_LENGTH_EXCEEDED\",\"error_description\":\"Max batch length "
                    + "exceeded\"}");
        }
        Map<String, String> results = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> totals = new LinkedHashMap<>();
        Map<String, String> nexts = new LinkedHashMap<>();
        Map<String, String> times = new LinkedHashMap<>();
        commands.forEach((key, command) -> {
            int question = command.indexOf('?');
            String method = question < 0 ? command : command.substring(0, question);
            String query = question < 0 ? "" : command.substring(question + 1);
            if (method.equals("crm.contact.list")) {
                ListPage page = page(ListQuery.ofQuery(query));
                results.put(key, "[" + String.join(",", page.rows()) + "]");
                totals.put(key, Long.toString(page.total()));
                if (page.next() >= 0) {
                    nexts.put(key, Long.toString(page.next()));
                }
            } else if (EMPTY_LISTS.contains(method)) {
                results.put(key, "[]");
                totals.put(key, "0");
            } else {
                errors.put(key, "{\"error\":\"ERROR_METHOD_NOT_FOUND\",\"error_description\":\"Method not found!\"}");
                return;
            }
            times.put(key, TIME);
        });
        return json(200, "{\"result\":{\"result\":" + section(results) + ",\"result_error\":" + section(errors)
                + ",\"result_total\":" + section(totals) + ",\"result_next\":" + section(nexts)
                + ",\"result_time\":" + section(times) + "},\"time\":" + TIME + "}");
    }

    /** Bitrix24 writes an empty section as {@code []}, not {@code {}} (§1.7). */
    private static String section(Map<String, String> entries) {
        if (entries.isEmpty()) {
            return "[]";
        }
        List<String> members = new ArrayList<>();
        entries.forEach((key, value) -> members.add(Json.createValue(key) + ":" + value));
        return "{" + String.join(",", members) + "}";
    }

    static String contact(long id) {
        return "{\"ID\":\"" + id + "\",\"NAME\":\"Name" + id + "\",\"LAST_NAME\":\"Family" + id + "\","
                + "\"TYPE_ID\":\"CLIENT\",\"SOURCE_ID\":\"WEB\",\"ASSIGNED_BY_ID\":\"1\",\"OPENED\":\"Y\","
                + "\"DATE_CREATE\":\"2024-08-01T10:00:00+03:00\",\"DATE_MODIFY\":\"2024-08-02T10:00:00+03:00\","
                + "\"PHONE\":[{\"ID\":\"" + (2 * id + 1) + "\",\"VALUE_TYPE\":\"MOBILE\",\"VALUE\":\"+7999"
                + String.format("%07d", id) + "\",\"TYPE_ID\":\"PHONE\"}],"
                + "\"EMAIL\":[{\"ID\":\"" + (2 * id) + "\",\"VALUE_TYPE\":\"WORK\",\"VALUE\":\"person" + id
                + "@example.com\",\"TYPE_ID\":\"EMAIL\"}]}";
    }

    private static long number(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return number.longValueExact();
        }
        if (value instanceof JsonString text) {
            return Long.parseLong(text.getString().trim());
        }
        return 0;
    }

    private static JsonObject body(String text) {
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static ResponseDefinition json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body).build();
    }
}
