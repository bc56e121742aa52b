package dev.liaison.connectors.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.connector.api.SubjectIdentifiers;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErasureAndExportTest {

    private static final String STATUSES_PATH = "/api/v2/users/35436/compliance_deletion_statuses.json";
    private static final String REQUESTED = """
            {"account_subdomain":"acme","action":"request_deletion","application":"all",
             "created_at":"2024-04-17T18:00:00Z","executer_id":2000,"user_id":35436}""";
    private static final String STARTED = """
            {"account_subdomain":"acme","action":"started","application":"support",
             "created_at":"2024-04-17T18:00:01Z","executer_id":null,"user_id":35436}""";
    private static final String COMPLETE = """
            {"account_subdomain":"acme","action":"complete","application":"support",
             "created_at":"2024-04-17T18:00:05Z","executer_id":null,"user_id":35436}""";

    private final List<Duration> sleeps = new ArrayList<>();
    private final ZendeskConnector connector = ZendeskFixtures.connector(sleeps);
    private WireMockServer zendesk;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        zendesk = ZendeskFixtures.zendesk();
        connection = ZendeskFixtures.connection(zendesk.baseUrl(), Map.of());
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/users/search.json"))
                .withQueryParam("query", equalTo("email:anna.petrova@example.com"))
                .willReturn(json("""
                        {"users":[{"id":35436,"name":"Anna Petrova","email":"anna.petrova@example.com",
                                   "phone":"+7 903 145-34-55","role":"end-user","active":true},
                                  {"id":35440,"name":"Anna P.","email":"anna.petrova@example.com.au",
                                   "phone":null,"role":"end-user","active":true}],
                         "next_page":null,"previous_page":null,"count":2}""")));
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/users/search.json"))
                .withQueryParam("query", equalTo("phone:+79031453455"))
                .willReturn(json("""
                        {"users":[{"id":35436,"name":"Anna Petrova","email":"anna.petrova@example.com",
                                   "phone":"+7 903 145-34-55","role":"end-user","active":true}],
                         "next_page":null,"previous_page":null,"count":1}""")));
        zendesk.stubFor(delete(urlEqualTo("/api/v2/users/35436.json"))
                .willReturn(json("{\"user\":{\"id\":35436,\"active\":false}}")));
        zendesk.stubFor(delete(urlEqualTo("/api/v2/deleted_users/35436.json"))
                .willReturn(json("{\"deleted_user\":{\"id\":35436,\"name\":\"Permanently Deleted User\"}}")));
    }

    @AfterEach
    void stop() {
        zendesk.stop();
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    private static String statuses(String... statuses) {
        return "{\"compliance_deletion_statuses\":[" + String.join(",", statuses) + "]}";
    }

    private static SubjectIdentifiers anna(ExternalRef... refs) {
        return new SubjectIdentifiers(List.of("anna.petrova@example.com"), List.of("+79031453455"), List.of(refs));
    }

    @Test
    void softDeletesThenDeletesPermanentlyThenPollsUntilCompliant() throws Exception {
        zendesk.stubFor(get(urlEqualTo(STATUSES_PATH)).inScenario("gdpr").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(statuses(REQUESTED, STARTED))).willSetStateTo("done"));
        zendesk.stubFor(get(urlEqualTo(STATUSES_PATH)).inScenario("gdpr").whenScenarioStateIs("done")
                .willReturn(json(statuses(REQUESTED, STARTED, COMPLETE))));

        SubjectEraser.Outcome outcome = connector.erase(connection, anna());

        assertThat(outcome.recordsErased()).isEqualTo(1);
        assertThat(outcome.evidence()).isEqualTo("user 35436: soft-deleted, permanently deleted; "
                + "compliance deletion complete: all/request_deletion at 2024-04-17T18:00:00Z, "
                + "support/started at 2024-04-17T18:00:01Z, support/complete at 2024-04-17T18:00:05Z");
        assertThat(requests()).containsExactly(
                "GET /api/v2/users/search.json?query=email%3Aanna.petrova%40example.com",
                "GET /api/v2/users/search.json?query=phone%3A%2B79031453455",
                "DELETE /api/v2/users/35436.json",
                "DELETE /api/v2/deleted_users/35436.json",
                "GET " + STATUSES_PATH,
                "GET " + STATUSES_PATH);
        assertThat(sleeps).containsExactly(ZendeskErasure.POLL_INTERVAL);
    }

    @Test
    void stopsPollingAfterABoundAndSaysTheDeletionIsStillRunning() throws Exception {
        zendesk.stubFor(get(urlEqualTo(STATUSES_PATH)).willReturn(json(statuses(REQUESTED, STARTED))));

        SubjectEraser.Outcome outcome = connector.erase(connection, anna());

        assertThat(outcome.evidence()).contains("in progress after 5 polls").doesNotContain("anna", "+7", "Petrova");
        zendesk.verify(ZendeskErasure.MAX_POLLS, getRequestedFor(urlEqualTo(STATUSES_PATH)));
        assertThat(sleeps).hasSize(ZendeskErasure.MAX_POLLS - 1);
    }

    @Test
    void erasesUsersNamedByThisConnectionsRefsAndIgnoresOtherSystems() throws Exception {
        zendesk.stubFor(get(urlEqualTo(STATUSES_PATH)).willReturn(json(statuses(REQUESTED, STARTED, COMPLETE))));
        zendesk.stubFor(delete(urlEqualTo("/api/v2/users/35441.json")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}")));
        zendesk.stubFor(delete(urlEqualTo("/api/v2/deleted_users/35441.json"))
                .willReturn(json("{\"deleted_user\":{\"id\":35441}}")));

        SubjectEraser.Outcome outcome = connector.erase(connection, anna(connection.ref("35441"),
                new ExternalRef("bitrix24", "bx-1", "35442")));

        assertThat(outcome.recordsErased()).isEqualTo(2);
        assertThat(outcome.evidence()).contains("user 35441: already soft-deleted, permanently deleted; "
                + "compliance deletion statuses: none (user no longer in the account)");
        zendesk.verify(0, deleteRequestedFor(urlEqualTo("/api/v2/users/35442.json")));
        zendesk.verify(0, deleteRequestedFor(urlEqualTo("/api/v2/users/35440.json")));
    }

    @Test
    void aSubjectZendeskDoesNotKnowErasesNothing() throws Exception {
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/users/search.json"))
                .withQueryParam("query", equalTo("email:nobody@example.com"))
                .willReturn(json("{\"users\":[],\"next_page\":null,\"previous_page\":null,\"count\":0}")));

        SubjectEraser.Outcome outcome = connector.erase(connection,
                new SubjectIdentifiers(List.of("nobody@example.com"), List.of(), List.of()));

        assertThat(outcome).isEqualTo(new SubjectEraser.Outcome(0, "no Zendesk user matches the subject"));
        assertThat(requests()).containsExactly("GET /api/v2/users/search.json?query=email%3Anobody%40example.com");
    }

    @Test
    void exportsTheUserWithEveryTicketTheyRequested() throws Exception {
        zendesk.stubFor(get(urlEqualTo("/api/v2/users/35436.json")).willReturn(json("""
                {"user":{"id":35436,"name":"Anna Petrova","email":"anna.petrova@example.com","role":"end-user"}}""")));
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/users/35436/tickets/requested.json"))
                .withQueryParam("page[size]", equalTo("100")).withQueryParam("page[after]", absent())
                .willReturn(json("""
                        {"tickets":[{"id":101,"subject":"Where is my order?"},{"id":104,"subject":"Refund"}],
                         "meta":{"has_more":true,"after_cursor":"eyJvIjoiaWQiLCJ2IjoiYVFRQUFBPT0ifQ==","before_cursor":null},
                         "links":{"next":"https://acme.zendesk.com/api/v2/users/35436/tickets/requested.json?page[size]=100&page[after]=x"}}""")));
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/users/35436/tickets/requested.json"))
                .withQueryParam("page[after]", equalTo("eyJvIjoiaWQiLCJ2IjoiYVFRQUFBPT0ifQ=="))
                .willReturn(json("""
                        {"tickets":[{"id":107,"subject":"Thanks"}],
                         "meta":{"has_more":false,"after_cursor":null,"before_cursor":"x"},"links":{"next":null}}""")));

        JsonObject export = Json.createReader(new StringReader(connector.export(connection, anna()))).readObject();

        assertThat(export.getString("system")).isEqualTo("zendesk");
        assertThat(export.getString("connectionId")).isEqualTo("zd-1");
        assertThat(export.getJsonArray("users")).hasSize(1);
        JsonObject user = export.getJsonArray("users").getJsonObject(0);
        assertThat(user.getJsonObject("user").getString("email")).isEqualTo("anna.petrova@example.com");
        assertThat(user.getJsonArray("tickets")).extracting(ticket -> ticket.asJsonObject().getInt("id"))
                .containsExactly(101, 104, 107);
    }

    private List<String> requests() {
        List<ServeEvent> events = new ArrayList<>(zendesk.getAllServeEvents());
        Collections.reverse(events);
        return events.stream().map(event -> event.getRequest().getMethod() + " " + event.getRequest().getUrl()).toList();
    }
}
