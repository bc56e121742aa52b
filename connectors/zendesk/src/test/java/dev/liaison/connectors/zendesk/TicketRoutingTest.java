package dev.liaison.connectors.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.TicketRouter.RoutingDecision;
import dev.liaison.connectors.testkit.ZendeskFake;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TicketRoutingTest {

    private static final String TICKET = """
            {"ticket":{"id":35436,"subject":"Where is my order?","status":"open","priority":"normal",
             "requester_id":20978392,"assignee_id":null,"group_id":null,"tags":["order","web"],
             "via":{"channel":"web"},"created_at":"2024-04-17T17:18:19Z","updated_at":"2024-04-17T17:18:19Z"}}""";

    private final ZendeskConnector connector = ZendeskFixtures.connector(new ArrayList<>());
    private WireMockServer zendesk;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        zendesk = ZendeskFixtures.zendesk();
        connection = ZendeskFixtures.connection(zendesk.baseUrl(), Map.of());
        ZendeskFake.on(zendesk).stubTicket("35436", TICKET).stubTicketUpdate("35436", ZendeskFake.json(TICKET));
    }

    @AfterEach
    void stop() {
        zendesk.stop();
    }

    @Test
    void setsGroupAssigneePriorityMergedTagsAndAnInternalNote() throws Exception {
        connector.apply(connection, "35436", new RoutingDecision("360000123", "361234567", "High",
                List.of("vip", "order", "lang_ru"), "Rule 'vip-first' matched: loyalty tier GOLD, 2 open deals"));

        zendesk.verify(1, putRequestedFor(urlEqualTo("/api/v2/tickets/35436.json"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"ticket":{"group_id":360000123,"assignee_id":361234567,"priority":"high",
                         "tags":["order","web","vip","lang_ru"],
                         "safe_update":true,"updated_stamp":"2024-04-17T17:18:19Z",
                         "comment":{"body":"Rule 'vip-first' matched: loyalty tier GOLD, 2 open deals","public":false}}}""")));
    }

    @Test
    void withoutTagsTheTicketIsNotReadFirst() throws Exception {
        connector.apply(connection, "35436", new RoutingDecision("360000123", null, null, List.of(), null));

        zendesk.verify(0, getRequestedFor(urlEqualTo("/api/v2/tickets/35436.json")));
        zendesk.verify(1, putRequestedFor(urlEqualTo("/api/v2/tickets/35436.json"))
                .withRequestBody(equalToJson("{\"ticket\":{\"group_id\":360000123}}")));
    }

    @Test
    void anEmptyDecisionCallsNothing() throws Exception {
        connector.apply(connection, "35436", new RoutingDecision(null, null, null, List.of(), " "));

        zendesk.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aCollisionWithAnAgentsEditIsRetryable() {
        ZendeskFake.on(zendesk).stubTicketUpdate("35436", ZendeskFake.updateConflict());

        assertThatThrownBy(() -> connector.apply(connection, "35436",
                new RoutingDecision(null, null, null, List.of("vip"), null)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void aValidationErrorIsPermanentAndNamesOnlyZendesksErrorCode() {
        ZendeskFake.on(zendesk).stubTicketUpdate("35436", aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\","
                        + "\"details\":{\"assignee\":[{\"description\":"
                        + "\"Assignee anna@example.com is not in group\"}]}}"));

        assertThatThrownBy(() -> connector.apply(connection, "35436",
                new RoutingDecision("360000123", "361234567", null, List.of(), null)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("422", "RecordInvalid").doesNotContain("anna@example.com");
                });
    }

    @Test
    void refusesNamesWhereZendeskWantsIdsWithoutCallingIt() {
        assertThatThrownBy(() -> connector.apply(connection, "35436",
                new RoutingDecision("VIP support", null, null, List.of(), null)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> connector.apply(connection, "../users/1",
                new RoutingDecision("360000123", null, null, List.of(), null)))
                .isInstanceOf(RemoteSystemException.class);
        assertThatThrownBy(() -> connector.apply(connection, "35436",
                new RoutingDecision(null, null, "critical", List.of(), null)))
                .isInstanceOf(RemoteSystemException.class).hasMessageContaining("urgent");
        zendesk.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMissingTicketIsPermanent() {
        assertThatThrownBy(() -> connector.apply(connection, "99999",
                new RoutingDecision(null, null, null, List.of("vip"), null)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse());
    }
}
