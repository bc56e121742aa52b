package dev.liaison.connectors.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.CONTACT_UPDATE;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.delivery;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.event;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.method;
import static dev.liaison.connectors.testkit.Bitrix24Fake.CONTACT_89;
import static dev.liaison.connectors.testkit.Bitrix24Fake.DEAL_410;
import static dev.liaison.connectors.testkit.Bitrix24Fake.NOT_FOUND;
import static dev.liaison.connectors.testkit.Bitrix24Fake.error;
import static dev.liaison.connectors.testkit.Bitrix24Fake.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.liaison.connector.api.WebhookRequest;
import dev.liaison.connectors.testkit.Bitrix24Fake;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookParseTest {

    private final Bitrix24Connector connector = Bitrix24Fixtures.connector(new ArrayList<>());
    private WireMockServer portal;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        portal = Bitrix24Fixtures.portal();
        connection = Bitrix24Fixtures.connection(portal.baseUrl(), Map.of());
    }

    @AfterEach
    void stop() {
        portal.stop();
    }

    @Test
    void aContactUpdateFetchesTheContactAndReportsItsIdentities() throws Exception {
        Bitrix24Fake.on(portal, Bitrix24Fixtures.WEBHOOK_PATH).stubGet("contact", 89, ok(CONTACT_89));

        List<CanonicalEvent> events = connector.parse(connection, delivery(CONTACT_UPDATE));

        assertThat(events).containsExactly(new ContactUpserted(new ExternalRef("bitrix24", "b24-1", "C_89"),
                Instant.parse("2024-08-26T18:17:31Z"),
                new Contact("Anastasia", "Orlova", List.of("special-for@example.com"), List.of("+7 999 123-45-67"),
                        null, null, Map.of("UF_CRM_MARKETING_OK", "1"))));
        portal.verify(postRequestedFor(urlPathEqualTo(method("crm.contact.get")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"id\":89}")));
    }

    @Test
    void aLeadBecomesAContactWithItsOwnKindOfId() throws Exception {
        Bitrix24Fake.on(portal, Bitrix24Fixtures.WEBHOOK_PATH).stubGet("lead", 7, ok(PortalFake.lead(7)));

        List<CanonicalEvent> events = connector.parse(connection, delivery(event("ONCRMLEADADD", 7, 1724696300)));

        assertThat(events).singleElement().isInstanceOfSatisfying(ContactUpserted.class, upserted -> {
            assertThat(upserted.ref().id()).isEqualTo("L_7");
            assertThat(upserted.contact().firstName()).isEqualTo("Lead7");
            assertThat(upserted.contact().lastName()).isNull();
            assertThat(upserted.contact().company()).isEqualTo("Acme 7");
            assertThat(upserted.contact().emails()).containsExactly("lead7@example.com");
            assertThat(upserted.contact().phones()).isEmpty();
            assertThat(upserted.occurredAt()).isEqualTo(Instant.parse("2024-08-03T08:00:00Z"));
        });
    }

    @ParameterizedTest
    @CsvSource({"ONCRMCONTACTDELETE, C_89", "ONCRMLEADDELETE, L_89"})
    void aDeleteEventIsADeletionWithoutAnyCall(String name, String refId) throws Exception {
        List<CanonicalEvent> events = connector.parse(connection, delivery(event(name, 89, 1724696300)));

        assertThat(events).containsExactly(new ContactDeleted(new ExternalRef("bitrix24", "b24-1", refId),
                Instant.ofEpochSecond(1724696300)));
        portal.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aContactGoneBeforeItsEventWasProcessedIsADeletion() throws Exception {
        Bitrix24Fake.on(portal, Bitrix24Fixtures.WEBHOOK_PATH).stubGet("contact", 89, error(400, NOT_FOUND));

        assertThat(connector.parse(connection, delivery(CONTACT_UPDATE))).containsExactly(new ContactDeleted(
                new ExternalRef("bitrix24", "b24-1", "C_89"), Instant.ofEpochSecond(1724696255)));
    }

    @Test
    void theRecordsOfManyEventsAreReadWithOneBatchAndOneFoundMissingIsDeleted() throws Exception {
        portal.stubFor(post(urlPathEqualTo(method("batch"))).willReturn(ok("{\"result\":{\"C_89\":" + CONTACT_89
                + ",\"D_410\":" + DEAL_410 + "},\"result_error\":{\"C_90\":" + NOT_FOUND + "},"
                + "\"result_total\":[],\"result_next\":[],\"result_time\":[]}")));
        List<WebhookRequest> deliveries = List.of(delivery(CONTACT_UPDATE),
                delivery(event("ONCRMCONTACTUPDATE", 90, 1724696300)),
                delivery(event("ONCRMDEALUPDATE", 410, 1725020946)),
                delivery(event("ONCRMCONTACTUPDATE", 89, 1724696301)),
                delivery(event("ONCRMCOMPANYUPDATE", 9, 1725020946)));

        FetchedRecords<JsonObject> fetched = connector.fetch(connection, deliveries);

        assertThat(connector.parse(connection, deliveries.get(0), fetched)).extracting(event -> event.ref().id())
                .containsExactly("C_89");
        assertThat(connector.parse(connection, deliveries.get(1), fetched)).containsExactly(new ContactDeleted(
                new ExternalRef("bitrix24", "b24-1", "C_90"), Instant.ofEpochSecond(1724696300)));
        assertThat(connector.parse(connection, deliveries.get(2), fetched)).extracting(CanonicalEvent::type)
                .containsExactly("deal.stage_changed");
        assertThat(connector.parse(connection, deliveries.get(4), fetched)).isEmpty();
        portal.verify(1, postRequestedFor(urlPathEqualTo(method("batch"))).withRequestBody(equalToJson(
                "{\"halt\":0,\"cmd\":{\"C_89\":\"crm.contact.get?id=89\",\"C_90\":\"crm.contact.get?id=90\","
                        + "\"D_410\":\"crm.deal.get?id=410\"}}")));
        portal.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRefusedBatchFailsEachOfItsEventsRetryably() {
        portal.stubFor(post(urlPathEqualTo(method("batch"))).willReturn(error(503,
                "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}")));
        List<WebhookRequest> deliveries = List.of(delivery(CONTACT_UPDATE),
                delivery(event("ONCRMDEALUPDATE", 410, 1725020946)));

        FetchedRecords<JsonObject> fetched = connector.fetch(connection, deliveries);

        for (WebhookRequest delivery : deliveries) {
            assertThatThrownBy(() -> connector.parse(connection, delivery, fetched)).isInstanceOfSatisfying(
                    RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
        }
    }

    @Test
    void aDealUpdateReportsItsCurrentStageAndPipeline() throws Exception {
        Bitrix24Fake.on(portal, Bitrix24Fixtures.WEBHOOK_PATH).stubGet("deal", 410, ok(DEAL_410));

        List<CanonicalEvent> events = connector.parse(connection, delivery(event("ONCRMDEALUPDATE", 410, 1725020946)));

        assertThat(events).containsExactly(new DealStageChanged(new ExternalRef("bitrix24", "b24-1", "D_410"),
                Instant.parse("2024-08-30T12:29:00Z"), new ExternalRef("bitrix24", "b24-1", "C_84"), "0",
                "PREPARATION", false, new BigDecimal("1000000.00"), "EUR", false, "New Deal #1", null,
                Instant.parse("2024-08-30T12:29:00Z")));
    }

    @ParameterizedTest
    @CsvSource({
            "WON, S, true",
            "C3:WON, S, true",
            "C3:UC_PAID, S, true",
            "C3:WON, '', true",
            "C3:LOSE, F, false",
            "C3:EXECUTING, P, false"})
    void aDealIsWonByItsStageSemanticsOrTheSystemWonStage(String stage, String semantic, boolean won)
            throws Exception {
        Bitrix24Fake.on(portal, Bitrix24Fixtures.WEBHOOK_PATH)
                .stubGet("deal", 500, ok(PortalFake.deal(500, stage, semantic, "3", "0")));

        List<CanonicalEvent> events = connector.parse(connection,
                delivery(event("ONCRMDEALMOVETOCATEGORY", 500, 1736424182)
                        .replace("&ts=", "&data%5BFIELDS%5D%5BCATEGORY_ID%5D=3&data%5BFIELDS%5D%5BSTAGE_ID%5D="
                                + stage.replace(":", "%3A") + "&ts=")));

        assertThat(events).singleElement().isInstanceOfSatisfying(DealStageChanged.class, deal -> {
            assertThat(deal.won()).isEqualTo(won);
            assertThat(deal.stage()).isEqualTo(stage);
            assertThat(deal.pipeline()).isEqualTo("3");
            assertThat(deal.contactRef()).isNull();
            assertThat(deal.occurredAt()).isEqualTo(Instant.parse("2024-08-05T08:30:00Z"));
        });
    }

    @Test
    void aDeletedDealAndAnyCompanyEventYieldNothingAndCallNothing() throws Exception {
        assertThat(connector.parse(connection, delivery(event("ONCRMDEALDELETE", 410, 1725020946)))).isEmpty();
        assertThat(connector.parse(connection, delivery(event("ONCRMCOMPANYADD", 9, 1725020946)))).isEmpty();
        assertThat(connector.parse(connection, delivery(event("ONCRMCOMPANYUPDATE", 9, 1725020946)))).isEmpty();
        assertThat(connector.parse(connection, delivery(event("ONCRMCOMPANYDELETE", 9, 1725020946)))).isEmpty();
        portal.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aDealGoneBeforeItsEventWasProcessedYieldsNothing() throws Exception {
        Bitrix24Fake.on(portal, Bitrix24Fixtures.WEBHOOK_PATH).stubGet("deal", 410, error(400, NOT_FOUND));

        assertThat(connector.parse(connection, delivery(event("ONCRMDEALADD", 410, 1725020946)))).isEmpty();
    }

    @Test
    void aRefusedWebhookIsAPermanentFailureThatHidesTheWebhookCode() {
        Bitrix24Fake.on(portal, Bitrix24Fixtures.WEBHOOK_PATH).stubGet("contact", 89, error(401,
                "{\"error\":\"NO_AUTH_FOUND\",\"error_description\":\"Wrong authorization data\"}"));

        assertThatThrownBy(() -> connector.parse(connection, delivery(CONTACT_UPDATE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("b24-1", "NO_AUTH_FOUND", "crm.contact.get")
                            .doesNotContain("7xq2kd9w3m1p0abc");
                });
    }

    @Test
    void anAccessDeniedGetIsPermanentAndQuotesNoDescription() {
        Bitrix24Fake.on(portal, Bitrix24Fixtures.WEBHOOK_PATH)
                .stubGet("contact", 89, error(400, "{\"error\":\"\",\"error_description\":\"Access denied\"}"));

        assertThatThrownBy(() -> connector.parse(connection, delivery(CONTACT_UPDATE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("HTTP 400 from crm.contact.get: no error code");
                });
    }
}
