package dev.liaison.connectors.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.liaison.connectors.testkit.Bitrix24Fake;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A portal holding {@code contacts} contacts (IDs 2, 4, ..., so that paging must follow the last ID, not count), 3
 * leads and 2 deals, answering {@code batch} of {@code crm.*.list} commands as external-apis.md §1.5 and §1.7
 * document: pages of at most 50 after {@code filter[>ID]} from {@code start}, each command's rows under
 * {@code result}, its count under {@code result_total}, failures under {@code result_error}, empty sections as
 * {@code []}. Commands run in order, as on the portal, so a record deleted between two shifts the later pages.
 */
final class PortalFake implements ResponseDefinitionTransformerV2 {

    static final int CONTACTS = 51;
    static final String PERSON_SELECT = "[\"*\",\"UF_*\",\"PHONE\",\"EMAIL\"]";

    private final Map<String, NavigableMap<Long, String>> records = new HashMap<>();
    private final Map<String, String> failOnce = new HashMap<>();
    private final Map<String, Long> deleteBefore = new HashMap<>();
    private final List<Map<String, String>> batches = new ArrayList<>();

    PortalFake(int contacts) {
        NavigableMap<Long, String> people = new TreeMap<>();
        for (int n = 1; n <= contacts; n++) {
            people.put(2L * n, contact(2L * n));
        }
        records.put("crm.contact.list", people);
        records.put("crm.lead.list", new TreeMap<>(Map.of(7L, lead(7), 8L, lead(8), 12L, lead(12))));
        records.put("crm.deal.list", new TreeMap<>(Map.of(410L, deal(410, "C1:WON", "S", "1", "2"),
                411L, deal(411, "NEW", "P", "0", "0"))));
    }

