package dev.liaison.connectors.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.support.RemoteCalls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Deliveries, connections and REST answers built as Bitrix24 documents them (external-apis.md §1). */
final class Bitrix24Fixtures {

    /** The full example raw body of external-apis.md §1.8 (outgoing webhook, contact update), verbatim. */
    static final String CONTACT_UPDATE = "event=ONCRMCONTACTUPDATE&event_handler_id=975&data%5BFIELDS%5D%5BID%5D=89"
            + "&ts=1724696255&auth%5Bdomain%5D=example.bitrix24.ru&auth%5Bclient_endpoint%5D=https%3A%2F%2Fexample."
            + "bitrix24.ru%2Frest%2F&auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&auth%5Bmem"
            + "ber_id%5D=a223c6b3710f85df22e9377d6c4f7553&auth%5Bapplication_token%5D=jvh9y1ulvt2m6k5or90v9mg8nn32ozas";

    /** The captured app-event body of external-apis.md §1.8, from bitrix24/b24phpsdk's RemoteEventsFabricTest, verbatim. */
    static final String SDK_CONTACT_ADD = "event=ONCRMCONTACTADD&event_handler_id=58&data%5BFIELDS%5D%5BID%5D=134806"
            + "&ts=1727018926&auth%5Baccess_token%5D=be45...&auth%5Bexpires%5D=1727022526&auth%5Bexpires_in%5D=3600"
            + "&auth%5Bscope%5D=crm%2Cplacement%2Cuser_brief&auth%5Bdomain%5D=bitrix24-php-sdk-playground.bitrix24.com"
            + "&auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&auth%5Bstatus%5D=L&auth%5Bclient_"
            + "endpoint%5D=https%3A%2F%2Fbitrix24-php-sdk-playground.bitrix24.com%2Frest%2F&auth%5Bmember_id%5D=010b6886"
            + "ebc205e43ae65000ee00addb&auth%5Buser_id%5D=1&auth%5Bapplication_token%5D=3c6c9248ec54af6bea1159b43ee0ab32";

    static final String TOKEN = "jvh9y1ulvt2m6k5or90v9mg8nn32ozas";
    static final String MEMBER_ID = "a223c6b3710f85df22e9377d6c4f7553";
    static final String WEBHOOK_PATH = "/rest/1/7xq2kd9w3m1p0abc/";
    static final Instant RECEIVED = Instant.parse("2024-08-26T18:17:40Z");

    /** The {@code time} block of a cloud answer (external-apis.md §1.3, limits.md). */
    static final String TIME = "{\"start\":1724696256.103,\"finish\":1724696256.211,\"duration\":0.108,"
            + "\"processing\":0.052,\"date_start\":\"2024-08-26T21:17:36+03:00\","
            + "\"date_finish\":\"2024-08-26T21:17:36+03:00\",\"operating_reset_at\":1724696856,\"operating\":0}";

    /** Contact 89 as crm.contact.get returns it, multifields in the crm_multifield shape. */
    static final String CONTACT_89 = "{\"ID\":\"89\",\"POST\":\"Manager\",\"COMMENTS\":null,\"HONORIFIC\":null,"
            + "\"NAME\":\"Anastasia\",\"SECOND_NAME\":null,\"LAST_NAME\":\"Orlova\",\"TYPE_ID\":\"CLIENT\","
            + "\"SOURCE_ID\":\"WEB\",\"COMPANY_ID\":\"9\",\"ASSIGNED_BY_ID\":\"1\",\"OPENED\":\"Y\",\"EXPORT\":\"Y\","
            + "\"DATE_CREATE\":\"2024-08-20T10:00:00+03:00\",\"DATE_MODIFY\":\"2024-08-26T21:17:31+03:00\","
            + "\"UF_CRM_MARKETING_OK\":\"1\",\"UF_CRM_TAGS\":[\"vip\"],"
            + "\"PHONE\":[{\"ID\":\"214\",\"VALUE_TYPE\":\"WORK\",\"VALUE\":\"+7 999 123-45-67\",\"TYPE_ID\":\"PHONE\"},"
            + "{\"ID\":\"216\",\"VALUE_TYPE\":\"MOBILE\",\"VALUE\":\"\",\"TYPE_ID\":\"PHONE\"}],"
            + "\"EMAIL\":[{\"ID\":\"215\",\"VALUE_TYPE\":\"WORK\",\"VALUE\":\"special-for@example.com\",\"TYPE_ID\":\"EMAIL\"}]}";

