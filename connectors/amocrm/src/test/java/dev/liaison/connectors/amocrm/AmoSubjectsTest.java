package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectEraser.Outcome;
import dev.liaison.connector.api.SubjectIdentifiers;
import dev.liaison.connectors.testkit.AmoCrmFake;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmoSubjectsTest {

    /** Ivan: one e-mail, one phone (stored in two spellings on two contacts), and a reference from an earlier sync. */
    private static final SubjectIdentifiers IVAN = new SubjectIdentifiers(List.of("Ivan@Example.com"),
            List.of("+79031453455"), List.of(new ExternalRef("amocrm", "amo-1", "1002"),
                    new ExternalRef("amocrm", "amo-2", "1005"), new ExternalRef("zendesk", "amo-1", "1006")));

    private final AmoCrmConnector connector = AmoFixtures.connector(new ArrayList<>());
    private WireMockServer amocrm;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        amocrm = AmoFixtures.amocrm();
        connection = AmoFixtures.connection(amocrm.baseUrl(), Map.of());
    }

    @AfterEach
    void stop() {
        amocrm.stop();
    }

    private void stubIvan() {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts/1002"))
                .willReturn(AmoCrmFake.hal(AmoCrmFake.contact(1002, 1700000000, null, "ivan.work@example.org"))));
        // amoCRM's query= is a full-text search: the second hit only resembles the address.
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts")).withQueryParam("query", equalTo("ivan@example.com"))
                .willReturn(AmoCrmFake.hal(AmoCrmFake.page("contacts", 1, false,
                        AmoCrmFake.contact(1001, 1700000100, "+7 903 145-34-55", "ivan@example.com"),
                        AmoCrmFake.contact(1009, 1700000100, null, "ivan@example.com.au")))));
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts")).withQueryParam("query", equalTo("9031453455"))
                .willReturn(AmoCrmFake.hal(AmoCrmFake.page("contacts", 1, false,
                        AmoCrmFake.contact(1001, 1700000100, "+7 903 145-34-55", "ivan@example.com"),
                        AmoCrmFake.contact(1003, 1700000100, "8 (903) 145-34-55", null),
                        AmoCrmFake.contact(1004, 1700000100, "+1 903 145-34-55", null)))));
        amocrm.stubFor(patch(urlPathMatching("/api/v4/contacts/[0-9]+")).willReturn(AmoCrmFake.hal(
                "{\"id\":1,\"updated_at\":1700001000,\"_links\":{}}")));
    }

    @Test
    void erasureOverwritesNameAndEveryFieldOfEachMatchingContact() throws Exception {
        stubIvan();

        Outcome outcome = connector.erase(connection, IVAN);

        assertThat(outcome.recordsErased()).isEqualTo(3);
        assertThat(outcome.evidence()).contains("cannot delete contacts", "1002, 1001, 1003")
                .doesNotContain("ivan", "903");
        amocrm.verify(patchRequestedFor(urlPathEqualTo("/api/v4/contacts/1001"))
                .withHeader("Authorization", equalTo("Bearer " + AmoFixtures.TOKEN))
                .withRequestBody(equalToJson("{\"name\":\"Erased\",\"first_name\":\"\",\"last_name\":\"\","
                        + "\"custom_fields_values\":[{\"field_id\":735649,\"values\":null},"
                        + "{\"field_id\":735651,\"values\":null}]}")));
        amocrm.verify(patchRequestedFor(urlPathEqualTo("/api/v4/contacts/1002"))
                .withRequestBody(equalToJson("{\"name\":\"Erased\",\"first_name\":\"\",\"last_name\":\"\","
                        + "\"custom_fields_values\":[{\"field_id\":735651,\"values\":null}]}")));
        amocrm.verify(patchRequestedFor(urlPathEqualTo("/api/v4/contacts/1003")));
        amocrm.verify(0, patchRequestedFor(urlPathMatching("/api/v4/contacts/100[4-9]")));
        amocrm.verify(0, getRequestedFor(urlPathMatching("/api/v4/contacts/100[56]")));
    }

    @Test
    void nothingFoundMeansNothingChanged() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts")).willReturn(aResponse().withStatus(204)));
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts/1002")).willReturn(aResponse().withStatus(204)));

        Outcome outcome = connector.erase(connection, IVAN);

        assertThat(outcome.recordsErased()).isZero();
        amocrm.verify(0, patchRequestedFor(anyUrl()));
        amocrm.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRefusedOverwriteFailsTheErasure() {
        stubIvan();
        amocrm.stubFor(patch(urlPathEqualTo("/api/v4/contacts/1001")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Request validation failed\"}")));

        assertThatThrownBy(() -> connector.erase(connection, IVAN))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void exportIsTheMatchingContactsAsAmoCrmHoldsThem() throws Exception {
        stubIvan();

        JsonObject export = AmoApi.parseObject(connector.export(connection, IVAN));

        assertThat(export.getString("system")).isEqualTo("amocrm");
        assertThat(export.getString("connectionId")).isEqualTo("amo-1");
        assertThat(export.getJsonArray("contacts").getValuesAs(JsonObject.class))
                .extracting(contact -> contact.getInt("id")).containsExactly(1002, 1001, 1003);
        JsonObject first = export.getJsonArray("contacts").getJsonObject(1);
        assertThat(first.containsKey("_links")).isFalse();
        assertThat(first.getJsonArray("custom_fields_values").getJsonObject(1).getJsonArray("values")
                .getJsonObject(0).getString("value")).isEqualTo("ivan@example.com");
        amocrm.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void phonesCompareByDigitsWithTheRussianTrunkPrefix() {
        assertThat(AmoSubjects.phoneDigits("8 (903) 145-34-55")).isEqualTo("79031453455");
        assertThat(AmoSubjects.phoneDigits("+7 903 145-34-55")).isEqualTo("79031453455");
        assertThat(AmoSubjects.phoneDigits("+1 903 145-34-55")).isEqualTo("19031453455");
        assertThat(AmoSubjects.phoneDigits("8-800-555")).isEqualTo("8800555");
    }
}