    /** A WireMock server whose {@code batch} is this fake; other methods can still be stubbed on it. */
    WireMockServer serve() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .extensions(this));
        server.start();
        server.stubFor(post(urlPathEqualTo(Bitrix24Fixtures.method("batch")))
                .willReturn(aResponse().withTransformers(getName())));
        return server;
    }

    synchronized void addContact(long id) {
        records.get("crm.contact.list").put(id, contact(id));
    }

    /** Record {@code id} of {@code list} ({@code crm.contact.list}, {@code crm.lead.list}) is deleted. */
    synchronized void delete(String list, long id) {
        records.get(list).remove(id);
    }

    /** The next batch command named {@code key} fails with {@code code}; the one after it succeeds again. */
    synchronized void failOnce(String key, String code) {
        failOnce.put(key, code);
    }

    /** Contact {@code id} is deleted just before the next command named {@code key} runs. */
    synchronized void deleteContactBefore(String key, long id) {
        deleteBefore.put(key, id);
    }

    /** Every batch received, each as command key to command. */
    synchronized List<Map<String, String>> batches() {
        return List.copyOf(batches);
    }

    @Override
    public String getName() {
        return "bitrix24-portal-fake";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        JsonObject cmd;
        try (JsonReader reader = Bitrix24Api.JSON.createReader(new StringReader(
                serveEvent.getRequest().getBodyAsString()))) {
            cmd = reader.readObject().getJsonObject("cmd");
        }
        Map<String, String> commands = new LinkedHashMap<>();
        cmd.forEach((key, value) -> commands.put(key, ((JsonString) value).getString()));
        batches.add(commands);
        List<String> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> totals = new ArrayList<>();
        commands.forEach((key, command) -> {
            Long deleted = deleteBefore.remove(key);
            if (deleted != null) {
                records.get("crm.contact.list").remove(deleted);
            }
            String code = failOnce.remove(key);
            if (code != null) {
                errors.add(member(key, "{\"error\":\"" + code + "\",\"error_description\":\"\"}"));
                return;
            }
            String method = command.substring(0, command.indexOf('?'));
            Map<String, String> query = query(command.substring(command.indexOf('?') + 1));
            List<String> matching = query.containsKey("filter[@ID][0]") ? among(records.get(method), query)
                    : new ArrayList<>(records.get(method).tailMap(Long.parseLong(query.get("filter[>ID]")), false)
                    .values());
            int start = Integer.parseInt(query.get("start"));
            results.add(member(key, "[" + String.join(",",
                    matching.subList(Math.min(start, matching.size()), Math.min(start + 50, matching.size()))) + "]"));
            totals.add(member(key, Integer.toString(matching.size())));
        });
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"result\":{\"result\":" + section(results) + ",\"result_error\":" + section(errors)
                        + ",\"result_total\":" + section(totals) + ",\"result_next\":[],\"result_time\":[]},"
                        + "\"time\":" + Bitrix24Fake.TIME + "}")
                .build();
    }

    /** {@code filter[@ID]} (IN) with {@code select ["ID"]}: the IDs asked for that exist, as bare records. */
    private static List<String> among(NavigableMap<Long, String> records, Map<String, String> query) {
        List<String> rows = new ArrayList<>();
        for (int n = 0; query.containsKey("filter[@ID][" + n + "]"); n++) {
            long id = Long.parseLong(query.get("filter[@ID][" + n + "]"));
            if (records.containsKey(id)) {
                rows.add("{\"ID\":\"" + id + "\"}");
            }
        }
        return rows;
    }

    private static Map<String, String> query(String query) {
        Map<String, String> pairs = new HashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            pairs.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return pairs;
    }

    private static String member(String key, String value) {
        return "\"" + key + "\":" + value;
    }

    /** Bitrix24 writes an empty section as {@code []}, not {@code {}}. */
    private static String section(List<String> members) {
        return members.isEmpty() ? "[]" : "{" + String.join(",", members) + "}";
    }

    static String contact(long id) {
        return "{\"ID\":\"" + id + "\",\"NAME\":\"Name" + id + "\",\"LAST_NAME\":\"Family" + id + "\","
                + "\"DATE_CREATE\":\"2024-08-01T10:00:00+03:00\","
                + "\"DATE_MODIFY\":\"2024-08-02T10:00:" + String.format("%02d", id % 60) + "+03:00\","
                + "\"PHONE\":[{\"ID\":\"" + (1000 + id) + "\",\"VALUE_TYPE\":\"MOBILE\","
                + "\"VALUE\":\"+7999000" + String.format("%04d", id) + "\",\"TYPE_ID\":\"PHONE\"}],"
                + "\"EMAIL\":[{\"ID\":\"" + (2000 + id) + "\",\"VALUE_TYPE\":\"WORK\","
                + "\"VALUE\":\"person" + id + "@example.com\",\"TYPE_ID\":\"EMAIL\"}]}";
    }

    static String lead(long id) {
        return "{\"ID\":\"" + id + "\",\"TITLE\":\"Website form\",\"NAME\":\"Lead" + id + "\",\"LAST_NAME\":null,"
                + "\"COMPANY_TITLE\":\"Acme " + id + "\",\"STATUS_ID\":\"NEW\",\"DATE_CREATE\":\"2024-08-03T10:00:00+03:00\","
                + "\"DATE_MODIFY\":\"2024-08-03T11:00:00+03:00\","
                + "\"EMAIL\":[{\"ID\":\"" + (3000 + id) + "\",\"VALUE_TYPE\":\"HOME\","
                + "\"VALUE\":\"lead" + id + "@example.com\",\"TYPE_ID\":\"EMAIL\"}]}";
    }

    static String deal(long id, String stage, String semantic, String category, String contactId) {
        return "{\"ID\":\"" + id + "\",\"TITLE\":\"Deal " + id + "\",\"STAGE_ID\":\"" + stage + "\",\"CATEGORY_ID\":\""
                + category + "\",\"STAGE_SEMANTIC_ID\":\"" + semantic + "\",\"CONTACT_ID\":\"" + contactId + "\","
                + "\"OPPORTUNITY\":\"1500.00\",\"CURRENCY_ID\":\"RUB\",\"DATE_MODIFY\":\"2024-08-05T12:00:00+03:00\","
                + "\"MOVED_TIME\":\"2024-08-05T11:30:00+03:00\"}";
    }
}
