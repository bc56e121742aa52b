package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteHttp;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deliveries, records and a WireMock amoCRM built as external-apis.md §2 documents them: form-encoded webhooks,
 * HAL lists ({@code _page}, {@code _links.next}, {@code _embedded}) as {@code application/hal+json}, 204 for empty.
 */
final class AmoFixtures {

    static final String SUBDOMAIN = "example";
    static final String ACCOUNT_ID = "7039099";
    static final String SECRET = "hk_3f9a1c7e5b2d4f6a8c0e";
    static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.long-lived";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String HAL = "application/hal+json";
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(10);

    /** The status-change fixture of external-apis.md §2.4, byte for byte. */
    static final String LEAD_STATUS_WON = "leads%5Bstatus%5D%5B0%5D%5Bid%5D=25399013&"
            + "leads%5Bstatus%5D%5B0%5D%5Bstatus_id%5D=142&"
            + "leads%5Bstatus%5D%5B0%5D%5Bpipeline_id%5D=3508507&"
            + "leads%5Bstatus%5D%5B0%5D%5Bold_status_id%5D=7039101&"
            + "leads%5Bstatus%5D%5B0%5D%5Bold_pipeline_id%5D=3508507&"
            + "leads%5Bstatus%5D%5B0%5D%5Bresponsible_user_id%5D=123123&"
            + "leads%5Bstatus%5D%5B0%5D%5Blast_modified%5D=1413554372&"
            + "leads%5Bstatus%5D%5B0%5D%5Bmodified_user_id%5D=123123&"
            + "leads%5Bstatus%5D%5B0%5D%5Baccount_id%5D=7039099&account%5Bsubdomain%5D=example&"
            + "account%5Bid%5D=7039099";

    /** A contact update in the legacy field naming amoCRM webhooks use (shape of the captured body in §2.4). */
    static final String CONTACT_UPDATE = form(
            "account[subdomain]", "example",
            "account[id]", "7039099",
            "account[_links][self]", "https://example.amocrm.ru",
            "contacts[update][0][id]", "403181",
            "contacts[update][0][name]", "Иван Иванов",
            "contacts[update][0][responsible_user_id]", "112313",
            "contacts[update][0][date_create]", "1465396143",
            "contacts[update][0][last_modified]", "1465396294",
            "contacts[update][0][account_id]", "7039099",
            "contacts[update][0][custom_fields][0][id]", "735649",
            "contacts[update][0][custom_fields][0][name]", "Телефон",
            "contacts[update][0][custom_fields][0][values][0][value]", "89031453455",
            "contacts[update][0][custom_fields][0][values][0][enum]", "718321",
            "contacts[update][0][custom_fields][0][code]", "PHONE",
            "contacts[update][0][created_at]", "1465396143",
            "contacts[update][0][updated_at]", "1465396294",
            "contacts[update][0][type]", "contact");

    /** The single contact example of §2.2, with the system PHONE and EMAIL fields filled. */
    static final String CONTACT_403181 = """
            {"id":403181,"name":"Иван Иванов","first_name":"Иван","last_name":"Иванов","responsible_user_id":112313,
             "group_id":3625,"created_by":0,"updated_by":0,"created_at":1465396143,"updated_at":1465396294,
             "closest_task_at":null,"is_deleted":false,"account_id":7039099,
             "custom_fields_values":[
               {"field_id":1277732,"field_name":"Номер карты","field_code":null,"field_type":"numeric","values":[{"value":"415949"}]},
               {"field_id":735649,"field_name":"Телефон","field_code":"PHONE","field_type":"multitext",
                "values":[{"value":"89031453455","enum_id":718321,"enum_code":"WORK"}]},
               {"field_id":735651,"field_name":"Email","field_code":"EMAIL","field_type":"multitext",
                "values":[{"value":"ivan@example.com","enum_id":718333,"enum_code":"WORK"}]}],
             "_links":{"self":{"href":"https://example.amocrm.ru/api/v4/contacts/403181"}},
             "_embedded":{"tags":[],"companies":[{"id":40318188,
                 "_links":{"self":{"href":"https://example.amocrm.ru/api/v4/companies/40318188"}}}]}}""";

    /** The lead of the status fixture, as GET /api/v4/leads/{id}?with=contacts returns it (shape of §2.2). */
    static final String LEAD_25399013 = """
            {"id":25399013,"name":"Сделка для примера","price":46333,"responsible_user_id":123123,"group_id":0,
             "status_id":142,"pipeline_id":3508507,"loss_reason_id":null,"created_by":123123,"updated_by":123123,
             "created_at":1413550000,"updated_at":1413554372,"closed_at":1413554372,"closest_task_at":null,
             "is_deleted":false,"custom_fields_values":null,"score":null,"account_id":7039099,
             "_links":{"self":{"href":"https://example.amocrm.ru/api/v4/leads/25399013"}},
             "_embedded":{"tags":[],"companies":[],
               "contacts":[{"id":403182,"is_main":false,"_links":{"self":{"href":"https://example.amocrm.ru/api/v4/contacts/403182"}}},
                           {"id":403181,"is_main":true,"_links":{"self":{"href":"https://example.amocrm.ru/api/v4/contacts/403181"}}}]}}""";

    private AmoFixtures() {
    }