    /** Deal 410 as the crm.deal.get page of b24restdocs shows it (trimmed to the fields Liaison reads). */
    static final String DEAL_410 = "{\"ID\":\"410\",\"TITLE\":\"New Deal #1\",\"TYPE_ID\":\"COMPLEX\","
            + "\"STAGE_ID\":\"PREPARATION\",\"PROBABILITY\":\"99\",\"CURRENCY_ID\":\"EUR\",\"OPPORTUNITY\":\"1000000.00\","
            + "\"COMPANY_ID\":\"9\",\"CONTACT_ID\":\"84\",\"DATE_CREATE\":\"2024-08-30T14:29:00+02:00\","
            + "\"DATE_MODIFY\":\"2024-08-30T14:29:00+02:00\",\"OPENED\":\"Y\",\"CLOSED\":\"N\",\"CATEGORY_ID\":\"0\","
            + "\"STAGE_SEMANTIC_ID\":\"P\",\"MOVED_TIME\":\"2024-08-30T14:29:00+02:00\"}";

    /** The error crm.*.get answers for a record that is not there (b24restdocs crm-contact-get.md). */
    static final String NOT_FOUND = "{\"error\":\"\",\"error_description\":\"Not found\"}";

    private Bitrix24Fixtures() {
    }

    static ConnectionContext connection(String restOrigin, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                Bitrix24Settings.PORTAL_URL, "https://example.bitrix24.ru",
                Bitrix24Settings.INCOMING_WEBHOOK_URL, restOrigin + WEBHOOK_PATH,
                Bitrix24Settings.APPLICATION_TOKEN, TOKEN,
                Bitrix24Settings.MEMBER_ID, MEMBER_ID,
                Bitrix24Settings.RATE_PER_SECOND, "1000",
                Bitrix24Settings.BURST, "1000"));
        settings.putAll(extra);
        settings.values().removeIf(String::isEmpty);
        return new ConnectionContext("b24-1", "default", Bitrix24Connector.KIND, settings);
    }

    static ConnectionContext connection() {
        return connection("https://example.bitrix24.ru", Map.of());
    }

    static WebhookRequest delivery(String body) {
        return new WebhookRequest("application/x-www-form-urlencoded",
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded"),
                        "User-Agent", List.of("Bitrix24 Webhook Engine")),
                "", body.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    /** The §1.8 example with another event, record and time, everything else (auth) as sent. */
    static String event(String name, long id, long ts) {
        return CONTACT_UPDATE.replace("event=ONCRMCONTACTUPDATE", "event=" + name)
                .replace("data%5BFIELDS%5D%5BID%5D=89", "data%5BFIELDS%5D%5BID%5D=" + id)
                .replace("ts=1724696255", "ts=" + ts);
    }

    static WireMockServer portal() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    static String method(String name) {
        return WEBHOOK_PATH + name;
    }

    static ResponseDefinitionBuilder ok(String result) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"result\":" + result + ",\"time\":" + TIME + "}");
    }

    /** A list page read with {@code start: -1}: no count, so {@code "total":0} and no {@code next}. */
    static ResponseDefinitionBuilder bigExportPage(List<String> rows) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"result\":[" + String.join(",", rows) + "],\"total\":0,\"time\":" + TIME + "}");
    }

    static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    static void stubGet(WireMockServer portal, String entity, long id, ResponseDefinitionBuilder answer) {
        portal.stubFor(post(urlPathEqualTo(method("crm." + entity + ".get")))
                .withRequestBody(equalToJson("{\"id\":" + id + "}")).willReturn(answer));
    }

    /** RemoteCalls that record their waits instead of sleeping, with short timeouts and three attempts per call. */
    static RemoteCalls remoteCalls(List<Duration> sleeps) {
        return new RemoteCalls(new RemoteCalls.Policy(3, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMillis(100), 5, Duration.ofSeconds(30)), Clock.systemUTC(),
                sleeps::add);
    }

    static Bitrix24Connector connector(List<Duration> sleeps) {
        return new Bitrix24Connector(remoteCalls(sleeps), new InMemoryCredentials(), Clock.systemUTC());
    }
}
