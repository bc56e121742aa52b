package dev.liaison.connectors.bitrix24;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.HeldRecords;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RemoteSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeletionCheckTest {

    private static final String DEALS_NEXT = "{\"v\":1,\"entity\":\"deal\",\"contact\":102,\"lead\":12,\"deal\":0}";
    private static final String NEXT_PASS = "{\"v\":1,\"entity\":\"contact\",\"contact\":102,\"lead\":12,\"deal\":411}";

    /** What Liaison holds, in the string order the profile store sorts identities in. */
    private final NavigableSet<String> held = new ConcurrentSkipListSet<>();
    private final HeldRecords heldRecords = (connection, after, limit) -> (after == null ? held
            : held.tailSet(after, false)).stream().limit(limit).toList();
    private final Bitrix24Connector connector = Bitrix24Fixtures.connector(new ArrayList<>(), heldRecords);
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
        if (portal != null) {
            portal.stop();
        }
    }

    @Test
    void thePullThatReadsTheLastDealsReportsTheHeldContactsAndLeadsThePortalNoLongerLists() throws Exception {
        start(PortalFake.CONTACTS);
        held.addAll(List.of("C_2", "C_4", "C_6", "L_7", "L_8", "D_410"));
        fake.delete("crm.contact.list", 4);
        fake.delete("crm.lead.list", 8);

        RecordSource.Page last = connector.pull(connection, DEALS_NEXT);

        assertThat(last.events()).filteredOn(DealStageChanged.class::isInstance).hasSize(2);
        assertThat(last.events()).filteredOn(ContactDeleted.class::isInstance)
                .extracting(event -> event.ref().id()).containsExactly("C_4", "L_8");
        assertThat(last.hasMore()).isFalse();
        assertThat(last.nextCursor()).isEqualTo(NEXT_PASS);
        Map<String, String> check = fake.batches().get(1);
        assertThat(check).containsOnlyKeys("held0", "held1");
        assertThat(check.get("held0")).isEqualTo("crm.contact.list?filter%5B%40ID%5D%5B0%5D=2"
                + "&filter%5B%40ID%5D%5B1%5D=4&filter%5B%40ID%5D%5B2%5D=6&select%5B0%5D=ID&start=0");
        assertThat(check.get("held1")).startsWith("crm.lead.list?filter%5B%40ID%5D%5B0%5D=7");
    }

    @Test
    void nothingHeldMeansNoCheckAtAll() throws Exception {
        start(PortalFake.CONTACTS);

        RecordSource.Page last = connector.pull(connection, DEALS_NEXT);

        assertThat(last.events()).hasSize(2);
        assertThat(last.hasMore()).isFalse();
        assertThat(fake.batches()).hasSize(1);
    }

    @Test
    void moreHeldRecordsThanOneCheckTakesGoOnInFurtherPulls() throws Exception {
        start(2600);
        IntStream.rangeClosed(1, 2600).forEach(n -> held.add("C_" + 2L * n));
        fake.delete("crm.contact.list", 4);
        fake.delete("crm.contact.list", 5200);

        RecordSource.Page last = connector.pull(connection, DEALS_NEXT);
        assertThat(last.hasMore()).isTrue();
        String position = held.stream().skip(DeletionCheck.HELD_PER_PULL - 1).findFirst().orElseThrow();
        assertThat(last.nextCursor()).isEqualTo(NEXT_PASS.replace("\"contact\",", "\"deal\",")
                .replace("}", ",\"checked\":\"" + position + "\"}"));
        List<CanonicalEvent> deleted = new ArrayList<>(last.events().stream()
                .filter(ContactDeleted.class::isInstance).toList());

        RecordSource.Page rest = connector.pull(connection, last.nextCursor());
        deleted.addAll(rest.events());

        assertThat(rest.hasMore()).isFalse();
        assertThat(deleted).extracting(event -> event.ref().id()).containsExactlyInAnyOrder("C_4", "C_5200");
        assertThat(fake.batches().get(1)).hasSize(DeletionCheck.HELD_PER_PULL / 50);
    }

    @Test
    void aFailedCommandFailsTheCheckRatherThanReadingAsADeletion() {
        start(PortalFake.CONTACTS);
        held.addAll(List.of("C_2", "C_4"));
        fake.failOnce("held0", "QUERY_LIMIT_EXCEEDED");
        String checking = DEALS_NEXT.replace("}", ",\"checked\":\"\"}");

        assertThatThrownBy(() -> connector.pull(connection, checking))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void aCheckPositionOutsideTheDealsIsRefused() {
        start(PortalFake.CONTACTS);

        assertThatThrownBy(() -> connector.pull(connection,
                "{\"v\":1,\"entity\":\"contact\",\"contact\":0,\"lead\":0,\"deal\":0,\"checked\":\"\"}"))
                .isInstanceOf(MalformedPayloadException.class);
        assertThatThrownBy(() -> connector.pull(connection,
                "{\"v\":1,\"entity\":\"deal\",\"contact\":0,\"lead\":0,\"deal\":0,\"checked\":5}"))
                .isInstanceOf(MalformedPayloadException.class);
    }

    @Test
    void chunksKeepContactsAndLeadsApartAndSkipWhatIsNoPerson() {
        List<String> ids = new ArrayList<>();
        IntStream.rangeClosed(1, 60).forEach(n -> ids.add("C_" + n));
        ids.addAll(List.of("D_1", "L_3", "CO_9", "garbage"));

        Map<String, List<CrmEntity.Target>> commands = DeletionCheck.commands(ids);

        assertThat(commands).containsOnlyKeys("held0", "held1", "held2");
        assertThat(commands.get("held0")).hasSize(50);
        assertThat(commands.get("held1")).hasSize(10);
        assertThat(commands.get("held2")).extracting(CrmEntity.Target::refId).containsExactly("L_3");
    }
}
