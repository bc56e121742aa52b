package dev.liaison.connectors.zendesk;

import static dev.liaison.connectors.zendesk.ZendeskFixtures.NOW;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.SECRET;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.TICKET_CREATED;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.USER_CREATED;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.USER_DEACTIVATED;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.VECTOR_SIGNATURE;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.VECTOR_TIMESTAMP;
import static dev.liaison.connectors.zendesk.ZendeskFixtures.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.TicketCreated;
import dev.liaison.connector.api.TicketUpdated;
import dev.liaison.connector.api.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZendeskWebhookTest {

    /** The README's trigger template as Zendesk renders it for a new ticket. */
    static final String TRIGGER_CREATED = """
            {"liaison":"zendesk-trigger/1","id":"35437-2024-04-17T17:18Z","event":"ticket.created",
             "ticket":{"id":"35437","subject":"Refund for order 1001","status":"New","priority":"Urgent",
                       "tags":"refund vip_candidate","group":"","via":"Web form",
                       "created_at":"2024-04-17T17:18Z","updated_at":"2024-04-17T17:18Z",
                       "requester":{"id":"20978392","email":"anna.petrova@example.com","name":"Anna Maria Petrova",
                                    "phone":"+7 903 145-34-55","language":"Русский","external_id":"crm-42"}}}""";

    private final ConnectionContext connection = ZendeskFixtures.connection();
    private final ZendeskConnector connector = new ZendeskConnector(
            ZendeskFixtures.remoteCalls(new ArrayList<>(), Clock.fixed(NOW, ZoneOffset.UTC)),
            Clock.fixed(NOW, ZoneOffset.UTC), duration -> { });

    @Test
    void signsTheFactsVectorExactly() {
        assertThat(ZendeskSignature.sign(SECRET, VECTOR_TIMESTAMP, USER_CREATED.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(VECTOR_SIGNATURE);
        assertThat(USER_CREATED.getBytes(StandardCharsets.UTF_8)).hasSize(294);
    }

    @Test
    void acceptsDeliveriesSignedWithTheTriggerWebhooksSecret() throws Exception {
        ConnectionContext both = ZendeskFixtures.connection("https://acme.zendesk.com",
                Map.of(ZendeskSettings.TRIGGER_SIGNING_SECRET, "dHJpZ2dlci13ZWJob29rLXNlY3JldA=="));

        connector.verify(both, signed(TRIGGER_CREATED, NOW.toString(), "dHJpZ2dlci13ZWJob29rLXNlY3JldA=="));
        connector.verify(both, signed(USER_CREATED, NOW.toString(), SECRET));
        assertThatThrownBy(() -> connector.verify(connection,
                signed(TRIGGER_CREATED, NOW.toString(), "dHJpZ2dlci13ZWJob29rLXNlY3JldA==")))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void replayWindowIsConfigurable() throws Exception {
        ConnectionContext strict = ZendeskFixtures.connection("https://acme.zendesk.com",
                Map.of(ZendeskSettings.REPLAY_WINDOW_SECONDS, "30"));
        String fortySecondsAgo = NOW.minusSeconds(40).toString();

        connector.verify(connection, signed(USER_CREATED, fortySecondsAgo, SECRET));
        assertThatThrownBy(() -> connector.verify(strict, signed(USER_CREATED, fortySecondsAgo, SECRET)))
                .isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("30 s window");
    }

    @Test
    void aConnectionWithoutSigningSecretRejectsEverything() {
        ConnectionContext unsigned = new ConnectionContext("zd-3", "default", ZendeskConnector.KIND,
                Map.of(ZendeskSettings.SUBDOMAIN, "acme"));

        assertThatThrownBy(() -> connector.verify(unsigned, signed(USER_CREATED)))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("signingSecret");
    }

    @Test
    void rejectionNeverRevealsTheSecretOrTheSignature() {
        assertThatThrownBy(() -> connector.verify(connection, signed(USER_CREATED, NOW.toString(), "wrong")))
                .isInstanceOf(WebhookRejectedException.class)
                .message().doesNotContain(SECRET).doesNotContain(VECTOR_SIGNATURE);
    }

    @Test
    void userCreatedBecomesAContactWithItsEmail() throws Exception {
        List<CanonicalEvent> events = connector.parse(connection, signed(USER_CREATED));

        assertThat(events).singleElement().isInstanceOfSatisfying(ContactUpserted.class, event -> {
            assertThat(event.ref()).isEqualTo(connection.ref("6596848315901"));
            assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-04-17T17:18:10Z"));
            assertThat(event.contact().emails()).containsExactly("ivan@example.com");
            assertThat(event.contact().attributes()).containsEntry("role", "end-user");
        });
    }

    @Test
    void deactivatedUserBecomesAContactDeletion() throws Exception {
        assertThat(connector.parse(connection, signed(USER_DEACTIVATED))).containsExactly(
                new ContactDeleted(connection.ref("6596848315901"), Instant.parse("2024-04-17T17:18:40Z")));
    }

    @Test
    void deletedUserBecomesAContactDeletion() throws Exception {
        String deleted = USER_CREATED.replace("user.created", "user.deleted");

        assertThat(connector.parse(connection, signed(deleted))).containsExactly(
                new ContactDeleted(connection.ref("6596848315901"), Instant.parse("2024-04-17T17:18:10Z")));
    }

    @Test
    void nameChangeCarriesTheNewNameSplit() throws Exception {
        String renamed = USER_CREATED.replace("user.created", "user.name_changed")
                .replace("\"event\":{}", "\"event\":{\"current\":\"Ivan van der Berg\",\"previous\":\"Ivan\"}");

        assertThat(connector.parse(connection, signed(renamed))).singleElement()
                .isInstanceOfSatisfying(ContactUpserted.class, event -> {
                    assertThat(event.contact().firstName()).isEqualTo("Ivan");
                    assertThat(event.contact().lastName()).isEqualTo("van der Berg");
                    assertThat(event.contact().attributes()).containsEntry("name", "Ivan van der Berg");
                });
    }

    @Test
    void ticketCreatedNamesItsRequester() throws Exception {
        assertThat(connector.parse(connection, signed(TICKET_CREATED))).containsExactly(new TicketCreated(
                connection.ref("35436"), Instant.parse("2024-04-17T17:18:20Z"), connection.ref("20978392"), null,
                "Where is my order?", "high", List.of("order", "web"), "open", null, null));
    }

    @Test
    void priorityChangeBecomesAnUpdateOfThatField() throws Exception {
        String changed = TICKET_CREATED.replace("ticket.created", "ticket.priority_changed")
                .replace("\"event\":{\"meta\"", "\"event\":{\"current\":\"Urgent\",\"previous\":\"High\",\"meta\"");

        assertThat(connector.parse(connection, signed(changed))).containsExactly(new TicketUpdated(
                connection.ref("35436"), Instant.parse("2024-04-17T17:18:20Z"), Map.of("priority", "urgent")));
    }

    @Test
    void assignmentChangeNamesTheAssigneeId() throws Exception {
        String assigned = TICKET_CREATED.replace("ticket.created", "ticket.agent_assignment_changed")
                .replace("\"event\":{\"meta\"", "\"event\":{\"current\":\"235324\",\"previous\":null,\"meta\"");

        assertThat(connector.parse(connection, signed(assigned))).singleElement()
                .isInstanceOfSatisfying(TicketUpdated.class, event ->
                        assertThat(event.changes()).containsExactlyEntriesOf(Map.of("assignee_id", "235324")));
    }

    @Test
    void tagChangeTakesTheTagsFromTheTicket() throws Exception {
        String tagged = TICKET_CREATED.replace("ticket.created", "ticket.tags_changed")
                .replace("\"event\":{\"meta\"", "\"event\":{\"tags_added\":[\"web\"],\"tags_removed\":[],\"meta\"");

        assertThat(connector.parse(connection, signed(tagged))).singleElement()
                .isInstanceOfSatisfying(TicketUpdated.class, event ->
                        assertThat(event.changes()).containsExactlyEntriesOf(Map.of("tags", "order,web")));
    }

    @Test
    void ticketEventsThatChangeNoFieldAreNamed() throws Exception {
        String commented = TICKET_CREATED.replace("ticket.created", "ticket.comment_added");

        assertThat(connector.parse(connection, signed(commented))).singleElement()
                .isInstanceOfSatisfying(TicketUpdated.class, event ->
                        assertThat(event.changes()).containsExactlyEntriesOf(Map.of("event", "comment_added")));
    }

    @Test
    void triggerTemplateForANewTicketCarriesTheRequester() throws Exception {
        assertThat(connector.parse(connection, signed(TRIGGER_CREATED))).singleElement()
                .isInstanceOfSatisfying(TicketCreated.class, event -> {
                    assertThat(event.ref()).isEqualTo(connection.ref("35437"));
                    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-04-17T17:18:00Z"));
                    assertThat(event.requesterRef()).isEqualTo(connection.ref("20978392"));
                    assertThat(event.priority()).isEqualTo("urgent");
                    assertThat(event.tags()).containsExactly("refund", "vip_candidate");
                    assertThat(event.requester().firstName()).isEqualTo("Anna");
                    assertThat(event.requester().lastName()).isEqualTo("Maria Petrova");
                    assertThat(event.requester().emails()).containsExactly("anna.petrova@example.com");
                    assertThat(event.requester().phones()).containsExactly("+7 903 145-34-55");
                    assertThat(event.requester().language()).isNull();
                    assertThat(event.requester().attributes())
                            .containsEntry("languageName", "Русский").containsEntry("externalId", "crm-42");
                });
    }

    @Test
    void triggerTemplateForAnUpdateCarriesTheTicketsCurrentValues() throws Exception {
        String updated = TRIGGER_CREATED.replace("\"event\":\"ticket.created\"", "\"event\":\"ticket.updated\"")
                .replace("\"updated_at\":\"2024-04-17T17:18Z\"", "\"updated_at\":\"2024-04-17T17:25Z\"")
                .replace("\"status\":\"New\"", "\"status\":\"Open\"");

        assertThat(connector.parse(connection, signed(updated))).singleElement()
                .isInstanceOfSatisfying(TicketUpdated.class, event -> {
                    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-04-17T17:25:00Z"));
                    assertThat(event.changes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                            "status", "open", "priority", "urgent", "subject", "Refund for order 1001",
                            "tags", "refund,vip_candidate", "group", ""));
                });
    }

    @Test
    void eventDedupKeyIsTheEventId() throws Exception {
        assertThat(connector.dedupKey(connection, signed(USER_CREATED)))
                .isEqualTo("2b24ef10-19d4-4740-93cf-8f98ec4776c0");
    }

    @Test
    void triggerDedupKeyTellsApartTwoUpdatesInTheSameMinute() throws Exception {
        String first = TRIGGER_CREATED.replace("\"event\":\"ticket.created\"", "\"event\":\"ticket.updated\"");
        String second = first.replace("\"priority\":\"Urgent\"", "\"priority\":\"Low\"");

        String key = connector.dedupKey(connection, signed(first));
        assertThat(key).startsWith("trigger:35437-2024-04-17T17:18Z:");
        assertThat(connector.dedupKey(connection, signed(first, NOW.toString(), SECRET))).isEqualTo(key);
        assertThat(connector.dedupKey(connection, signed(second))).isNotEqualTo(key);
    }
}
