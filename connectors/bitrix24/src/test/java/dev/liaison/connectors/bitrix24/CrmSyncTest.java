package dev.liaison.connectors.bitrix24;

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
import dev.liaison.connector.api.RemoteSystemException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CrmSyncTest {

    private static final int BIG = 2600;

    private final Bitrix24Connector connector = Bitrix24Fixtures.connector(new ArrayList<>());
    private PortalFake fake;
    private WireMockServer portal;
    private ConnectionContext connection;

    private void start(int contacts) {
        fake = new PortalFake(contacts);
        portal = fake.serve();
        connection = Bitrix24Fixtures.connection(portal.baseUrl(), Map.of());
    }

    @AfterEach
    void stop() {
        portal.stop();
    }

    @Test
    void aFullPassReadsContactsThenLeadsThenDealsOneBatchEach() throws Exception {
        start(PortalFake.CONTACTS);

        RecordSource.Page contacts = connector.pull(connection, null);
        assertThat(contacts.events()).hasSize(51).allSatisfy(event -> assertThat(event).isInstanceOf(ContactUpserted.class));
        assertThat(contacts.events().get(50).ref().id()).isEqualTo("C_102");
        assertThat(contacts.hasMore()).isTrue();

        RecordSource.Page leads = connector.pull(connection, contacts.nextCursor());
        assertThat(leads.events()).extracting(event -> event.ref().id()).containsExactly("L_7", "L_8", "L_12");
        assertThat(leads.hasMore()).isTrue();

        RecordSource.Page deals = connector.pull(connection, leads.nextCursor());
        assertThat(deals.hasMore()).isFalse();
        assertThat(deals.remaining()).as("the end of the pass").isZero();
        assertThat(deals.events()).containsExactly(
                new DealStageChanged(ref("D_410"), Instant.parse("2024-08-05T08:30:00Z"), ref("C_2"), "1", "C1:WON",
                        true, new BigDecimal("1500.00"), "RUB", false, "Deal 410", null, null),
                new DealStageChanged(ref("D_411"), Instant.parse("2024-08-05T08:30:00Z"), null, "0", "NEW",
                        false, new BigDecimal("1500.00"), "RUB", false, "Deal 411", null, null));

        portal.verify(3, postRequestedFor(urlPathEqualTo(method("batch"))));
        portal.verify(0, postRequestedFor(urlPathEqualTo(method("crm.contact.list"))));
    }

    @Test
    void everyBatchAsksForFiftyPagesAfterTheSameIdInIdOrder() throws Exception {
        start(PortalFake.CONTACTS);

        connector.pull(connection, "{\"v\":1,\"entity\":\"deal\",\"contact\":0,\"lead\":0,\"deal\":400}");

        Map<String, String> batch = fake.batches().get(0);
        assertThat(batch).hasSize(50);
        assertThat(batch.keySet()).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(n -> "page" + n).toList());
        assertThat(batch.get("page0")).isEqualTo("crm.deal.list?order%5BID%5D=ASC&filter%5B%3EID%5D=400"
                + "&select%5B0%5D=*&select%5B1%5D=UF_*&start=0");
        assertThat(batch.get("page49")).endsWith("filter%5B%3EID%5D=400&select%5B0%5D=*&select%5B1%5D=UF_*&start=2450");
    }

    @Test
    void aFullLoadReadsFiftyPagesOfFiftyPerRequest() throws Exception {
        start(BIG);

        RecordSource.Page first = connector.pull(connection, null);
        assertThat(first.events()).hasSize(2500);
        assertThat(first.hasMore()).isTrue();
        assertThat(first.nextCursor()).isEqualTo("{\"v\":1,\"entity\":\"contact\",\"contact\":5000,\"lead\":0,\"deal\":0}");
        assertThat(first.remaining()).as("the contacts the first command counted, less those read").isEqualTo(100);

        RecordSource.Page second = connector.pull(connection, first.nextCursor());
        assertThat(second.events()).hasSize(100);
        assertThat(second.remaining()).as("the leads are not counted before their first page").isNull();
        assertThat(second.events().get(0).ref().id()).isEqualTo("C_5002");
        assertThat(second.nextCursor()).isEqualTo("{\"v\":1,\"entity\":\"lead\",\"contact\":5200,\"lead\":0,\"deal\":0}");
        portal.verify(2, postRequestedFor(urlPathEqualTo(method("batch"))));
    }

    @Test
    void aFailedCommandEndsThePullBeforeItsPageAndTheNextPullReadsOnFromThere() throws Exception {
        start(BIG);
        fake.failOnce("page3", "QUERY_LIMIT_EXCEEDED");

        RecordSource.Page first = connector.pull(connection, null);
        assertThat(first.events()).hasSize(150);
        assertThat(first.hasMore()).isTrue();
        assertThat(first.nextCursor()).isEqualTo("{\"v\":1,\"entity\":\"contact\",\"contact\":300,\"lead\":0,\"deal\":0}");

        assertThat(contactIds(syncFrom(first))).containsExactlyElementsOf(allContacts(BIG));
    }

    @Test
    void aFailedFirstCommandFailsThePullAndLeavesTheCursor() throws Exception {
        start(BIG);
        String cursor = "{\"v\":1,\"entity\":\"contact\",\"contact\":300,\"lead\":0,\"deal\":0}";
        fake.failOnce("page0", "OPERATION_TIME_LIMIT");

        assertThatThrownBy(() -> connector.pull(connection, cursor))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("page0", "OPERATION_TIME_LIMIT");
                });
        assertThat(connector.pull(connection, cursor).events().get(0).ref().id()).isEqualTo("C_302");

        fake.failOnce("page0", "insufficient_scope");
        assertThatThrownBy(() -> connector.pull(connection, cursor))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void aRecordDeletedMidBatchEndsThePullBeforeTheShiftedPages() throws Exception {
        start(BIG);
        fake.deleteContactBefore("page2", 4);

        RecordSource.Page first = connector.pull(connection, null);
        assertThat(first.events()).hasSize(100);
        assertThat(first.nextCursor()).isEqualTo("{\"v\":1,\"entity\":\"contact\",\"contact\":200,\"lead\":0,\"deal\":0}");

        assertThat(contactIds(syncFrom(first))).containsExactlyElementsOf(allContacts(BIG));
    }

    @Test
    void contactsCarryTheirMultifieldsAndModificationTime() throws Exception {
        start(PortalFake.CONTACTS);

        ContactUpserted first = (ContactUpserted) connector.pull(connection, null).events().get(0);

        assertThat(first.ref()).isEqualTo(ref("C_2"));
        assertThat(first.contact().emails()).containsExactly("person2@example.com");
        assertThat(first.contact().phones()).containsExactly("+79990000002");
        assertThat(first.occurredAt()).isEqualTo(Instant.parse("2024-08-02T07:00:02Z"));
    }

    @Test
    void theCursorSurvivesARestartAndTheNextPassReadsOnlyNewRecords() throws Exception {
        start(PortalFake.CONTACTS);
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

        fake.addContact(103);
        RecordSource.Page next = connector.pull(connection, cursor);

        assertThat(next.events()).extracting(event -> event.ref().id()).containsExactly("C_103");
        assertThat(next.hasMore()).isTrue();
        assertThat(next.nextCursor()).isEqualTo("{\"v\":1,\"entity\":\"lead\",\"contact\":103,\"lead\":12,\"deal\":411}");
    }

    @Test
    void aCursorFromSomethingElseIsRefused() {
        start(PortalFake.CONTACTS);

        assertThatThrownBy(() -> connector.pull(connection, "{\"v\":1,\"stream\":\"users\",\"users\":\"abc\"}"))
                .isInstanceOf(MalformedPayloadException.class);
        assertThatThrownBy(() -> connector.pull(connection, "contact:55"))
                .isInstanceOf(MalformedPayloadException.class);
    }

    /** The events of {@code first} and of every pull after it until the pass ends. */
    private List<CanonicalEvent> syncFrom(RecordSource.Page first) throws Exception {
        List<CanonicalEvent> events = new ArrayList<>(first.events());
        RecordSource.Page page = first;
        while (page.hasMore()) {
            page = connector.pull(connection, page.nextCursor());
            events.addAll(page.events());
        }
        return events;
    }

    private static List<String> contactIds(List<CanonicalEvent> events) {
        return events.stream().map(event -> event.ref().id()).filter(id -> id.startsWith("C_")).toList();
    }

    private static List<String> allContacts(int contacts) {
        return IntStream.rangeClosed(1, contacts).mapToObj(n -> "C_" + 2L * n).toList();
    }

    private static ExternalRef ref(String id) {
        return new ExternalRef("bitrix24", "b24-1", id);
    }
}