    static WireMockServer amocrm() {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    static ConnectionContext connection(String baseUrl, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                AmoSettings.SUBDOMAIN, SUBDOMAIN,
                AmoSettings.ACCOUNT_ID, ACCOUNT_ID,
                AmoSettings.BASE_URL, baseUrl,
                AmoSettings.ACCESS_TOKEN, TOKEN,
                AmoSettings.WEBHOOK_SECRET, SECRET,
                AmoSettings.RATE_PER_SECOND, "1000"));
        settings.putAll(overrides);
        settings.values().removeIf(String::isEmpty);
        return new ConnectionContext("amo-1", "default", AmoCrmConnector.KIND, settings);
    }

    /** A connector whose retries record their waits instead of sleeping. */
    static AmoCrmConnector connector(List<Duration> sleeps) {
        return connector(sleeps, new MemoryCredentialStore(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Tokens are refreshed when they expire within {@link #REFRESH_MARGIN}. */
    static AmoCrmConnector connector(List<Duration> sleeps, MemoryCredentialStore credentials, Clock clock) {
        return new AmoCrmConnector(remoteHttp(sleeps), clock, credentials, REFRESH_MARGIN);
    }

    static AmoApi.Bearer bearer(String token) {
        return new AmoApi.Bearer() {
            @Override
            public String token() {
                return token;
            }

            @Override
            public Optional<String> renewed(String rejected) {
                return Optional.empty();
            }
        };
    }

    static RemoteHttp remoteHttp(List<Duration> sleeps) {
        return new RemoteHttp(HttpClient.newHttpClient(),
                new RemoteHttp.Policy(3, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(200), 5,
                        Duration.ofSeconds(30)),
                Clock.systemUTC(), sleeps::add);
    }

    static WebhookRequest delivery(String body, String query) {
        return new WebhookRequest("application/x-www-form-urlencoded",
                Map.of("User-Agent", List.of("amoCRM-Webhooks/3.0"),
                        "Content-Type", List.of("application/x-www-form-urlencoded")),
                query, body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    static WebhookRequest delivery(String body) {
        return delivery(body, "secret=" + SECRET);
    }

    /** Form-encodes key/value pairs the way amoCRM sends them (UTF-8, brackets escaped). */
    static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    static ResponseDefinitionBuilder hal(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", HAL).withBody(json);
    }

    static void stubRecords(WireMockServer amocrm) {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts/403181")).willReturn(hal(CONTACT_403181)));
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/leads/25399013")).withQueryParam("with", equalTo("contacts"))
                .willReturn(hal(LEAD_25399013)));
    }

    /** A contact with an id, an update time and optional PHONE/EMAIL, in the list shape of GET /api/v4/contacts. */
    static String contact(long id, long updatedAt, String phone, String email) {
        StringBuilder fields = new StringBuilder();
        if (phone != null) {
            fields.append("{\"field_id\":735649,\"field_name\":\"Телефон\",\"field_code\":\"PHONE\",\"field_type\":\"multitext\","
                    + "\"values\":[{\"value\":\"").append(phone).append("\",\"enum_id\":718321,\"enum_code\":\"MOB\"}]}");
        }
        if (email != null) {
            if (fields.length() > 0) {
                fields.append(',');
            }
            fields.append("{\"field_id\":735651,\"field_name\":\"Email\",\"field_code\":\"EMAIL\",\"field_type\":\"multitext\","
                    + "\"values\":[{\"value\":\"").append(email).append("\",\"enum_id\":718333,\"enum_code\":\"WORK\"}]}");
        }
        return "{\"id\":" + id + ",\"name\":\"Клиент " + id + "\",\"first_name\":\"\",\"last_name\":\"\","
                + "\"responsible_user_id\":112313,\"group_id\":0,\"created_at\":" + (updatedAt - 100) + ",\"updated_at\":"
                + updatedAt + ",\"custom_fields_values\":" + (fields.length() == 0 ? "null" : "[" + fields + "]")
                + ",\"account_id\":7039099,\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru/api/v4/contacts/"
                + id + "\"}},\"_embedded\":{\"tags\":[],\"companies\":[]}}";
    }

    static String lead(long id, long statusId, long updatedAt, long mainContact) {
        return "{\"id\":" + id + ",\"name\":\"Сделка " + id + "\",\"price\":1500,\"responsible_user_id\":123321,"
                + "\"group_id\":625,\"status_id\":" + statusId + ",\"pipeline_id\":1300,\"created_at\":1453279607,"
                + "\"updated_at\":" + updatedAt + ",\"custom_fields_values\":null,\"account_id\":7039099,"
                + "\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru/api/v4/leads/" + id + "\"}},"
                + "\"_embedded\":{\"tags\":[],\"contacts\":[{\"id\":" + mainContact + ",\"is_main\":true}]}}";
    }

    /** One page of a HAL list; {@code next} adds {@code _links.next} as amoCRM does on every page but the last. */
    static String page(String entity, int page, boolean next, String... records) {
        String self = "https://example.amocrm.ru/api/v4/" + entity + "?limit=250&page=";
        return "{\"_page\":" + page + ",\"_links\":{\"self\":{\"href\":\"" + self + page + "\"}"
                + (next ? ",\"next\":{\"href\":\"" + self + (page + 1) + "\"}" : "")
                + ",\"first\":{\"href\":\"" + self + "1\"}"
                + (page > 1 ? ",\"prev\":{\"href\":\"" + self + (page - 1) + "\"}" : "")
                + "},\"_embedded\":{\"" + entity + "\":[" + String.join(",", records) + "]}}";
    }
}
