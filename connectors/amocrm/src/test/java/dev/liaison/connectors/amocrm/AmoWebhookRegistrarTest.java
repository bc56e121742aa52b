package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
import dev.liaison.connectors.testkit.AmoCrmFake;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registration after connecting and removal on disconnect, against a WireMock amoCRM answering as external-apis.md
 * §2.4 documents {@code /api/v4/webhooks}: 201 with the webhook model, 204 for a removal, problem+json otherwise.
 */
class AmoWebhookRegistrarTest {

    private static final URI HOOK = URI.create("https://liaison.example.com/hooks/amo-1");
    private static final String DESTINATION = "https://liaison.example.com/hooks/amo-1?secret=" + AmoFixtures.SECRET;
    private static final String WEBHOOKS = "/api/v4/webhooks";

    private final List<Duration> sleeps = new ArrayList<>();
    private final MemoryCredentialStore credentials = new MemoryCredentialStore();
    private final AmoCrmConnector connector = AmoFixtures.connector(sleeps, credentials,
            Clock.fixed(AmoFixtures.NOW, ZoneOffset.UTC));
    private final AmoWebhookRegistrar registrar = connector.registrar();
    private WireMockServer amocrm;

    @BeforeEach
    void start() {
        amocrm = AmoFixtures.amocrm();
    }

    @AfterEach
    void stop() {
        amocrm.stop();
    }

    private ConnectionContext connection(Map<String, String> overrides) {
        return credentials.put(AmoFixtures.connection(amocrm.baseUrl(), overrides));
    }

    /** A connection whose webhook Liaison registered under {@link #HOOK}. */
    private ConnectionContext registered() {
        return connection(Map.of(AmoSettings.WEBHOOK_URL, HOOK.toString()));
    }

    private static String problem(int status, String title) {
        return "{\"title\":\"" + title + "\",\"type\":\"https://httpstatus.es/" + status + "\",\"status\":" + status
                + "}";
    }

    @Test
    void registersTheSecretUrlForContactAndLeadEventsAndStoresTheUrl() throws Exception {
        ConnectionContext connection = connection(Map.of());
        amocrm.stubFor(post(urlPathEqualTo(WEBHOOKS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", AmoCrmFake.HAL)
                .withBody("{\"id\":839656,\"destination\":\"" + DESTINATION + "\",\"created_at\":1575539157,"
                        + "\"updated_at\":1575539157,\"account_id\":7039099,\"created_by\":504141,\"sort\":1,"
                        + "\"disabled\":false,\"settings\":[\"add_contact\",\"update_contact\",\"delete_contact\","
                        + "\"restore_contact\",\"responsible_contact\",\"add_lead\",\"status_lead\",\"restore_lead\"]}")));

        assertThat(registrar.register(connection, HOOK)).isEqualTo("839656");

        amocrm.verify(postRequestedFor(urlPathEqualTo(WEBHOOKS))
                .withHeader("Authorization", equalTo("Bearer " + AmoFixtures.TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"destination\":\"" + DESTINATION + "\",\"settings\":[\"add_contact\","
                        + "\"update_contact\",\"delete_contact\",\"restore_contact\",\"responsible_contact\","
                        + "\"add_lead\",\"status_lead\",\"restore_lead\"]}")));
        assertThat(credentials.settings("amo-1")).containsEntry(AmoSettings.WEBHOOK_URL, HOOK.toString());
    }

    @Test
    void aHookUrlWithAQueryGetsTheSecretAppendedAndEncoded() throws Exception {
        ConnectionContext odd = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.WEBHOOK_SECRET, "a+b/c="));

