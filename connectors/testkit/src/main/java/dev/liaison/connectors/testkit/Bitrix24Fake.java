package dev.liaison.connectors.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Bitrix24 portal's REST API as external-apis.md §1 documents it: {@code POST <incoming webhook URL><method>}
 * with JSON parameters, answered with the {@code {"result": ..., "time": {...}}} envelope or an
 * {@code {"error", "error_description"}} object; records in the CRM's upper-case field names with multifields
 * ({@code PHONE}, {@code EMAIL}) as lists. The one Bitrix24 fake of the connector's unit tests and the ITs.
 *
 * <p>Wraps a WireMock server: its own ({@link #start}), or one a test already runs ({@link #on}); methods are
 * served under the incoming webhook's path, e.g. {@code /rest/1/7xq2kd9w3m1p0abc/}.
 */
public final class Bitrix24Fake {

    /** The {@code time} block of a cloud answer (external-apis.md §1.3, limits.md). */
    public static final String TIME = "{\"start\":1724696256.103,\"finish\":1724696256.211,\"duration\":0.108,"
            + "\"processing\":0.052,\"date_start\":\"2024-08-26T21:17:36+03:00\","
            + "\"date_finish\":\"2024-08-26T21:17:36+03:00\",\"operating_reset_at\":1724696856,\"operating\":0}";

    /** Contact 89 as crm.contact.get returns it, multifields in the crm_multifield shape. */
    public static final String CONTACT_89 = "{\"ID\":\"89\",\"POST\":\"Manager\",\"COMMENTS\":null,\"HONORIFIC\":null,"
            + "\"NAME\":\"Anastasia\",\"SECOND_NAME\":null,\"LAST_NAME\":\"Orlova\",\"TYPE_ID\":\"CLIENT\","
            + "\"SOURCE_ID\":\"WEB\",\"COMPANY_ID\":\"9\",\"ASSIGNED_BY_ID\":\"1\",\"OPENED\":\"Y\",\"EXPORT\":\"Y\","
            + "\"DATE_CREATE\":\"2024-08-20T10:00:00+03:00\",\"DATE_MODIFY\":\"2024-08-26T21:17:31+03:00\","
            + "\"UF_CRM_MARKETING_OK\":\"1\",\"UF_CRM_TAGS\":[\"vip\"],"
            + "\"PHONE\":[{\"ID\":\"214\",\"VALUE_TYPE\":\"WORK\",\"VALUE\":\"+7 999 123-45-67\","
            + "\"TYPE_ID\":\"PHONE\"},"
            + "{\"ID\":\"216\",\"VALUE_TYPE\":\"MOBILE\",\"VALUE\":\"\",\"TYPE_ID\":\"PHONE\"}],"
            + "\"EMAIL\":[{\"ID\":\"215\",\"VALUE_TYPE\":\"WORK\",\"VALUE\":\"special-for@example.com\","
            + "\"TYPE_ID\":\"EMAIL\"}]}";

    /** Deal 410 as the crm.deal.get page of b24restdocs shows it (trimmed to the fields Liaison reads). */
    public static final String DEAL_410 = "{\"ID\":\"410\",\"TITLE\":\"New Deal #1\",\"TYPE_ID\":\"COMPLEX\","
            + "\"STAGE_ID\":\"PREPARATION\",\"PROBABILITY\":\"99\",\"CURRENCY_ID\":\"EUR\","
            + "\"OPPORTUNITY\":\"1000000.00\","
            + "\"COMPANY_ID\":\"9\",\"CONTACT_ID\":\"84\",\"DATE_CREATE\":\"2024-08-30T14:29:00+02:00\","
            + "\"DATE_MODIFY\":\"2024-08-30T14:29:00+02:00\",\"OPENED\":\"Y\",\"CLOSED\":\"N\",\"CATEGORY_ID\":\"0\","
            + "\"STAGE_SEMANTIC_ID\":\"P\",\"MOVED_TIME\":\"2024-08-30T14:29:00+02:00\"}";

    /** The error crm.*.get answers for a record that is not there (b24restdocs crm-contact-get.md). */
    public static final String NOT_FOUND = "{\"error\":\"\",\"error_description\":\"Not found\"}";

    private final WireMockServer server;
    private final String webhookPath;

    private Bitrix24Fake(WireMockServer server, String webhookPath) {
        this.server = server;
        this.webhookPath = webhookPath;
    }

    /** A portal on its own WireMock server on 127.0.0.1, started, answering under {@code webhookPath}. */
    public static Bitrix24Fake start(String webhookPath) {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return new Bitrix24Fake(server, webhookPath);
    }

    /** Registers the portal's answers on a server the test already runs. */
    public static Bitrix24Fake on(WireMockServer server, String webhookPath) {
        return new Bitrix24Fake(server, webhookPath);
    }

    public WireMockServer server() {
        return server;
    }

    /** The path of REST method {@code name}, e.g. {@code crm.contact.get}. */
    public String method(String name) {
        return webhookPath + name;
    }

    /** {@code crm.<entity>.get} of record {@code id} answering {@code answer}: {@link #ok} or {@link #error}. */
    public Bitrix24Fake stubGet(String entity, long id, ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlPathEqualTo(method("crm." + entity + ".get")))
                .withRequestBody(equalToJson("{\"id\":" + id + "}")).willReturn(answer));
        return this;
    }

    /** The success envelope around {@code result}, JSON as written. */
    public static ResponseDefinitionBuilder ok(String result) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"result\":" + result + ",\"time\":" + TIME + "}");
    }

    /** A list page read with {@code start: -1}: no count, so {@code "total":0} and no {@code next}. */
    public static ResponseDefinitionBuilder bigExportPage(List<String> rows) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"result\":[" + String.join(",", rows) + "],\"total\":0,\"time\":" + TIME + "}");
    }

    public static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    /**
     * A portal behind an incoming webhook holding {@code contacts} contacts with IDs 2, 4, 6, ... (gaps, so that paging
     * must follow IDs) and no leads or deals, answering as external-apis.md §1 documents: {@code crm.contact.get} (400
     * "Not found" for any other ID), list pages of 50 with {@code total} and {@code next} ({@code start: -1}: no count,
     * {@code "total":0}), {@code filter {">ID": n}}, and {@code batch} of at most 50 {@code get} or {@code list}
     * commands with the {@code result}/{@code result_error}/{@code result_total}/{@code result_next} sections, empty
     * ones as {@code []}. Over the leaky bucket: 503 {@code QUERY_LIMIT_EXCEEDED}.
     * Contacts deleted from the portal ({@link #withoutContacts}) are simply no longer listed, as Bitrix24 does: a
     * list call with {@code filter {"@ID": [...]}} (IN) answers only the asked IDs that still exist.
     */
    public static final class Portal {

        public static final int PAGE_SIZE = 50;
        public static final int MAX_BATCH_COMMANDS = 50;
        /** The standard plans' bucket (§1.4): drains 2 per second, refuses above 50. */
        public static final double DRAIN_PER_SECOND = 2;
        public static final int CAPACITY = 50;

        private static final Set<String> EMPTY_LISTS = Set.of("crm.lead.list", "crm.deal.list", "crm.company.list");

        private final String webhookPath;
        private final int contacts;
        private final Set<Long> deleted;
        private final People people;
        private final int deals;

        /**
         * How the contacts' e-mails and phones are written: {@code person<ID>@<emailDomain>} and {@code phonePrefix}
         * followed by the ID padded to 12 characters in all. A test that erases a person gives its portal people of
         * its own, so that the erasure's tombstones meet no other test's contacts.
         */
        public record People(String emailDomain, String phonePrefix) {

            public static final People DEFAULT = new People("example.com", "+7999");
        }

        /** A portal answering under {@code webhookPath}, the path of its incoming webhook URL. */
        public Portal(String webhookPath, int contacts) {
            this(webhookPath, contacts, Set.of(), People.DEFAULT, 0);
        }

        private Portal(String webhookPath, int contacts, Set<Long> deleted, People people, int deals) {
            this.webhookPath = webhookPath;
            this.contacts = contacts;
            this.deleted = Set.copyOf(deleted);
            this.people = people;
            this.deals = deals;
        }

        /**
         * The same portal where each of the first {@code deals} contacts has won one deal: deal k (IDs 1, 2, ...) is
         * contact 2k's, 1,500.00 RUB, in stage WON, listed by {@code crm.deal.list} as contacts are.
         */
        public Portal withDeals(int deals) {
            return new Portal(webhookPath, contacts, deleted, people, Math.min(deals, contacts));
        }

        /** The same portal after the contacts with these IDs were deleted in it. */
        public Portal withoutContacts(long... ids) {
            Set<Long> gone = new TreeSet<>(deleted);
            for (long id : ids) {
                gone.add(id);
            }
            return new Portal(webhookPath, contacts, gone, people, deals);
        }

        /** The same portal with its contacts' e-mails and phones written as {@code people} says. */
        public Portal with(People people) {
            return new Portal(webhookPath, contacts, deleted, people, deals);
        }

        /** The external ids the connector gives the contacts: Bitrix24's type code and ID. */
        public Set<String> expectedIds() {
            Set<String> ids = new TreeSet<>();
            for (int n = 1; n <= contacts; n++) {
                if (!deleted.contains(2L * n)) {
                    ids.add("C_" + 2L * n);
                }
            }
            return ids;
        }

        /** Over the leaky bucket (§1.4). */
        public ResponseDefinition refusal() {
            return json(503, "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}");
        }

        public ResponseDefinition answer(Request request) {
            String path = request.getUrl().replaceAll("\\?.*", "");
            if (!path.startsWith(webhookPath)) {
                return json(401, "{\"error\":\"NO_AUTH_FOUND\",\"error_description\":\"Wrong authorization data\"}");
            }
            String method = path.substring(webhookPath.length()).replaceAll("\\.json$", "");
            JsonObject params = body(request.getBodyAsString());
            if (method.equals("batch")) {
                return batch(params);
            }
            if (method.equals("crm.contact.get")) {
                long id = number(params.get("id"));
                return has(id) ? json(200, "{\"result\":" + contact(id) + ",\"time\":" + TIME + "}")
                        : json(400, NOT_FOUND);
            }
            if (method.equals("crm.deal.list") && deals > 0) {
                return json(200, dealPage(ListQuery.of(params)).envelope());
            }
            if (method.equals("crm.contact.list")) {
                return json(200, page(ListQuery.of(params)).envelope());
            }
            if (EMPTY_LISTS.contains(method)) {
                return json(200, "{\"result\":[],\"total\":0,\"time\":" + TIME + "}");
            }
            return json(404, "{\"error\":\"ERROR_METHOD_NOT_FOUND\",\"error_description\":\"Method not found!\"}");
        }

        /**
         * Which rows a list call asks for: those after an ID, from an offset ({@code start < 0} counts nothing), or
         * with {@code among} not null those among the IDs of an {@code @ID} (IN) filter.
         */
        record ListQuery(long afterId, long start, List<Long> among) {

            static ListQuery of(JsonObject params) {
                JsonValue filter = params.get("filter");
                long after = filter instanceof JsonObject object ? number(object.get(">ID")) : 0;
                List<Long> among = null;
                if (filter instanceof JsonObject object && object.get("@ID") instanceof JsonArray ids) {
                    among = ids.stream().map(Portal::number).toList();
                }
                return new ListQuery(after, params.containsKey("start") ? number(params.get("start")) : 0, among);
            }

            /** The parameters of a batch sub-command, decoded. */
            static Map<String, String> pairs(String query) {
                Map<String, String> pairs = new LinkedHashMap<>();
                for (String pair : query.split("&")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        pairs.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                    }
                }
                return pairs;
            }

            /** A batch sub-command's parameters as PHP's http_build_query writes them. */
            static ListQuery ofQuery(String query) {
                Map<String, String> pairs = pairs(query);
                List<Long> among = null;
                for (int n = 0; pairs.containsKey("filter[@ID][" + n + "]"); n++) {
                    among = among == null ? new ArrayList<>() : among;
                    among.add(Long.parseLong(pairs.get("filter[@ID][" + n + "]")));
                }
                return new ListQuery(Long.parseLong(pairs.getOrDefault("filter[>ID]", "0")),
                        Long.parseLong(pairs.getOrDefault("start", "0")), among);
            }
        }

        /** One list answer: its rows, {@code total} (0 when not counted) and {@code next} (-1 when absent). */
        record ListPage(List<String> rows, long total, long next) {

            String envelope() {
                return "{\"result\":[" + String.join(",", rows) + "],\"total\":" + total
                        + (next >= 0 ? ",\"next\":" + next : "") + ",\"time\":" + TIME + "}";
            }
        }

        /** Whether contact {@code id} exists: IDs 2, 4, ... up to twice the number of contacts, less the deleted. */
        private boolean has(long id) {
            return id > 0 && id % 2 == 0 && id / 2 <= contacts && !deleted.contains(id);
        }

        /** A page of deals: deal k has ID k, so the first ID above {@code after} is deal {@code after + 1}. */
        ListPage dealPage(ListQuery query) {
            long first = Math.min(deals, Math.max(0, query.afterId()));
            long matching = deals - first;
            long offset = Math.max(0, query.start());
            List<String> rows = new ArrayList<>();
            for (long k = first + offset + 1; k <= Math.min(deals, first + offset + PAGE_SIZE); k++) {
                rows.add(deal(k));
            }
            return new ListPage(rows, query.start() < 0 ? 0 : matching,
                    query.start() >= 0 && offset + PAGE_SIZE < matching ? offset + PAGE_SIZE : -1);
        }

        /** Deal k, won by contact 2k, in the shape of {@link #DEAL_410}. */
        static String deal(long k) {
            return "{\"ID\":\"" + k + "\",\"TITLE\":\"Order " + k + "\",\"TYPE_ID\":\"SALE\",\"STAGE_ID\":\"WON\","
                    + "\"CURRENCY_ID\":\"RUB\",\"OPPORTUNITY\":\"1500.00\",\"CONTACT_ID\":\"" + 2 * k + "\","
                    + "\"ASSIGNED_BY_ID\":\"1\",\"DATE_CREATE\":\"2024-08-01T10:00:00+03:00\","
                    + "\"DATE_MODIFY\":\"2024-08-02T10:00:00+03:00\",\"OPENED\":\"Y\",\"CLOSED\":\"Y\","
                    + "\"CATEGORY_ID\":\"0\",\"STAGE_SEMANTIC_ID\":\"S\",\"MOVED_TIME\":\"2024-08-02T10:00:00+03:00\"}";
        }

        ListPage page(ListQuery query) {
            if (query.among() != null) {
                List<String> rows = query.among().stream().filter(this::exists)
                        .map(id -> "{\"ID\":\"" + id + "\"}").toList();
                return new ListPage(rows, rows.size(), -1);
            }
            if (!deleted.isEmpty()) {
                return pageWithGaps(query);
            }
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

        private boolean exists(long id) {
            return id > 0 && id % 2 == 0 && id / 2 <= contacts && !deleted.contains(id);
        }

        /** The same page once contacts were deleted: walked one by one, as the arithmetic no longer holds. */
        private ListPage pageWithGaps(ListQuery query) {
            List<Long> matching = new ArrayList<>();
            for (long id = 2; id <= 2L * contacts; id += 2) {
                if (id > query.afterId() && !deleted.contains(id)) {
                    matching.add(id);
                }
            }
            long offset = Math.max(0, query.start());
            List<String> rows = matching.stream().skip(offset).limit(PAGE_SIZE).map(this::contact).toList();
            if (query.start() < 0) {
                return new ListPage(rows, 0, -1);
            }
            return new ListPage(rows, matching.size(), offset + PAGE_SIZE < matching.size() ? offset + PAGE_SIZE : -1);
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
                } else if (method.equals("crm.deal.list") && deals > 0) {
                    ListPage page = dealPage(ListQuery.ofQuery(query));
                    results.put(key, "[" + String.join(",", page.rows()) + "]");
                    totals.put(key, Long.toString(page.total()));
                    if (page.next() >= 0) {
                        nexts.put(key, Long.toString(page.next()));
                    }
                } else if (EMPTY_LISTS.contains(method)) {
                    results.put(key, "[]");
                    totals.put(key, "0");
                } else if (method.equals("crm.contact.get")) {
                    long id = Long.parseLong(ListQuery.pairs(query).getOrDefault("id", "0"));
                    if (!has(id)) {
                        errors.put(key, NOT_FOUND);
                        return;
                    }
                    results.put(key, contact(id));
                } else {
                    errors.put(key, "{\"error\":\"ERROR_METHOD_NOT_FOUND\","
                            + "\"error_description\":\"Method not found!\"}");
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

        String contact(long id) {
            return "{\"ID\":\"" + id + "\",\"NAME\":\"Name" + id + "\",\"LAST_NAME\":\"Family" + id + "\","
                    + "\"TYPE_ID\":\"CLIENT\",\"SOURCE_ID\":\"WEB\",\"ASSIGNED_BY_ID\":\"1\",\"OPENED\":\"Y\","
                    + "\"DATE_CREATE\":\"2024-08-01T10:00:00+03:00\",\"DATE_MODIFY\":\"2024-08-02T10:00:00+03:00\","
                    + "\"PHONE\":[{\"ID\":\"" + (2 * id + 1) + "\",\"VALUE_TYPE\":\"MOBILE\",\"VALUE\":\""
                    + people.phonePrefix() + String.format("%0" + (12 - people.phonePrefix().length()) + "d", id)
                    + "\",\"TYPE_ID\":\"PHONE\"}],"
                    + "\"EMAIL\":[{\"ID\":\"" + (2 * id) + "\",\"VALUE_TYPE\":\"WORK\",\"VALUE\":\"person" + id
                    + "@" + people.emailDomain() + "\",\"TYPE_ID\":\"EMAIL\"}]}";
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
}
