package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource.Page;
import dev.liaison.connectors.testkit.AmoCrmFake;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmoSyncTest {

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

    @Test
    void aFullPullReadsContactsThenLeadsFollowingTheNextLinks() throws Exception {
        AmoCrmFake.on(amocrm).stubListing(AmoFixtures.TOKEN);

        Page first = connector.pull(connection, null);
        Page second = connector.pull(connection, first.nextCursor());
        Page third = connector.pull(connection, second.nextCursor());
        Page deletions = connector.pull(connection, third.nextCursor());

        assertThat(first.hasMore()).isTrue();
        assertThat(first.nextCursor())
                .isEqualTo("v1;stream=contacts;page=2;contacts=0-1700000200;leads=0-0;events=0-0");
        assertThat(first.events()).hasSize(2).first().isInstanceOfSatisfying(ContactUpserted.class, contact -> {
            assertThat(contact.ref()).isEqualTo(new ExternalRef("amocrm", "amo-1", "1001"));
            assertThat(contact.contact().phones()).containsExactly("+7 903 145-34-55");
            assertThat(contact.contact().emails()).containsExactly("anna@example.com");
            assertThat(contact.contact().firstName()).isEqualTo("Клиент 1001");
        });
        assertThat(second.hasMore()).isTrue();
        assertThat(second.nextCursor())
                .isEqualTo("v1;stream=leads;page=1;contacts=0-1700000300;leads=0-0;events=0-0");
        assertThat(third.hasMore()).isTrue();
        assertThat(third.events()).extracting(event -> (DealStageChanged) event)
                .extracting(DealStageChanged::stage, DealStageChanged::won, deal -> deal.contactRef().id(),
                        DealStageChanged::currency)
                .containsExactly(tuple("142", true, "1001", "RUB"),
                        tuple("143", false, "1002", "RUB"));
        assertThat(deletions.hasMore()).isFalse();
        assertThat(deletions.events()).as("1003 was restored after its deletion")
                .containsExactly(new ContactDeleted(new ExternalRef("amocrm", "amo-1", "1002"),
                        Instant.ofEpochSecond(1700000600)));
        assertThat(deletions.nextCursor()).isEqualTo("v1;stream=contacts;page=1;contacts=1700000300-1700000300;"
                + "leads=1700000500-1700000500;events=1700000620-1700000620");
    }

    @Test
    void theNextRunReadsTheDeletionsFromTheNewestEventItSawAndACursorFromBeforeTheEventsStillReads()
            throws Exception {
        amocrm.stubFor(AmoCrmFake.eventsRequest(1, AmoFixtures.TOKEN)
                .withQueryParam("filter[created_at][from]", equalTo("1700000620"))
                .willReturn(AmoCrmFake.hal(AmoCrmFake.eventsPage(1, true,
                        AmoCrmFake.event("01hx0d3l3t3d00000000000009", "contact_deleted", 1001, 1700000700)))));
        amocrm.stubFor(AmoCrmFake.eventsRequest(2, AmoFixtures.TOKEN).willReturn(aResponse().withStatus(204)));

        Page first = connector.pull(connection,
                "v1;stream=events;page=1;contacts=1-1;leads=1-1;events=1700000620-1700000620");
        Page second = connector.pull(connection, first.nextCursor());

        assertThat(first.events()).extracting(event -> event.ref().id()).containsExactly("1001");
        assertThat(first.hasMore()).isTrue();
        assertThat(second.events()).isEmpty();
        assertThat(second.hasMore()).isFalse();
        assertThat(second.nextCursor()).endsWith(";events=1700000700-1700000700");
        assertThat(connector.pull(connection, "v1;stream=leads;page=1;contacts=0-0;leads=0-0").nextCursor())
                .as("stored before the events were read").isNotNull();
    }

    @Test
    void theNextRunAsksOnlyForRecordsUpdatedSinceTheWatermark() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts"))
                .withQueryParam("filter[updated_at][from]", equalTo("1700000300"))
                .willReturn(aResponse().withStatus(204)));
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/leads"))
                .withQueryParam("filter[updated_at][from]", equalTo("1700000500"))
                .willReturn(AmoCrmFake.hal(AmoCrmFake.page("leads", 1, false,
                        AmoCrmFake.lead(5002, 142, 1700000900, 1002)))));
        String cursor = "v1;stream=contacts;page=1;contacts=1700000300-1700000300;leads=1700000500-1700000500";

        Page contacts = connector.pull(connection, cursor);
        Page leads = connector.pull(connection, contacts.nextCursor());

        assertThat(contacts.events()).isEmpty();
        assertThat(contacts.hasMore()).isTrue();
        assertThat(leads.events()).singleElement().extracting(event -> ((DealStageChanged) event).won()).isEqualTo(true);
        assertThat(leads.hasMore()).isTrue();
        assertThat(leads.nextCursor())
                .isEqualTo("v1;stream=events;page=1;contacts=1700000300-1700000300;leads=1700000500-1700000900;"
                        + "events=0-0");
        amocrm.verify(getRequestedFor(urlPathEqualTo("/api/v4/contacts"))
                .withQueryParam("limit", equalTo("250")).withQueryParam("page", equalTo("1"))
                .withQueryParam("order[updated_at]", equalTo("asc")));
    }

    @Test
    void anEmptyAccountAnswers204AndTheRunStillEnds() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts")).willReturn(aResponse().withStatus(204)));
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/leads")).willReturn(aResponse().withStatus(204)));
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/events")).willReturn(aResponse().withStatus(204)));

        Page contacts = connector.pull(connection, null);
        Page leads = connector.pull(connection, contacts.nextCursor());
        Page deletions = connector.pull(connection, leads.nextCursor());

        assertThat(contacts.events()).isEmpty();
        assertThat(leads.events()).isEmpty();
        assertThat(deletions.events()).isEmpty();
        assertThat(deletions.hasMore()).isFalse();
        assertThat(deletions.nextCursor()).isEqualTo("v1;stream=contacts;page=1;contacts=0-0;leads=0-0;events=0-0");
    }

    @Test
    void aStoredCursorResumesOnAFreshConnectorAtTheSamePage() throws Exception {
        AmoCrmFake.on(amocrm).stubListing(AmoFixtures.TOKEN);
        String stored = connector.pull(connection, null).nextCursor();

        Page resumed = AmoFixtures.connector(new ArrayList<>()).pull(connection, stored);

        assertThat(resumed.events()).extracting(event -> event.ref().id()).containsExactly("1003");
        amocrm.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/contacts")).withQueryParam("page", equalTo("2")));
    }

    @Test
    void aCursorOfAnotherFormatIsRefused() {
        for (String cursor : List.of("{\"v\":1}", "v1;stream=deals;page=1;contacts=0-0;leads=0-0",
                "v1;stream=contacts;page=0;contacts=0-0;leads=0-0", "v2;stream=contacts;page=1;contacts=0-0;leads=0-0")) {
            assertThatThrownBy(() -> connector.pull(connection, cursor)).isInstanceOf(MalformedPayloadException.class);
        }
    }
}