        assertThat(AmoWebhookRegistrar.destination(odd, URI.create("https://liaison.example.com/hooks/amo-1?v=2")))
                .isEqualTo("https://liaison.example.com/hooks/amo-1?v=2&secret=a%2Bb%2Fc%3D");
    }

    @Test
    void aTokenWithoutAdminRightsFailsPermanentlyWithoutQuotingTheSecretUrl() {
        ConnectionContext connection = connection(Map.of());
        amocrm.stubFor(post(urlPathEqualTo(WEBHOOKS)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json").withBody(problem(403, "Forbidden"))));

        assertThatThrownBy(() -> registrar.register(connection, HOOK))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageContaining("HTTP 403 from POST /api/v4/webhooks")
                            .hasMessageNotContaining(AmoFixtures.SECRET);
                });
        assertThat(credentials.settings("amo-1")).as("kept, in case amoCRM registered it after all")
                .containsEntry(AmoSettings.WEBHOOK_URL, HOOK.toString());
    }

    @Test
    void disconnectingRemovesTheRegisteredDestinationAndForgetsIt() throws Exception {
        ConnectionContext connection = registered();
        amocrm.stubFor(delete(urlPathEqualTo(WEBHOOKS)).willReturn(aResponse().withStatus(204)));

        connector.disconnect(connection);

        amocrm.verify(1, deleteRequestedFor(urlPathEqualTo(WEBHOOKS))
                .withHeader("Authorization", equalTo("Bearer " + AmoFixtures.TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"destination\":\"" + DESTINATION + "\"}")));
        assertThat(credentials.settings("amo-1")).containsEntry(AmoSettings.WEBHOOK_URL, "");
    }

    @Test
    void aWebhookAmoCrmNoLongerHasCountsAsRemoved() throws Exception {
        ConnectionContext connection = registered();
        amocrm.stubFor(delete(urlPathEqualTo(WEBHOOKS)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody(problem(404, "Not Found"))));

        connector.disconnect(connection);

        assertThat(credentials.settings("amo-1")).containsEntry(AmoSettings.WEBHOOK_URL, "");
    }

    @Test
    void withoutAStoredUrlLiaisonRegisteredNothingAndCallsNothing() throws Exception {
        ConnectionContext connection = connection(Map.of());

        connector.disconnect(connection);

        amocrm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndTheRemovalSentAgain() throws Exception {
        AmoCrmFake.on(amocrm).stubRotatingRefreshTokens(1);
        ConnectionContext connection = connection(Map.of(
                AmoSettings.WEBHOOK_URL, HOOK.toString(),
                AmoSettings.CLIENT_ID, "xxxx-xxxx-xxxx-xxxx",
                AmoSettings.CLIENT_SECRET, "client-secret-0123456789",
                AmoSettings.REDIRECT_URI, "https://liaison.example.com/oauth/amocrm/callback",
                AmoSettings.ACCESS_TOKEN, "access-0",
                AmoSettings.REFRESH_TOKEN, "refresh-0",
                AmoSettings.EXPIRES_AT, AmoFixtures.NOW.plus(Duration.ofHours(2)).toString()));
        amocrm.stubFor(delete(urlPathEqualTo(WEBHOOKS)).atPriority(10).willReturn(aResponse().withStatus(401)));
        amocrm.stubFor(delete(urlPathEqualTo(WEBHOOKS)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer access-1")).willReturn(aResponse().withStatus(204)));

        connector.disconnect(connection);

        amocrm.verify(2, deleteRequestedFor(urlPathEqualTo(WEBHOOKS))
                .withRequestBody(equalToJson("{\"destination\":\"" + DESTINATION + "\"}")));
        amocrm.verify(1, postRequestedFor(urlPathEqualTo(AmoCrmFake.TOKEN_PATH)));
        assertThat(credentials.settings("amo-1")).containsEntry(AmoSettings.ACCESS_TOKEN, "access-1")
                .containsEntry(AmoSettings.REFRESH_TOKEN, "refresh-1")
                .containsEntry(AmoSettings.WEBHOOK_URL, "");
    }

    @Test
    void anUnavailableAccountFailsRetryablyWithoutQuotingTheSecretAndKeepsTheUrl() {
        ConnectionContext connection = registered();
        amocrm.stubFor(delete(urlPathEqualTo(WEBHOOKS)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> connector.disconnect(connection))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e).hasMessageContaining("HTTP 503 from DELETE")
                            .hasMessageNotContaining(AmoFixtures.SECRET);
                });
        assertThat(sleeps).as("RemoteCalls retried with backoff before giving up").hasSize(2);
        assertThat(credentials.settings("amo-1")).containsEntry(AmoSettings.WEBHOOK_URL, HOOK.toString());
    }

    @Test
    void aRefusalIsPermanentAndNamesTheCall() {
        ConnectionContext connection = registered();
        amocrm.stubFor(delete(urlPathEqualTo(WEBHOOKS)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json").withBody(problem(403, "Forbidden"))));

        assertThatThrownBy(() -> connector.disconnect(connection))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageContaining("HTTP 403 from DELETE /api/v4/webhooks")
                            .hasMessageNotContaining(AmoFixtures.SECRET);
                });
        assertThat(credentials.settings("amo-1")).containsEntry(AmoSettings.WEBHOOK_URL, HOOK.toString());
    }

    @Test
    void aNewSecretOrAnotherUrlMeansAnotherWebhookAndNothingRegisteredMeansNothingToMove() {
        ConnectionContext registered = registered();
        ConnectionContext newSecret = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.WEBHOOK_URL,
                HOOK.toString(), AmoSettings.WEBHOOK_SECRET, "hk_another_secret_0123456789"));
        ConnectionContext newToken = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.WEBHOOK_URL,
                HOOK.toString(), AmoSettings.ACCESS_TOKEN, "another-long-lived-token"));

        assertThat(connector.mustRegisterAgain(registered, newSecret, HOOK)).isTrue();
        assertThat(connector.mustRegisterAgain(registered, registered,
                URI.create("https://moved.example.com/hooks/amo-1"))).isTrue();
        assertThat(connector.mustRegisterAgain(registered, newToken, HOOK)).as("the token is not in the URL")
                .isFalse();
        assertThat(connector.mustRegisterAgain(connection(Map.of()), newSecret, HOOK)).isFalse();
        assertThat(connector.registeredUrl(registered)).contains(HOOK);
    }

    @Test
    void registeringAnewSubscribesTheEditedSecretAndLeavesStoringTheUrlToTheCaller() throws Exception {
        ConnectionContext registered = registered();
        String secret = "hk_another_secret_0123456789";
        ConnectionContext edited = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.WEBHOOK_URL,
                HOOK.toString(), AmoSettings.WEBHOOK_SECRET, secret));
        URI moved = URI.create("https://moved.example.com/hooks/amo-1");
        AmoCrmFake.on(amocrm).stubWebhookSubscription(moved + "?secret=" + secret, 839657)
                .stubWebhookRemoval(DESTINATION);

        assertThat(connector.register(edited, moved)).containsExactly(Map.entry(AmoSettings.WEBHOOK_URL,
                moved.toString()));
        connector.unregister(registered, edited);

        amocrm.verify(1, postRequestedFor(urlPathEqualTo(WEBHOOKS)));
        amocrm.verify(1, deleteRequestedFor(urlPathEqualTo(WEBHOOKS))
                .withRequestBody(equalToJson("{\"destination\":\"" + DESTINATION + "\"}")));
        assertThat(credentials.settings("amo-1")).as("stored by the caller, with the edit")
                .containsEntry(AmoSettings.WEBHOOK_URL, HOOK.toString());
    }

    @Test
    void theOldWebhookIsRemovedWithTheEditedToken() throws Exception {
        ConnectionContext registered = registered();
        ConnectionContext edited = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.WEBHOOK_URL,
                HOOK.toString(), AmoSettings.ACCESS_TOKEN, "rotated-long-lived-token"));
        AmoCrmFake.on(amocrm).stubWebhookRemoval(DESTINATION);

        connector.unregister(registered, edited);

        amocrm.verify(1, deleteRequestedFor(urlPathEqualTo(WEBHOOKS))
                .withHeader("Authorization", equalTo("Bearer rotated-long-lived-token")));
    }

    @Test
    void aRefusedNewRegistrationFailsWithoutQuotingTheSecret() {
        ConnectionContext edited = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.WEBHOOK_URL,
                HOOK.toString(), AmoSettings.WEBHOOK_SECRET, "hk_another_secret_0123456789"));
        AmoCrmFake.on(amocrm).refuseWebhooks();

        assertThatThrownBy(() -> connector.register(edited, HOOK))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e)
                        .hasMessageContaining("HTTP 403 from POST /api/v4/webhooks")
                        .hasMessageNotContaining("hk_another_secret_0123456789"));
    }
}
