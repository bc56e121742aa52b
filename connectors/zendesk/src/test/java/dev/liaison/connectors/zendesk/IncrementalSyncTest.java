package dev.liaison.connectors.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Contact;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.TicketCreated;
import dev.liaison.connector.api.TicketUpdated;
import dev.liaison.connectors.testkit.ZendeskFake;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncrementalSyncTest {

    private WireMockServer zendesk;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        zendesk = ZendeskFixtures.zendesk();
        ZendeskFake.on(zendesk).stubIncrementalExports();
        connection = ZendeskFixtures.connection(zendesk.baseUrl(), Map.of());
    }

    @AfterEach
    void stop() {
        zendesk.stop();
    }

    @Test
    void pullsUsersThenTicketsPageByPageToTheEnd() throws Exception {
        ZendeskConnector connector = ZendeskFixtures.connector(new ArrayList<>());
        List<CanonicalEvent> events = new ArrayList<>();
        List<Boolean> hasMore = new ArrayList<>();
        String cursor = null;
        do {
            RecordSource.Page page = connector.pull(connection, cursor);
            events.addAll(page.events());
            hasMore.add(page.hasMore());
            cursor = page.nextCursor();
        } while (hasMore.get(hasMore.size() - 1));

        assertThat(hasMore).containsExactly(true, true, true, false);
        assertThat(events).containsExactly(
                new ContactUpserted(connection.ref("35436"), Instant.parse("2024-04-01T09:30:00Z"), new Contact(
                        "Anna", "Petrova", List.of("anna.petrova@example.com"), List.of("+7 903 145-34-55"), "ru", null,
                        Map.of("name", "Anna Petrova", "role", "end-user", "locale", "ru", "externalId", "crm-42",
                                "tags", "vip", "user_fields.newsletter", "true", "user_fields.plan", "gold",
                                "user_fields.interests", "shoes,bags"))),
                new ContactUpserted(connection.ref("35437"), Instant.parse("2024-04-02T11:00:00Z"), new Contact(
                        "Jan", "van der Berg", List.of("jan@example.nl"), List.of(), "nl", null,
                        Map.of("name", "Jan van der Berg", "role", "end-user", "locale", "nl-NL",
                                "organizationId", "9001"))),
                new ContactDeleted(connection.ref("35438"), Instant.parse("2024-04-03T12:00:00Z")),
                new TicketCreated(connection.ref("101"), Instant.parse("2024-03-01T10:00:00Z"), connection.ref("35436"),
                        null, "Where is my order?", "high", List.of("order"), "open", null, null),
                new TicketCreated(connection.ref("102"), Instant.parse("2024-03-02T10:00:00Z"), connection.ref("35437"),
                        null, "Invoice", null, List.of(), "new", null, null),
                new TicketUpdated(connection.ref("103"), Instant.parse("2024-03-04T10:00:00Z"),
                        Map.of("status", "deleted")),
                new TicketCreated(connection.ref("104"), Instant.parse("2024-03-05T10:00:00Z"), connection.ref("35436"),
                        null, "Refund", "urgent", List.of("refund", "vip"), "pending", null, null));
        assertThat(cursor).isEqualTo("{\"v\":1,\"stream\":\"users\",\"users\":\"dXNlcnMtMnx8MzU0Mzh8\","
                + "\"tickets\":\"MTU4MDc1Mzg5OC4wfHw0MzN8\"}");
    }

    @Test
    void theNextPollContinuesBothExportsWhereTheyEnded() throws Exception {
        ZendeskFake.on(zendesk).stubExportPage("users", "cursor", "dXNlcnMtMnx8MzU0Mzh8", """
                {"users":[{"id":35439,"name":"Newcomer","email":"new@example.com","role":"end-user","active":true,
                  "created_at":"2024-04-10T10:00:00Z","updated_at":"2024-04-10T10:00:00Z"}],
                 "after_url":null,"after_cursor":"dXNlcnMtM3x8MzU0Mzl8","before_url":null,"before_cursor":null,
                 "end_of_stream":true}""");
        ZendeskFake.on(zendesk).stubExportPage("tickets", "cursor", "MTU4MDc1Mzg5OC4wfHw0MzN8", """
                {"tickets":[],"after_url":null,"after_cursor":"MTU4MDc1Mzk5OC4wfHw0MzR8","before_url":null,
                 "before_cursor":null,"end_of_stream":true}""");
        String stored = "{\"v\":1,\"stream\":\"users\",\"users\":\"dXNlcnMtMnx8MzU0Mzh8\","
                + "\"tickets\":\"MTU4MDc1Mzg5OC4wfHw0MzN8\"}";
        ZendeskConnector restarted = ZendeskFixtures.connector(new ArrayList<>());

        RecordSource.Page users = restarted.pull(connection, stored);
        RecordSource.Page tickets = restarted.pull(connection, users.nextCursor());

        assertThat(users.events()).extracting(event -> event.ref().id()).containsExactly("35439");
        assertThat(users.hasMore()).isTrue();
        assertThat(tickets.events()).isEmpty();
        assertThat(tickets.hasMore()).isFalse();
        assertThat(tickets.nextCursor()).isEqualTo("{\"v\":1,\"stream\":\"users\",\"users\":\"dXNlcnMtM3x8MzU0Mzl8\","
                + "\"tickets\":\"MTU4MDc1Mzk5OC4wfHw0MzR8\"}");
        zendesk.verify(0, getRequestedFor(urlPathEqualTo("/api/v2/incremental/users/cursor.json"))
                .withQueryParam("start_time", equalTo("0")));
    }

    @Test
    void authenticatesWithTheApiTokenAsZendeskDocumentsIt() throws Exception {
        ZendeskFixtures.connector(new ArrayList<>()).pull(connection, null);

        String expected = "Basic " + Base64.getEncoder().encodeToString(
                "agent@acme.example/token:6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv".getBytes(StandardCharsets.UTF_8));
        zendesk.verify(getRequestedFor(urlPathEqualTo("/api/v2/incremental/users/cursor.json"))
                .withHeader("Authorization", equalTo(expected)));
    }

    @Test
    void authenticatesWithAnOauthTokenWhenGivenOne() throws Exception {
        ConnectionContext oauth = new ConnectionContext("zd-2", "default", ZendeskConnector.KIND, Map.of(
                ZendeskSettings.BASE_URL, zendesk.baseUrl() + "/", ZendeskSettings.OAUTH_TOKEN, "gErypPlm4dOVgGRvA1ZzMH5M",
                ZendeskSettings.SIGNING_SECRET, ZendeskFixtures.SECRET,
                ZendeskSettings.EXPORT_REQUESTS_PER_MINUTE, "60000"));

        ZendeskFixtures.connector(new ArrayList<>()).pull(oauth, null);

        zendesk.verify(getRequestedFor(urlPathEqualTo("/api/v2/incremental/users/cursor.json"))
                .withHeader("Authorization", equalTo("Bearer gErypPlm4dOVgGRvA1ZzMH5M")));
    }

    @Test
    void refusesACursorItDidNotWrite() {
        ZendeskConnector connector = ZendeskFixtures.connector(new ArrayList<>());

        assertThatThrownBy(() -> connector.pull(connection, "MTU4MDc1Mzc5OC4wfHw0MzJ8"))
                .isInstanceOf(MalformedPayloadException.class);
        assertThatThrownBy(() -> connector.pull(connection, "{\"v\":1,\"stream\":\"organizations\"}"))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("unknown stream");
    }

    @Test
    void refusesAPageWithoutEndOfStream() {
        ZendeskFake.on(zendesk).stubExportPage("users", "start_time", "0", "{\"users\":[],\"after_cursor\":\"eA\"}");

        assertThatThrownBy(() -> ZendeskFixtures.connector(new ArrayList<>()).pull(connection, null))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("end_of_stream");
    }
}
