package dev.liaison.connectors.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CrmSyncTest {

    private final Bitrix24Connector connector = Bitrix24Fixtures.connector(new ArrayList<>());
    private WireMockServer portal;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        portal = Bitrix24Fixtures.portal();
        PortalFake.stub(portal);
        connection = Bitrix24Fixtures.connection(portal.baseUrl(), Map.of());
    }

    @AfterEach
    void stop() {
        portal.stop();
    }

    @Test
    void aFullPassReadsContactsThenLeadsThenDealsPageByPage() throws Exception {
        RecordSource.Page first = connector.pull(connection, null);
        assertThat(first.events()).hasSize(50).allSatisfy(event -> assertThat(event).isInstanceOf(ContactUpserted.class));
        assertThat(first.events().get(49).ref().id()).isEqualTo("C_100");
        assertThat(first.hasMore()).isTrue();

        RecordSource.Page second = connector.pull(connection, first.nextCursor());
        assertThat(second.events()).extracting(event -> event.ref().id()).containsExactly("C_102");
        assertThat(second.hasMore()).isTrue();

        RecordSource.Page leads = connector.pull(connection, second.nextCursor());
        assertThat(leads.events()).extracting(event -> event.ref().id()).containsExactly("L_7", "L_8", "L_12");
        assertThat(leads.hasMore()).isTrue();

        RecordSource.Page deals = connector.pull(connection, leads.nextCursor());
        assertThat(deals.hasMore()).isFalse();
        assertThat(deals.events()).containsExactly(
                new DealStageChanged(ref("D_410"), Instant.parse("2024-08-05T08:30:00Z"), ref("C_2"), "1", "C1:WON",
                        true, new BigDecimal("1500.00"), "RUB"),
                new DealStageChanged(ref("D_411"), Instant.parse("2024-08-05T08:30:00Z"), null, "0", "NEW",
                        false, new BigDecimal("1500.00"), "RUB"));

        portal.verify(postRequestedFor(urlPathEqualTo(method("crm.contact.list")))
                .withRequestBody(equalToJson(PortalFake.pageRequest(0, PortalFake.PERSON_SELECT))));
        portal.verify(postRequestedFor(urlPathEqualTo(method("crm.contact.list")))
                .withRequestBody(equalToJson(PortalFake.pageRequest(100, PortalFake.PERSON_SELECT))));
        portal.verify(postRequestedFor(urlPathEqualTo(method("crm.deal.list")))
                .withRequestBody(equalToJson(PortalFake.pageRequest(0, PortalFake.DEAL_SELECT))));
    }

    @Test
    void contactsCarryTheirMultifieldsAndModificationTime() throws Exception {
        ContactUpserted first = (ContactUpserted) connector.pull(connection, null).events().get(0);

        assertThat(first.ref()).isEqualTo(ref("C_2"));
        assertThat(first.contact().emails()).containsExactly("person2@example.com");
        assertThat(first.contact().phones()).containsExactly("+79990000002");
        assertThat(first.occurredAt()).isEqualTo(Instant.parse("2024-08-02T07:00:02Z"));
    }

    @Test
    void theCursorSurvivesARestartAndTheNextPassReadsOnlyNewRecords() throws Exception {
        String cursor = null;
        List<CanonicalEvent> pass = new ArrayList<>();
        RecordSource.Page page;
        do {
            page = connector.pull(connection, cursor);
            pass.addAll(page.events());
            cursor = page.nextCursor();
        } while (page.hasMore());
        assertThat(pass).hasSize(PortalFake.CONTACTS + 3 + 2);
        assertThat(cursor).isEqualTo("{\"v\":1,\"entity\":\"contact\",\"contact\":102,\"lead\":12,\"deal\":411}");

        portal.stubFor(post(urlPathEqualTo(method("crm.contact.list")))
                .withRequestBody(equalToJson(PortalFake.pageRequest(102, PortalFake.PERSON_SELECT)))
                .willReturn(Bitrix24Fixtures.bigExportPage(List.of(PortalFake.contact(103)))));
        RecordSource.Page next = connector.pull(connection, cursor);

        assertThat(next.events()).extracting(event -> event.ref().id()).containsExactly("C_103");
        assertThat(next.hasMore()).isTrue();
        assertThat(next.nextCursor()).isEqualTo("{\"v\":1,\"entity\":\"lead\",\"contact\":103,\"lead\":12,\"deal\":411}");
    }

    @Test
    void aCursorFromSomethingElseIsRefused() {
        assertThatThrownBy(() -> connector.pull(connection, "{\"v\":1,\"stream\":\"users\",\"users\":\"abc\"}"))
                .isInstanceOf(MalformedPayloadException.class);
        assertThatThrownBy(() -> connector.pull(connection, "contact:55"))
                .isInstanceOf(MalformedPayloadException.class);
    }

    private static ExternalRef ref(String id) {
        return new ExternalRef("bitrix24", "b24-1", id);
    }
}
