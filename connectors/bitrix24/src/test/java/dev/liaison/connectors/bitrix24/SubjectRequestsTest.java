package dev.liaison.connectors.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.method;
import static dev.liaison.connectors.testkit.Bitrix24Fake.CONTACT_89;
import static dev.liaison.connectors.testkit.Bitrix24Fake.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.connector.api.SubjectIdentifiers;
import dev.liaison.connectors.testkit.Bitrix24Fake;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubjectRequestsTest {

    private static final String SELECT = "&select%5B0%5D=*&select%5B1%5D=UF_*&select%5B2%5D=PHONE&select%5B3%5D=EMAIL&start=-1";
    /** The lookup batch: each identifier against contacts and leads, then the refs of this connection. */
    private static final String LOOKUP = "{\"halt\":0,\"cmd\":{"
            + "\"contact_email_0\":\"crm.contact.list?order%5BID%5D=ASC&filter%5BEMAIL%5D=special-for%40example.com" + SELECT + "\","
            + "\"contact_phone_0\":\"crm.contact.list?order%5BID%5D=ASC&filter%5BPHONE%5D=%2B7+999+123-45-67" + SELECT + "\","
            + "\"lead_email_0\":\"crm.lead.list?order%5BID%5D=ASC&filter%5BEMAIL%5D=special-for%40example.com" + SELECT + "\","
            + "\"lead_phone_0\":\"crm.lead.list?order%5BID%5D=ASC&filter%5BPHONE%5D=%2B7+999+123-45-67" + SELECT + "\","
            + "\"ref_C_89\":\"crm.contact.get?id=89\","
            + "\"ref_L_404\":\"crm.lead.get?id=404\"}}";
    private static final String LEAD_7 = PortalFake.lead(7).replace("\"EMAIL\":[",
            "\"PHONE\":[{\"ID\":\"3107\",\"VALUE_TYPE\":\"WORK\",\"VALUE\":\"+7 999 123-45-67\",\"TYPE_ID\":\"PHONE\"}],\"EMAIL\":[");

    private final Bitrix24Connector connector = Bitrix24Fixtures.connector(new ArrayList<>());
    private WireMockServer portal;
    private ConnectionContext connection;
    private final SubjectIdentifiers subject = new SubjectIdentifiers(
            List.of("special-for@example.com"), List.of("+7 999 123-45-67"),
            List.of(new ExternalRef("bitrix24", "b24-1", "C_89"), new ExternalRef("bitrix24", "b24-1", "L_404"),
                    new ExternalRef("bitrix24", "b24-other", "C_5"), new ExternalRef("zendesk", "zd-1", "C_6")));

    @BeforeEach
    void start() {
        portal = Bitrix24Fixtures.portal();
        connection = Bitrix24Fixtures.connection(portal.baseUrl(), Map.of());
        portal.stubFor(post(urlPathEqualTo(method("batch"))).withRequestBody(equalToJson(LOOKUP))
                .willReturn(ok(batch("{\"contact_email_0\":[" + CONTACT_89 + "],\"contact_phone_0\":[" + CONTACT_89
                                + "],\"lead_email_0\":[],\"lead_phone_0\":[" + LEAD_7 + "],\"ref_C_89\":" + CONTACT_89 + "}",
                        "{\"ref_L_404\":{\"error\":\"\",\"error_description\":\"Not found\"}}"))));
    }

    @AfterEach
    void stop() {
        portal.stop();
    }

    @Test
    void exportHoldsEveryMatchingContactAndLeadOnceAsBitrix24GaveThem() throws Exception {
        JsonObject export = Json.createReader(new StringReader(connector.export(connection, subject))).readObject();

        assertThat(export.getString("system")).isEqualTo("bitrix24");
        assertThat(export.getString("connectionId")).isEqualTo("b24-1");
        assertThat(export.getJsonArray("records")).hasSize(2);
        JsonObject contact = export.getJsonArray("records").getJsonObject(0);
        assertThat(contact.getString("ref")).isEqualTo("C_89");
        assertThat(contact.getString("entity")).isEqualTo("contact");
        assertThat(contact.getJsonObject("data")).isEqualTo(Json.createReader(new StringReader(CONTACT_89)).readObject());
        assertThat(export.getJsonArray("records").getJsonObject(1).getString("ref")).isEqualTo("L_7");
    }

    @Test
    void erasureDeletesTheFoundContactAndLeadAndReportsOnlyIds() throws Exception {
        portal.stubFor(post(urlPathEqualTo(method("batch")))
                .withRequestBody(equalToJson("{\"halt\":0,\"cmd\":{\"C_89\":\"crm.contact.delete?id=89\","
                        + "\"L_7\":\"crm.lead.delete?id=7\"}}"))
                .willReturn(ok(batch("{\"C_89\":true,\"L_7\":true}", "[]"))));

        SubjectEraser.Outcome outcome = connector.erase(connection, subject);

        assertThat(outcome.recordsErased()).isEqualTo(2);
        assertThat(outcome.evidence()).isEqualTo("bitrix24 connection b24-1: deleted [C_89, L_7]")
                .doesNotContain("example.com", "999");
        portal.verify(2, postRequestedFor(urlPathEqualTo(method("batch"))));
    }

    @Test
    void aRecordDeletedMeanwhileCountsAsGoneAndARefusedDeleteFailsTheErasure() {
        portal.stubFor(post(urlPathEqualTo(method("batch")))
                .withRequestBody(equalToJson("{\"halt\":0,\"cmd\":{\"C_89\":\"crm.contact.delete?id=89\","
                        + "\"L_7\":\"crm.lead.delete?id=7\"}}"))
                .willReturn(ok(batch("[]", "{\"C_89\":{\"error\":\"\",\"error_description\":\"Not found\"},"
                        + "\"L_7\":{\"error\":\"insufficient_scope\",\"error_description\":\"\"}}"))));

        assertThatThrownBy(() -> connector.erase(connection, subject))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("L_7", "insufficient_scope");
                });
    }

    @Test
    void nothingFoundMeansNothingDeleted() throws Exception {
        SubjectIdentifiers stranger = new SubjectIdentifiers(List.of("nobody@example.org"), List.of(), List.of());
        portal.stubFor(post(urlPathEqualTo(method("batch")))
                .withRequestBody(equalToJson("{\"halt\":0,\"cmd\":{"
                        + "\"contact_email_0\":\"crm.contact.list?order%5BID%5D=ASC&filter%5BEMAIL%5D=nobody%40example.org" + SELECT + "\","
                        + "\"lead_email_0\":\"crm.lead.list?order%5BID%5D=ASC&filter%5BEMAIL%5D=nobody%40example.org" + SELECT + "\"}}"))
                .willReturn(ok(batch("{\"contact_email_0\":[],\"lead_email_0\":[]}", "[]"))));

        assertThat(connector.erase(connection, stranger))
                .isEqualTo(new SubjectEraser.Outcome(0, "bitrix24 connection b24-1: no contact or lead matched"));
        portal.verify(1, postRequestedFor(urlPathEqualTo(method("batch"))));
    }

    @Test
    void aSearchThatFillsAPageIsContinuedWithPlainListCalls() throws Exception {
        SubjectIdentifiers shared = new SubjectIdentifiers(List.of("office@example.com"), List.of(), List.of());
        List<String> fifty = new ArrayList<>();
        for (int n = 1; n <= 50; n++) {
            fifty.add(PortalFake.contact(2L * n));
        }
        portal.stubFor(post(urlPathEqualTo(method("batch")))
                .willReturn(ok(batch("{\"contact_email_0\":[" + String.join(",", fifty) + "],\"lead_email_0\":[]}", "[]"))));
        portal.stubFor(post(urlPathEqualTo(method("crm.contact.list")))
                .withRequestBody(equalToJson("{\"order\":{\"ID\":\"ASC\"},\"filter\":{\"EMAIL\":\"office@example.com\","
                        + "\">ID\":100},\"select\":" + PortalFake.PERSON_SELECT + ",\"start\":-1}"))
                .willReturn(Bitrix24Fake.bigExportPage(List.of(PortalFake.contact(102)))));

        JsonObject export = Json.createReader(new StringReader(connector.export(connection, shared))).readObject();

        assertThat(export.getJsonArray("records")).hasSize(51);
        assertThat(export.getJsonArray("records").getJsonObject(50).getString("ref")).isEqualTo("C_102");
    }

    /** The batch answer shape of external-apis.md §1.7, empty sections as {@code []}. */
    private static String batch(String results, String errors) {
        return "{\"result\":" + results + ",\"result_error\":" + errors + ",\"result_total\":[],\"result_next\":[],"
                + "\"result_time\":[]}";
    }
}
