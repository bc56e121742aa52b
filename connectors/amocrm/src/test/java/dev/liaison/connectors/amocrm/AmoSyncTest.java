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
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource.Page;
import dev.liaison.connectors.testkit.AmoCrmFake;
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

        assertThat(first.hasMore()).isTrue();
        assertThat(first.nextCursor()).isEqualTo("v1;stream=contacts;page=2;contacts=0-1700000200;leads=0-0");
        assertThat(first.events()).hasSize(2).first().isInstanceOfSatisfying(ContactUpserted.class, contact -> {
            assertThat(contact.ref()).isEqualTo(new ExternalRef("amocrm", "amo-1", "1001"));
            assertThat(contact.contact().phones()).containsExactly("+7 903 145-34-55");
            assertThat(contact.contact().emails()).containsExactly("anna@example.com");
            assertThat(contact.contact().firstName()).isEqualTo("Клиент 1001");
        });
        assertThat(second.hasMore()).isTrue();
        assertThat(second.nextCursor()).isEqualTo("v1;stream=leads;page=1;contacts=0-1700000300;leads=0-0");
        assertThat(third.hasMore()).isFalse();
        assertThat(third.events()).extracting(event -> (DealStageChanged) event)
                .extracting(DealStageChanged::stage, DealStageChanged::won, deal -> deal.contactRef().id(),
                        DealStageChanged::currency)
                .containsExactly(tuple("142", true, "1001", "RUB"),
                        tuple("143", false, "1002", "RUB"));
        assertThat(third.nextCursor())
                .isEqualTo("v1;stream=contacts;page=1;contacts=1700000300-1700000300;leads=1700000500-1700000500");
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
        assertThat(leads.hasMore()).isFalse();
        assertThat(leads.nextCursor())
                .isEqualTo("v1;stream=contacts;page=1;contacts=1700000300-1700000300;leads=1700000900-1700000900");
        amocrm.verify(getRequestedFor(urlPathEqualTo("/api/v4/contacts"))
                .withQueryParam("limit", equalTo("250")).withQueryParam("page", equalTo("1"))
                .withQueryParam("order[updated_at]", equalTo("asc")));
    }

    @Test
    void anEmptyAccountAnswers204AndTheRunStillEnds() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/contacts")).willReturn(aResponse().withStatus(204)));
        amocrm.stubFor(get(urlPathEqualTo("/api/v4/leads")).willReturn(aResponse().withStatus(204)));

        Page contacts = connector.pull(connection, null);
        Page leads = connector.pull(connection, contacts.nextCursor());

        assertThat(contacts.events()).isEmpty();
        assertThat(leads.events()).isEmpty();
        assertThat(leads.hasMore()).isFalse();
        assertThat(leads.nextCursor()).isEqualTo("v1;stream=contacts;page=1;contacts=0-0;leads=0-0");
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
