package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmoWebhookRegistrarTest {

    private static final URI HOOK = URI.create("https://liaison.example.com/hooks/amo-1");
    private static final String DESTINATION = "https://liaison.example.com/hooks/amo-1?secret=" + AmoFixtures.SECRET;

    private final AmoWebhookRegistrar registrar = AmoFixtures.connector(new ArrayList<>()).registrar();
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
    void registersTheSecretUrlForContactAndLeadEvents() throws Exception {
        amocrm.stubFor(post(urlPathEqualTo("/api/v4/webhooks")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", AmoFixtures.HAL)
                .withBody("{\"id\":839656,\"destination\":\"" + DESTINATION + "\",\"created_at\":1575539157,"
                        + "\"updated_at\":1575539157,\"account_id\":7039099,\"created_by\":504141,\"sort\":1,"
                        + "\"disabled\":false,\"settings\":[\"add_contact\",\"update_contact\",\"delete_contact\","
                        + "\"restore_contact\",\"responsible_contact\",\"add_lead\",\"status_lead\",\"restore_lead\"]}")));

        assertThat(registrar.register(connection, HOOK)).isEqualTo("839656");

        amocrm.verify(postRequestedFor(urlPathEqualTo("/api/v4/webhooks"))
                .withHeader("Authorization", equalTo("Bearer " + AmoFixtures.TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"destination\":\"" + DESTINATION + "\",\"settings\":[\"add_contact\","
                        + "\"update_contact\",\"delete_contact\",\"restore_contact\",\"responsible_contact\","
                        + "\"add_lead\",\"status_lead\",\"restore_lead\"]}")));
    }

    @Test
    void unregistersTheSameDestination() throws Exception {
        amocrm.stubFor(delete(urlPathEqualTo("/api/v4/webhooks")).willReturn(aResponse().withStatus(204)));

        registrar.unregister(connection, HOOK);

        amocrm.verify(deleteRequestedFor(urlPathEqualTo("/api/v4/webhooks"))
                .withRequestBody(equalToJson("{\"destination\":\"" + DESTINATION + "\"}")));
    }

    @Test
    void aHookUrlWithAQueryGetsTheSecretAppendedAndEncoded() throws Exception {
        ConnectionContext odd = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.WEBHOOK_SECRET, "a+b/c="));

        assertThat(AmoWebhookRegistrar.destination(odd, URI.create("https://liaison.example.com/hooks/amo-1?v=2")))
                .isEqualTo("https://liaison.example.com/hooks/amo-1?v=2&secret=a%2Bb%2Fc%3D");
    }

    @Test
    void aTokenWithoutAdminRightsFailsPermanentlyWithoutQuotingTheSecretUrl() {
        amocrm.stubFor(post(urlPathEqualTo("/api/v4/webhooks")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Forbidden\",\"type\":\"https://httpstatus.es/403\",\"status\":403}")));

        assertThatThrownBy(() -> registrar.register(connection, HOOK))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageContaining("HTTP 403 from POST /api/v4/webhooks")
                            .hasMessageNotContaining(AmoFixtures.SECRET);
                });
    }
}
