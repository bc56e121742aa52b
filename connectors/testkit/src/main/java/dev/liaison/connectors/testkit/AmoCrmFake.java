package dev.liaison.connectors.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * amoCRM as external-apis.md §2 documents it: API v4 with HAL bodies ({@code application/hal+json}), lists of 250 a
 * page with {@code _links.next} on every page but the last, {@code with=contacts} on leads, the OAuth2 token
 * endpoint that rotates single-use refresh tokens, and the form-encoded webhooks amoCRM sends. The one amoCRM fake
 * of the connector's unit tests, the ITs and the benchmarks.
 *
 * <p>Wraps a WireMock server: its own ({@link #start()}), or one a test already runs ({@link #on}).
 */
public final class AmoCrmFake {

    public static final String HAL = "application/hal+json";
    public static final String ACCOUNT_ID = "7039099";
    public static final String TOKEN_PATH = "/oauth2/access_token";
    /** How long the token endpoint takes to answer a refresh, so that concurrent callers overlap. */
    public static final int REFRESH_DELAY_MILLIS = 300;

    /** The single contact example of §2.2, with the system PHONE and EMAIL fields filled. */
    public static final String CONTACT_403181 = """
            {"id":403181,"name":"Иван Иванов","first_name":"Иван","last_name":"Иванов","responsible_user_id":112313,
             "group_id":3625,"created_by":0,"updated_by":0,"created_at":1465396143,"updated_at":1465396294,
             "closest_task_at":null,"is_deleted":false,"account_id":7039099,
             "custom_fields_values":[
               {"field_id":1277732,"field_name":"Номер карты","field_code":null,"field_type":"numeric",
                "values":[{"value":"415949"}]},
               {"field_id":735649,"field_name":"Телефон","field_code":"PHONE","field_type":"multitext",
                "values":[{"value":"89031453455","enum_id":718321,"enum_code":"WORK"}]},
               {"field_id":735651,"field_name":"Email","field_code":"EMAIL","field_type":"multitext",
                "values":[{"value":"ivan@example.com","enum_id":718333,"enum_code":"WORK"}]}],
             "_links":{"self":{"href":"https://example.amocrm.ru/api/v4/contacts/403181"}},
             "_embedded":{"tags":[],"companies":[{"id":40318188,
               "_links":{"self":{"href":"https://example.amocrm.ru/api/v4/companies/40318188"}}}]}}""";

    /** The lead of the status fixture, as GET /api/v4/leads/{id}?with=contacts returns it (shape of §2.2). */
    public static final String LEAD_25399013 = """
            {"id":25399013,"name":"Сделка для примера","price":46333,"responsible_user_id":123123,"group_id":0,
             "status_id":142,"pipeline_id":3508507,"loss_reason_id":null,"created_by":123123,"updated_by":123123,
             "created_at":1413550000,"updated_at":1413554372,"closed_at":1413554372,"closest_task_at":null,
             "is_deleted":false,"custom_fields_values":null,"score":null,"account_id":7039099,
             "_links":{"self":{"href":"https://example.amocrm.ru/api/v4/leads/25399013"}},
             "_embedded":{"tags":[],"companies":[],
               "contacts":[{"id":403182,"is_main":false,
                            "_links":{"self":{"href":"https://example.amocrm.ru/api/v4/contacts/403182"}}},
                           {"id":403181,"is_main":true,
                            "_links":{"self":{"href":"https://example.amocrm.ru/api/v4/contacts/403181"}}}]}}""";

    /** The status-change fixture of external-apis.md §2.4, byte for byte. */
    public static final String LEAD_STATUS_WON =
            "leads%5Bstatus%5D%5B0%5D%5Bid%5D=25399013&leads%5Bstatus%5D%5B0%5D%5Bstatus_id%5D=142&leads%5Bst"
            + "atus%5D%5B0%5D%5Bpipeline_id%5D=3508507&leads%5Bstatus%5D%5B0%5D%5Bold_status_id%5D=7039101&lead"
            + "s%5Bstatus%5D%5B0%5D%5Bold_pipeline_id%5D=3508507&leads%5Bstatus%5D%5B0%5D%5Bresponsible_user_id"
            + "%5D=123123&leads%5Bstatus%5D%5B0%5D%5Blast_modified%5D=1413554372&leads%5Bstatus%5D%5B0%5D%5Bmod"
            + "ified_user_id%5D=123123&leads%5Bstatus%5D%5B0%5D%5Baccount_id%5D=7039099&account%5Bsubdomain%5D="
            + "example&account%5Bid%5D=7039099";

    /** A contact update in the legacy field naming amoCRM webhooks use (shape of the captured body in §2.4). */
    public static final String CONTACT_UPDATE = form(
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
    /** The refusal of a refresh token already used (amocrm/amocrm-api-php issues #123 and #315). */
    public static final String REVOKED = "{\"hint\":\"Token has been revoked\",\"title\":\"Некорректный запрос\","
            + "\"type\":\"https://developers.amocrm.ru/v3/errors/OAuthProblemJson\",\"status\":401,"
            + "\"detail\":\"В запросе отсутствует ряд параметров или параметры невалидны\"}";

    /** Two pages of contacts and one page of leads, as {@link #stubListing} serves them. */
    public static final String CONTACTS_PAGE_1 = page("contacts", 1, true,
            contact(1001, 1700000100, "+7 903 145-34-55", "anna@example.com"),
            contact(1002, 1700000200, null, "boris@example.com"));
    public static final String CONTACTS_PAGE_2 = page("contacts", 2, false,
            contact(1003, 1700000300, "89161234567", null));
    public static final String LEADS_PAGE_1 = page("leads", 1, false,
            lead(5001, 142, 1700000400, 1001),
            lead(5002, 143, 1700000500, 1002));

    /**
     * One page of {@code GET /api/v4/events?filter[type]=contact_deleted,contact_restored} as external-apis-wave2.md
     * §5.2 gives the model: contact 1002 deleted; contact 1003 deleted, then restored.
     */
    public static final String EVENTS_PAGE_1 = eventsPage(1, false,
            event("01hx0d3l3t3d00000000000001", "contact_deleted", 1002, 1700000600),
            event("01hx0d3l3t3d00000000000002", "contact_deleted", 1003, 1700000610),
            event("01hx0r3st0r3d0000000000003", "contact_restored", 1003, 1700000620));

    private final WireMockServer server;

    private AmoCrmFake(WireMockServer server) {
        this.server = server;
    }

    /** A fake on its own WireMock server on 127.0.0.1, started. */
    public static AmoCrmFake start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return new AmoCrmFake(server);
    }

    /** Registers amoCRM's answers on a server the test already runs. */
    public static AmoCrmFake on(WireMockServer server) {
        return new AmoCrmFake(server);
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public void stop() {
        server.stop();
    }

    /** GET /api/v4/contacts/403181 and GET /api/v4/leads/25399013?with=contacts, for any token. */
    public AmoCrmFake stubRecords() {
        server.stubFor(get(urlPathEqualTo("/api/v4/contacts/403181")).willReturn(hal(CONTACT_403181)));
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/25399013")).withQueryParam("with", equalTo("contacts"))
                .willReturn(hal(LEAD_25399013)));
        return this;
    }

    /**
     * The pages {@link #CONTACTS_PAGE_1}, {@link #CONTACTS_PAGE_2}, {@link #LEADS_PAGE_1} and {@link #EVENTS_PAGE_1},
     * for {@code token}.
     */
    public AmoCrmFake stubListing(String token) {
        server.stubFor(listRequest("contacts", 1, token).willReturn(hal(CONTACTS_PAGE_1)));
        server.stubFor(listRequest("contacts", 2, token).willReturn(hal(CONTACTS_PAGE_2)));
        server.stubFor(listRequest("leads", 1, token).withQueryParam("with", equalTo("contacts"))
                .willReturn(hal(LEADS_PAGE_1)));
        server.stubFor(eventsRequest(1, token).withQueryParam("filter[created_at][from]", absent())
                .willReturn(hal(EVENTS_PAGE_1)));
        return this;
    }

    /** A request for one page of contact deletion and restoration events, as every sync asks for them. */
    public static MappingBuilder eventsRequest(int page, String token) {
        return get(urlPathEqualTo("/api/v4/events"))
                .withQueryParam("limit", equalTo("100"))
                .withQueryParam("page", equalTo(Integer.toString(page)))
                .withQueryParam("filter[type]", equalTo("contact_deleted,contact_restored"))
                .withHeader("Authorization", equalTo("Bearer " + token));
    }

    /** One event in the model of §5.2: {@code id, type, entity_id, entity_type, created_by, created_at, ...}. */
    public static String event(String id, String type, long contactId, long createdAt) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"entity_id\":" + contactId
                + ",\"entity_type\":\"contact\",\"created_by\":112313,\"created_at\":" + createdAt
                + ",\"value_after\":[],\"value_before\":[],\"account_id\":7039099,"
                + "\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru/api/v4/events/" + id + "\"}}}";
    }

    /** One page of events; {@code next} adds {@code _links.next} as on every page but the last. */
    public static String eventsPage(int page, boolean next, String... events) {
        String self = "https://example.amocrm.ru/api/v4/events?limit=100&page=";
        return "{\"_page\":" + page + ",\"_links\":{\"self\":{\"href\":\"" + self + page + "\"}"
                + (next ? ",\"next\":{\"href\":\"" + self + (page + 1) + "\"}" : "")
                + "},\"_embedded\":{\"events\":[" + String.join(",", events) + "]}}";
    }

    /** The contact as GET /api/v4/contacts/{id} answers it to {@code token}, with a mobile PHONE and a work EMAIL. */
    public AmoCrmFake stubContact(String token, String contactId, String phone, String email) {
        String emailField = email == null ? "" : ",{\"field_id\":735651,\"field_name\":\"Email\","
                + "\"field_code\":\"EMAIL\",\"field_type\":\"multitext\",\"values\":[{\"value\":\"" + email
                + "\",\"enum_id\":718323,\"enum_code\":\"WORK\"}]}";
        server.stubFor(get(urlPathEqualTo("/api/v4/contacts/" + contactId))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(hal("{\"id\":" + contactId + ",\"name\":\"Иван Иванов\",\"first_name\":\"Иван\","
                        + "\"last_name\":\"Иванов\",\"responsible_user_id\":112313,\"group_id\":0,"
                        + "\"created_at\":1465396143,\"updated_at\":1465396294,\"account_id\":" + ACCOUNT_ID
                        + ",\"custom_fields_values\":[{\"field_id\":735649,\"field_name\":\"Телефон\","
                        + "\"field_code\":\"PHONE\",\"field_type\":\"multitext\",\"values\":[{\"value\":\""
                        + phone + "\",\"enum_id\":718321,\"enum_code\":\"MOB\"}]}" + emailField + "],"
                        + "\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru/api/v4/contacts/"
                        + contactId + "\"}},\"_embedded\":{\"tags\":[],\"companies\":[]}}")));
        return this;
    }

    /** Where the webhooks API of §2.4 lives. */
    public static final String WEBHOOKS_PATH = "/api/v4/webhooks";

    /**
     * {@code POST /api/v4/webhooks} subscribing {@code destination} (the URL with its secret) answered as §2.4 documents
     * it: 201 with the webhook model, {@code id} {@code webhookId}.
     */
    public AmoCrmFake stubWebhookSubscription(String destination, long webhookId) {
        server.stubFor(post(urlPathEqualTo(WEBHOOKS_PATH))
                .withRequestBody(matchingJsonPath("$.destination", equalTo(destination)))
                .willReturn(hal("{\"id\":" + webhookId + ",\"destination\":\"" + destination + "\","
                        + "\"created_at\":1575539157,\"updated_at\":1575539157,\"account_id\":" + ACCOUNT_ID + ","
                        + "\"created_by\":504141,\"sort\":1,\"disabled\":false,\"settings\":[\"add_contact\","
                        + "\"update_contact\",\"delete_contact\",\"restore_contact\",\"responsible_contact\","
                        + "\"add_lead\",\"status_lead\",\"restore_lead\"]}").withStatus(201)));
        return this;
    }

    /** {@code DELETE /api/v4/webhooks} of {@code destination}, named in the body: 204 (§2.4). */
    public AmoCrmFake stubWebhookRemoval(String destination) {
        server.stubFor(delete(urlPathEqualTo(WEBHOOKS_PATH))
                .withRequestBody(equalToJson("{\"destination\":\"" + destination + "\"}"))
                .willReturn(aResponse().withStatus(204)));
        return this;
    }

    /**
     * Every call to the webhooks API refused as a token without admin rights is (§2.4: admin only): 403 with an
     * RFC 7807 body, as API v4 answers errors.
     */
    public AmoCrmFake refuseWebhooks() {
        server.stubFor(any(urlPathEqualTo(WEBHOOKS_PATH)).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Forbidden\",\"type\":\"https://httpstatus.es/403\",\"status\":403}")));
        return this;
    }

    /**
     * The lead as GET /api/v4/leads/{id}?with=contacts answers it, in status 142 (won) just now: a deal won years ago
     * would earn points that have expired and count towards no tier.
     */
    public AmoCrmFake stubWonLead(String leadId, long price, String contactId) {
        long now = Instant.now().getEpochSecond();
        server.stubFor(get(urlPathEqualTo("/api/v4/leads/" + leadId)).withQueryParam("with", equalTo("contacts"))
                .willReturn(hal("{\"id\":" + leadId + ",\"name\":\"Сделка для примера\",\"price\":" + price + ","
                        + "\"responsible_user_id\":123123,\"group_id\":0,\"status_id\":142,"
                        + "\"pipeline_id\":3508507,\"created_at\":1413550000,\"updated_at\":" + now + ","
                        + "\"closed_at\":" + now + ",\"custom_fields_values\":null,\"account_id\":" + ACCOUNT_ID
                        + ",\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru/api/v4/leads/"
                        + leadId + "\"}},\"_embedded\":{\"tags\":[],\"companies\":[],\"contacts\":[{\"id\":"
                        + contactId + ",\"is_main\":true}]}}")));
        return this;
    }

    /**
     * The token endpoint rotating refresh tokens: {@code refresh-0} to {@code refresh-(generations - 1)} are each
     * honoured once and in order, answered with {@code access-(N+1)}/{@code refresh-(N+1)}; anything else, a token
     * used twice included, is refused with {@link #REVOKED}.
     */
    public AmoCrmFake stubRotatingRefreshTokens(int generations) {
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(10).willReturn(revoked()));
        for (int n = 0; n < generations; n++) {
            server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1).inScenario("refresh tokens")
                    .whenScenarioStateIs(n == 0 ? Scenario.STARTED : "issued refresh-" + n)
                    .withRequestBody(matchingJsonPath("$.grant_type", equalTo("refresh_token")))
                    .withRequestBody(matchingJsonPath("$.refresh_token", equalTo("refresh-" + n)))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withFixedDelay(REFRESH_DELAY_MILLIS)
                            .withBody(tokens("access-" + (n + 1), "refresh-" + (n + 1))))
                    .willSetStateTo("issued refresh-" + (n + 1)));
        }
        return this;
    }

    /** A full (unfiltered) list request for one page, with the query every sync request carries. */
    public static MappingBuilder listRequest(String entity, int page, String token) {
        return get(urlPathEqualTo("/api/v4/" + entity))
                .withQueryParam("limit", equalTo("250"))
                .withQueryParam("page", equalTo(Integer.toString(page)))
                .withQueryParam("order[updated_at]", equalTo("asc"))
                .withQueryParam("filter[updated_at][from]", absent())
                .withHeader("Authorization", equalTo("Bearer " + token));
    }

    public static ResponseDefinitionBuilder hal(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", HAL).withBody(json);
    }

    /** What the token endpoint answers a grant. */
    public static String tokens(String access, String refresh) {
        return "{\"token_type\":\"Bearer\",\"expires_in\":86400,\"server_time\":1763892000,\"access_token\":\""
                + access + "\",\"refresh_token\":\"" + refresh + "\"}";
    }

    public static ResponseDefinitionBuilder revoked() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json").withBody(REVOKED);
    }

    /** A contact with an id, an update time and optional PHONE/EMAIL, in the list shape of GET /api/v4/contacts. */
    public static String contact(long id, long updatedAt, String phone, String email) {
        StringBuilder fields = new StringBuilder();
        if (phone != null) {
            fields.append("{\"field_id\":735649,\"field_name\":\"Телефон\",\"field_code\":\"PHONE\",")
                    .append("\"field_type\":\"multitext\",\"values\":[{\"value\":\"").append(phone)
                    .append("\",\"enum_id\":718321,\"enum_code\":\"MOB\"}]}");
        }
        if (email != null) {
            if (fields.length() > 0) {
                fields.append(',');
            }
            fields.append("{\"field_id\":735651,\"field_name\":\"Email\",\"field_code\":\"EMAIL\",")
                    .append("\"field_type\":\"multitext\",\"values\":[{\"value\":\"").append(email)
                    .append("\",\"enum_id\":718333,\"enum_code\":\"WORK\"}]}");
        }
        return "{\"id\":" + id + ",\"name\":\"Клиент " + id + "\",\"first_name\":\"\",\"last_name\":\"\","
                + "\"responsible_user_id\":112313,\"group_id\":0,\"created_at\":" + (updatedAt - 100)
                + ",\"updated_at\":" + updatedAt + ",\"custom_fields_values\":"
                + (fields.length() == 0 ? "null" : "[" + fields + "]")
                + ",\"account_id\":7039099,\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru/api/v4/contacts/"
                + id + "\"}},\"_embedded\":{\"tags\":[],\"companies\":[]}}";
    }

    public static String lead(long id, long statusId, long updatedAt, long mainContact) {
        return "{\"id\":" + id + ",\"name\":\"Сделка " + id + "\",\"price\":1500,\"responsible_user_id\":123321,"
                + "\"group_id\":625,\"status_id\":" + statusId + ",\"pipeline_id\":1300,\"created_at\":1453279607,"
                + "\"updated_at\":" + updatedAt + ",\"custom_fields_values\":null,\"account_id\":7039099,"
                + "\"_links\":{\"self\":{\"href\":\"https://example.amocrm.ru/api/v4/leads/" + id + "\"}},"
                + "\"_embedded\":{\"tags\":[],\"contacts\":[{\"id\":" + mainContact + ",\"is_main\":true}]}}";
    }

    /** One page of a HAL list; {@code next} adds {@code _links.next} as amoCRM does on every page but the last. */
    public static String page(String entity, int page, boolean next, String... records) {
        String self = "https://example.amocrm.ru/api/v4/" + entity + "?limit=250&page=";
        return "{\"_page\":" + page + ",\"_links\":{\"self\":{\"href\":\"" + self + page + "\"}"
                + (next ? ",\"next\":{\"href\":\"" + self + (page + 1) + "\"}" : "")
                + ",\"first\":{\"href\":\"" + self + "1\"}"
                + (page > 1 ? ",\"prev\":{\"href\":\"" + self + (page - 1) + "\"}" : "")
                + "},\"_embedded\":{\"" + entity + "\":[" + String.join(",", records) + "]}}";
    }

    /** A contact update webhook in the legacy field naming of amoCRM webhooks (§2.4), form-encoded. */
    public static String contactUpdateWebhook(String contactId, String phone, String accountId) {
        return form("account[subdomain]", "example",
                "account[id]", accountId,
                "contacts[update][0][id]", contactId,
                "contacts[update][0][name]", "Иван Иванов",
                "contacts[update][0][responsible_user_id]", "112313",
                "contacts[update][0][date_create]", "1465396143",
                "contacts[update][0][last_modified]", "1465396294",
                "contacts[update][0][account_id]", accountId,
                "contacts[update][0][custom_fields][0][id]", "735649",
                "contacts[update][0][custom_fields][0][name]", "Телефон",
                "contacts[update][0][custom_fields][0][values][0][value]", phone,
                "contacts[update][0][custom_fields][0][values][0][enum]", "718321",
                "contacts[update][0][custom_fields][0][code]", "PHONE",
                "contacts[update][0][type]", "contact");
    }

    /** The status-change webhook of §2.4: the lead moved to 142 (won), now. */
    public static String leadWonWebhook(String leadId) {
        return form("leads[status][0][id]", leadId,
                "leads[status][0][status_id]", "142",
                "leads[status][0][pipeline_id]", "3508507",
                "leads[status][0][old_status_id]", "7039101",
                "leads[status][0][old_pipeline_id]", "3508507",
                "leads[status][0][responsible_user_id]", "123123",
                "leads[status][0][last_modified]", Long.toString(Instant.now().getEpochSecond()),
                "leads[status][0][modified_user_id]", "123123",
                "leads[status][0][account_id]", ACCOUNT_ID,
                "account[subdomain]", "example",
                "account[id]", ACCOUNT_ID);
    }

    /** Form-encodes key/value pairs the way amoCRM sends them (UTF-8, brackets escaped). */
    public static String form(String... pairs) {
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

    /**
     * An account holding {@code contacts} contacts and no leads, listed as §2.2 documents: {@code GET
     * /api/v4/contacts?limit=..&page=..}, at most 250 a page, {@code _links.next} on every page but the last,
     * {@code filter[updated_at][from]} honoured, and 204 No Content for a page with nothing on it, and for every page
     * of events (nothing was ever deleted); read back by id with {@code GET /api/v4/contacts/{id}} or
     * {@code filter[id][]=..} (204 when none is there). For a load test that puts amoCRM's limit of 7 requests a
     * second (§2.3) in front of it and refuses with {@link #refusal()}.
     */
    public static final class Account {

        public static final int MAX_LIMIT = 250;
        public static final int REQUESTS_PER_SECOND = 7;
        /** Contact k has id FIRST_ID + k and was last updated at UPDATED_BASE + k (unix seconds). */
        private static final long FIRST_ID = 3_000_000;
        private static final long UPDATED_BASE = 1_700_000_000;

        private final String token;
        private final int contacts;

        public Account(String token, int contacts) {
            this.token = token;
            this.contacts = contacts;
        }

        public Set<String> expectedIds() {
            Set<String> ids = new TreeSet<>();
            for (int k = 1; k <= contacts; k++) {
                ids.add(Long.toString(FIRST_ID + k));
            }
            return ids;
        }

        /** amoCRM documents only the status (§2.3); the SDK treats any 429 as "too many requests". */
        public ResponseDefinition refusal() {
            return aResponse().withStatus(429).build();
        }

        public ResponseDefinition answer(Request request) {
            if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
                return aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Unauthorized\",\"type\":\"https://httpstatus.es/401\",\"status\":401,"
                                + "\"detail\":\"Unauthorized\"}").build();
            }
            String path = request.getUrl().replaceAll("\\?.*", "");
            if (!RequestMethod.GET.equals(request.getMethod())) {
                return aResponse().withStatus(405).build();
            }
            if (path.equals("/api/v4/leads") || path.equals("/api/v4/events")) {
                return aResponse().withStatus(204).build();
            }
            if (path.startsWith("/api/v4/contacts/")) {
                long k = kOf(path.substring("/api/v4/contacts/".length()));
                return k > 0 ? aResponse().withStatus(200).withHeader("Content-Type", HAL).withBody(contact(k)).build()
                        : aResponse().withStatus(204).build();
            }
            if (!path.equals("/api/v4/contacts")) {
                return aResponse().withStatus(404).build();
            }
            QueryParameter ids = request.queryParameter("filter[id][]");
            if (ids.isPresent()) {
                List<String> found = ids.values().stream().mapToLong(this::kOf).filter(k -> k > 0)
                        .mapToObj(Account::contact).toList();
                return found.isEmpty() ? aResponse().withStatus(204).build()
                        : aResponse().withStatus(200).withHeader("Content-Type", HAL).withBody("{\"_page\":1,"
                                + "\"_links\":{\"self\":{\"href\":\"https://bench.amocrm.ru/api/v4/contacts\"}},"
                                + "\"_embedded\":{\"contacts\":[" + String.join(",", found) + "]}}").build();
            }
            int limit = Math.min(MAX_LIMIT, (int) parameter(request, "limit", 50));
            long page = parameter(request, "page", 1);
            long from = parameter(request, "filter[updated_at][from]", 0);
            long firstK = Math.max(1, from - UPDATED_BASE);
            long skip = (page - 1) * limit;
            long available = contacts - firstK + 1;
            if (page < 1 || limit < 1 || skip >= available) {
                return aResponse().withStatus(204).build();
            }
            List<String> records = new ArrayList<>();
            for (long k = firstK + skip; k < firstK + skip + limit && k <= contacts; k++) {
                records.add(contact(k));
            }
            boolean next = skip + limit < available;
            String self = "https://bench.amocrm.ru/api/v4/contacts?limit=" + limit + "&page=";
            String body = "{\"_page\":" + page + ",\"_links\":{\"self\":{\"href\":\"" + self + page + "\"}"
                    + (next ? ",\"next\":{\"href\":\"" + self + (page + 1) + "\"}" : "")
                    + ",\"first\":{\"href\":\"" + self + "1\"}"
                    + (page > 1 ? ",\"prev\":{\"href\":\"" + self + (page - 1) + "\"}" : "")
                    + "},\"_embedded\":{\"contacts\":[" + String.join(",", records) + "]}}";
            return aResponse().withStatus(200).withHeader("Content-Type", HAL).withBody(body).build();
        }

        /** The id of contact {@code k}, as a webhook about it names it. */
        public static String idOf(long k) {
            return Long.toString(FIRST_ID + k);
        }

        /** Which contact an id names, or 0 when the account has no contact of that id. */
        private long kOf(String id) {
            if (!id.matches("[0-9]{1,18}")) {
                return 0;
            }
            long k = Long.parseLong(id) - FIRST_ID;
            return k >= 1 && k <= contacts ? k : 0;
        }

        private static String contact(long k) {
            long id = FIRST_ID + k;
            long updatedAt = UPDATED_BASE + k;
            return "{\"id\":" + id + ",\"name\":\"Клиент " + id + "\",\"first_name\":\"\",\"last_name\":\"\","
                    + "\"responsible_user_id\":112313,\"group_id\":0,\"created_at\":" + (updatedAt - 100)
                    + ",\"updated_at\":" + updatedAt + ",\"custom_fields_values\":["
                    + "{\"field_id\":735649,\"field_name\":\"Телефон\",\"field_code\":\"PHONE\","
                    + "\"field_type\":\"multitext\","
                    + "\"values\":[{\"value\":\"+7903" + String.format("%07d", k) + "\",\"enum_id\":718321,"
                    + "\"enum_code\":\"MOB\"}]},"
                    + "{\"field_id\":735651,\"field_name\":\"Email\",\"field_code\":\"EMAIL\","
                    + "\"field_type\":\"multitext\","
                    + "\"values\":[{\"value\":\"client" + id + "@example.com\",\"enum_id\":718333,"
                    + "\"enum_code\":\"WORK\"}]}],"
                    + "\"account_id\":7039099,\"_links\":{\"self\":{\"href\":\"https://bench.amocrm.ru/api/v4/contacts/"
                    + id + "\"}},\"_embedded\":{\"tags\":[],\"companies\":[]}}";
        }

        private static long parameter(Request request, String name, long fallback) {
            QueryParameter parameter = request.queryParameter(name);
            return parameter.isPresent() ? Long.parseLong(parameter.firstValue()) : fallback;
        }
    }
}
