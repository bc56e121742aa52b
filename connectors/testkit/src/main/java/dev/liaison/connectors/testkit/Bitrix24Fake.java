package dev.liaison.connectors.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.List;

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
}
