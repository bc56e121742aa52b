package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Contact;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.FetchedRecords;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.WebhookRejectedException;
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.testkit.AmoCrmFake;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmoWebhookTest {

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

    private ExternalRef ref(String id) {
        return new ExternalRef(AmoCrmConnector.KIND, connection.id(), id);
    }

    @Test
    void aLeadMovedToStatus142BecomesAWonDealReadBackFromTheApi() throws Exception {
        AmoCrmFake.on(amocrm).stubRecords();

        List<CanonicalEvent> events = connector.parse(connection, AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON));

        assertThat(events).containsExactly(new DealStageChanged(ref("25399013"), Instant.ofEpochSecond(1413554372),
                ref("403181"), "3508507", "142", true, new BigDecimal("46333"), "RUB", false, "Сделка для примера",
                "123123", Instant.ofEpochSecond(1413550000), Instant.ofEpochSecond(1413554372)));
        amocrm.verify(getRequestedFor(urlPathEqualTo("/api/v4/leads/25399013"))
                .withQueryParam("with", equalTo("contacts"))
                .withHeader("Authorization", equalTo("Bearer " + AmoFixtures.TOKEN)));
    }

    @Test
    void theApiNotTheBodyDecidesTheStage() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/leads/25399013"))
                .willReturn(AmoCrmFake.hal(AmoCrmFake.lead(25399013, 143, 1413554400, 403181))));

        List<CanonicalEvent> events = connector.parse(connection, AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON));

        assertThat(events).singleElement().isInstanceOfSatisfying(DealStageChanged.class, deal -> {
            assertThat(deal.stage()).isEqualTo("143");
            assertThat(deal.won()).isFalse();
            assertThat(deal.pipeline()).isEqualTo("1300");
            assertThat(deal.amount()).isEqualByComparingTo("1500");
        });
    }

    @Test
    void aWonLeadEditedAfterItsCloseIsWonWhenAmoCrmClosedIt() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/leads/25399013")).willReturn(AmoCrmFake.hal(
                AmoCrmFake.lead(25399013, 142, 1700000900, 403181)
                        .replace("\"updated_at\"", "\"closed_at\":1600000000,\"updated_at\""))));

        List<CanonicalEvent> events = connector.parse(connection, AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON));

        assertThat(events).singleElement().isInstanceOfSatisfying(DealStageChanged.class, deal -> {
            assertThat(deal.occurredAt()).isEqualTo(Instant.ofEpochSecond(1700000900));
            assertThat(deal.closedAt()).isEqualTo(Instant.ofEpochSecond(1600000000));
            assertThat(deal.wonAt()).as("what loyalty dates the points to").isEqualTo(deal.closedAt());
        });
    }

    @Test
    void aLeadWithoutClosedAtIsWonAtItsLastChange() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/leads/25399013"))
                .willReturn(AmoCrmFake.hal(AmoCrmFake.lead(25399013, 142, 1700000900, 403181))));

        List<CanonicalEvent> events = connector.parse(connection, AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON));

        assertThat(events).singleElement().isInstanceOfSatisfying(DealStageChanged.class, deal -> {
            assertThat(deal.closedAt()).isNull();
            assertThat(deal.wonAt()).isEqualTo(Instant.ofEpochSecond(1700000900));
        });
    }

    @Test
    void aDealCarriesTheCurrencyOfTheConnection() throws Exception {
        AmoCrmFake.on(amocrm).stubRecords();
        ConnectionContext inEuros = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.CURRENCY, "EUR"));

        List<CanonicalEvent> events = connector.parse(inEuros, AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON));

        assertThat(events).singleElement().isInstanceOfSatisfying(DealStageChanged.class,
                deal -> assertThat(deal.currency()).isEqualTo("EUR"));
    }

    @Test
    void aMisspelledCurrencyFailsTheDeliveryPermanentlyBeforeAnythingIsFetched() {
        AmoCrmFake.on(amocrm).stubRecords();
        ConnectionContext misspelled = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.CURRENCY, "rub"));

        assertThatThrownBy(() -> connector.parse(misspelled, AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageContaining("'currency'");
                });
        amocrm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aContactUpdateBecomesTheContactAsTheApiHoldsIt() throws Exception {
        AmoCrmFake.on(amocrm).stubRecords();

        List<CanonicalEvent> events = connector.parse(connection, AmoFixtures.delivery(AmoCrmFake.CONTACT_UPDATE));

        assertThat(events).containsExactly(new ContactUpserted(ref("403181"), Instant.ofEpochSecond(1465396294),
                new Contact("Иван", "Иванов", List.of("ivan@example.com"), List.of("89031453455"), null, null,
                        Map.of("field_1277732", "415949", "responsibleUserId", "112313", "companyId", "40318188"))));
    }

    @Test
    void aContactTheApiNoLongerHasIsDeleted() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts/77")).willReturn(aResponse().withStatus(204)));
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts/78")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Not Found\",\"type\":\"https://httpstatus.es/404\",\"status\":404}")));
        String body = AmoCrmFake.form(
                "contacts[delete][0][id]", "77", "contacts[delete][0][type]", "contact",
                "contacts[delete][1][id]", "78", "contacts[delete][1][type]", "contact",
                "contacts[delete][1][last_modified]", "1700000000",
                "account[subdomain]", "example", "account[id]", AmoFixtures.ACCOUNT_ID);

        List<CanonicalEvent> events = connector.parse(connection, AmoFixtures.delivery(body));

        assertThat(events).containsExactly(
                new ContactDeleted(ref("77"), AmoFixtures.NOW),
                new ContactDeleted(ref("78"), Instant.ofEpochSecond(1700000000)));
    }

    @Test
    void aDeliveryOfSeveralEntitiesAndActionsYieldsOneEventPerRecord() throws Exception {
        AmoCrmFake.on(amocrm).stubRecords();
        String body = AmoCrmFake.form(
                "account[subdomain]", "example", "account[id]", AmoFixtures.ACCOUNT_ID,
                "contacts[add][0][id]", "403181", "contacts[add][0][type]", "contact",
                "contacts[update][0][id]", "40318188", "contacts[update][0][type]", "company",
                "contacts[update][1][id]", "403181", "contacts[update][1][type]", "contact",
                "leads[status][0][id]", "25399013", "leads[status][0][status_id]", "142",
                "leads[update][0][id]", "25399014",
                "tasks[add][0][id]", "9001");

        List<CanonicalEvent> events = connector.parse(connection, AmoFixtures.delivery(body));

        assertThat(events).extracting(CanonicalEvent::type, event -> event.ref().id())
                .containsExactly(tuple("contact.upserted", "403181"),
                        tuple("deal.stage_changed", "25399013"));
        amocrm.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/contacts/403181")));
        amocrm.verify(0, getRequestedFor(urlPathMatching("/api/v4/(companies|tasks).*")));
        amocrm.verify(0, getRequestedFor(urlPathEqualTo("/api/v4/leads/25399014")));
    }

    @Test
    void theContactsOfManyDeliveriesAreReadWithOneListCallAndThoseItLacksAreDeleted() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts")).willReturn(AmoCrmFake.hal(AmoCrmFake.page("contacts",
                1, false, AmoCrmFake.contact(501, 1700000000, "+79990000501", "a501@example.com"),
                AmoCrmFake.contact(503, 1700000000, "+79990000503", "a503@example.com")))));
        List<WebhookRequest> deliveries = new ArrayList<>();
        for (String id : List.of("501", "502", "503")) {
            deliveries.add(AmoFixtures.delivery(AmoCrmFake.form("contacts[update][0][id]", id,
                    "contacts[update][0][type]", "contact", "contacts[update][0][updated_at]", "1700000000",
                    "account[subdomain]", "example", "account[id]", AmoFixtures.ACCOUNT_ID)));
        }

        FetchedRecords<JsonObject> fetched = connector.fetch(connection, deliveries);

        assertThat(connector.parse(connection, deliveries.get(0), fetched)).extracting(CanonicalEvent::type)
                .containsExactly("contact.upserted");
        assertThat(connector.parse(connection, deliveries.get(1), fetched))
                .containsExactly(new ContactDeleted(ref("502"), Instant.ofEpochSecond(1700000000)));
        assertThat(connector.parse(connection, deliveries.get(2), fetched)).extracting(event -> event.ref().id())
                .containsExactly("503");
        amocrm.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/contacts"))
                .withQueryParam("filter[id][]", havingExactly("501", "502", "503"))
                .withQueryParam("limit", equalTo("250")));
        amocrm.verify(0, getRequestedFor(urlPathMatching("/api/v4/contacts/.*")));
    }

    @Test
    void aLeadGoneFromTheApiYieldsNoEvent() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/leads/25399013")).willReturn(aResponse().withStatus(204)));

        assertThat(connector.parse(connection, AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON))).isEmpty();
    }

    @Test
    void whenTheRecordsCannotBeReadTheWholeDeliveryFailsRetryably() {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/leads")).willReturn(aResponse().withStatus(502)));
        String body = AmoCrmFake.form(
                "leads[status][0][id]", "25399013", "leads[status][1][id]", "25399099",
                "account[subdomain]", "example", "account[id]", AmoFixtures.ACCOUNT_ID);

        assertThatThrownBy(() -> connector.parse(connection, AmoFixtures.delivery(body)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void theDedupKeyIgnoresParameterOrderButNotContent() throws Exception {
        String reordered = String.join("&", reversed(AmoCrmFake.LEAD_STATUS_WON.split("&")));
        String later = AmoCrmFake.LEAD_STATUS_WON.replace("1413554372", "1413554999");

        String key = connector.dedupKey(connection, AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON));

        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(connector.dedupKey(connection, AmoFixtures.delivery(reordered))).isEqualTo(key);
        assertThat(connector.dedupKey(connection, AmoFixtures.delivery(later))).isNotEqualTo(key);
    }

    @Test
    void theSecretMayShareTheQueryWithOtherParametersAndMustBeNamedSecret() {
        String encodedSecret = "secret=" + AmoFixtures.SECRET;

        assertThatCode(() -> connector.verify(connection,
                AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON, "source=amo&" + encodedSecret)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> connector.verify(connection,
                AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON, "token=" + AmoFixtures.SECRET)))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageNotContaining(AmoFixtures.SECRET);
    }

    @Test
    void verificationNeverCallsAmoCrm() throws Exception {
        connector.verify(connection, AmoFixtures.delivery(AmoCrmFake.CONTACT_UPDATE));
        connector.dedupKey(connection, AmoFixtures.delivery(AmoCrmFake.CONTACT_UPDATE));

        amocrm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aConnectionWithoutWebhookSecretRejectsEverything() {
        ConnectionContext unset = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.WEBHOOK_SECRET, ""));

        assertThatThrownBy(() -> connector.verify(unset, AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON, "secret=")))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("webhookSecret");
    }

    @Test
    void aConnectionWithoutTokenCannotParseAndSaysSoPermanently() {
        ConnectionContext unset = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.ACCESS_TOKEN, ""));

        assertThatThrownBy(() -> connector.parse(unset, AmoFixtures.delivery(AmoCrmFake.LEAD_STATUS_WON)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageContaining("accessToken");
                });
    }

    private static List<String> reversed(String[] parts) {
        List<String> list = new ArrayList<>(List.of(parts));
        Collections.reverse(list);
        return list;
    }
}
