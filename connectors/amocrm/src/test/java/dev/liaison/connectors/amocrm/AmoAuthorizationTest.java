package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.Authorizable;
import dev.liaison.connector.api.CallbackRequest;
import dev.liaison.connector.api.CallbackResponse;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SetupRefusedException;
import dev.liaison.connectors.testkit.AmoCrmFake;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connect flow: authorization URL with a single-use state, then the code exchange on amoCRM's redirect. */
class AmoAuthorizationTest {

    private static final String REDIRECT = "https://liaison.example.com/oauth/amocrm/callback";
    private static final String REFERER = "example.amocrm.ru";

    private final MemoryCredentialStore credentials = new MemoryCredentialStore();
    private final AmoCrmConnector connector = AmoFixtures.connector(new ArrayList<>(), credentials,
            Clock.fixed(AmoFixtures.NOW, ZoneOffset.UTC));
    private WireMockServer amocrm;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        amocrm = AmoFixtures.amocrm();
        amocrm.stubFor(post(urlPathEqualTo(AmoCrmFake.TOKEN_PATH)).withRequestBody(equalToJson(
                "{\"client_id\":\"xxxx-xxxx-xxxx-xxxx\",\"client_secret\":\"client-secret-0123456789\","
                        + "\"grant_type\":\"authorization_code\",\"code\":\"def50200code\","
                        + "\"redirect_uri\":\"" + REDIRECT + "\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(AmoCrmFake.tokens("access-1", "refresh-1"))));
        connection = credentials.put(AmoFixtures.connection(amocrm.baseUrl(), Map.of(
                AmoSettings.ACCESS_TOKEN, "",
                AmoSettings.CLIENT_ID, "xxxx-xxxx-xxxx-xxxx",
                AmoSettings.CLIENT_SECRET, "client-secret-0123456789",
                AmoSettings.REDIRECT_URI, REDIRECT)));
    }

    @AfterEach
    void stop() {
        amocrm.stop();
    }

    private String state() throws Exception {
        URI url = connector.authorizationUrl(connection).url();
        for (String pair : url.getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no state in " + url);
    }

    @Test
    void theAuthorizationUrlIsAmoCrmsWithAStateBoundToTheConnection() throws Exception {
        Authorizable.Authorization authorization = connector.authorizationUrl(connection);
        URI url = authorization.url();

        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath()).isEqualTo("https://www.amocrm.ru/oauth");
        assertThat(url.getRawQuery()).startsWith("client_id=xxxx-xxxx-xxxx-xxxx&state=amo-1.").endsWith("&mode=post_message");
        String state = URLDecoder.decode(url.getRawQuery().replaceAll(".*state=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        assertThat(state.substring("amo-1.".length())).hasSizeGreaterThanOrEqualTo(43);
        assertThat(authorization.validFor()).isEqualTo(Duration.ofMinutes(30));
        assertThat(connector.connectionOf(redirect("def50200code", state, REFERER))).contains("amo-1");
        assertThat(connector.connectionOf(redirect("def50200code", null, REFERER))).isEmpty();
        assertThat(credentials.settings("amo-1").get(AmoSettings.OAUTH_STATE)).as("a digest, not the state")
                .isNotBlank().doesNotContain(state.substring("amo-1.".length()));
        assertThat(AmoAuthorization.authorizePage(URI.create("https://acme.kommo.com")))
                .isEqualTo("https://www.kommo.com/oauth");
    }

    @Test
    void theRedirectExchangesTheCodeStoresTheTokensAndSpendsTheState() throws Exception {
        String state = state();

        connector.exchangeCode(connection, "def50200code", state, REFERER);

        assertThat(credentials.settings("amo-1")).containsEntry(AmoSettings.ACCESS_TOKEN, "access-1")
                .containsEntry(AmoSettings.REFRESH_TOKEN, "refresh-1")
                .containsEntry(AmoSettings.EXPIRES_AT, AmoFixtures.NOW.plusSeconds(86400).toString())
                .containsEntry(AmoSettings.OAUTH_STATE, "");
        assertThatThrownBy(() -> connector.exchangeCode(connection, "def50200code", state, REFERER))
                .isInstanceOfSatisfying(SetupRefusedException.class, e -> assertThat(e.field()).isEqualTo("state"));
        amocrm.verify(1, postRequestedFor(urlPathEqualTo(AmoCrmFake.TOKEN_PATH)));
    }

    @Test
    void theWebhookIsRegisteredWithTheTokensJustStored() throws Exception {
        amocrm.stubFor(post(urlPathEqualTo("/api/v4/webhooks")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", AmoCrmFake.HAL).withBody("{\"id\":839656,\"disabled\":false}")));
        connector.exchangeCode(connection, "def50200code", state(), REFERER);

        assertThat(connector.registrar().register(connection, URI.create("https://liaison.example.com/hooks/amo-1")))
                .isEqualTo("839656");

        amocrm.verify(postRequestedFor(urlPathEqualTo("/api/v4/webhooks"))
                .withHeader("Authorization", equalTo("Bearer access-1")));
        amocrm.verify(1, postRequestedFor(urlPathEqualTo(AmoCrmFake.TOKEN_PATH)));
    }

    @Test
    void theRedirectThroughTheSpiConnectsAndRegistersTheWebhookUrlLiaisonGives() throws Exception {
        amocrm.stubFor(post(urlPathEqualTo("/api/v4/webhooks")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", AmoCrmFake.HAL).withBody("{\"id\":839656,\"disabled\":false}")));

        CallbackResponse answer = connector.completeAuthorization(connection, redirect("def50200code", state(),
                "https://example.amocrm.ru/"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo(CallbackResponse.JSON);
        assertThat(answer.body())
                .isEqualTo("{\"status\":\"connected\",\"connectionId\":\"amo-1\",\"webhookId\":\"839656\"}");
        assertThat(credentials.settings("amo-1")).containsEntry(AmoSettings.ACCESS_TOKEN, "access-1");
        amocrm.verify(postRequestedFor(urlPathEqualTo("/api/v4/webhooks"))
                .withRequestBody(matchingJsonPath("$.destination", equalTo(
                        "https://liaison.example.com/hooks/amo-1?secret=" + AmoFixtures.SECRET))));
        assertThat(connector.redirectUri(connection)).contains(URI.create(REDIRECT));
    }

    @Test
    void aRedirectWithAForeignStateIsRefusedThroughTheSpiBeforeAnythingIsStored() throws Exception {
        String nonce = state().substring("amo-1.".length());

        assertThatThrownBy(() -> connector.completeAuthorization(connection, redirect("def50200code",
                "amo-1.forged" + nonce, REFERER))).isInstanceOfSatisfying(SetupRefusedException.class, e -> {
                    assertThat(e.field()).isEqualTo("state");
                    assertThat(e.reason()).isEqualTo(SetupRefusedException.Reason.INVALID);
                });

        amocrm.verify(0, postRequestedFor(urlPathEqualTo(AmoCrmFake.TOKEN_PATH)));
    }

    @Test
    void aForeignUnknownOrExpiredStateIsRefusedAndNothingIsExchanged() throws Exception {
        String state = state();
        String nonce = state.substring("amo-1.".length());

        assertRefused("def50200code", "amo-2." + nonce, REFERER, "state");
        assertRefused("def50200code", "amo-1.forged", REFERER, "state");
        assertRefused("def50200code", nonce, REFERER, "state");
        assertRefused("def50200code", null, REFERER, "state");
        AmoCrmConnector later = AmoFixtures.connector(new ArrayList<>(), credentials, Clock.fixed(
                AmoFixtures.NOW.plus(AmoAuthorization.STATE_LIFETIME).plus(Duration.ofSeconds(1)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.exchangeCode(connection, "def50200code", state, REFERER))
                .isInstanceOfSatisfying(SetupRefusedException.class, e -> assertThat(e.field()).isEqualTo("state"));

        amocrm.verify(0, postRequestedFor(urlPathEqualTo(AmoCrmFake.TOKEN_PATH)));
        assertThat(credentials.settings("amo-1")).doesNotContainKey(AmoSettings.REFRESH_TOKEN);
    }

    @Test
    void anotherAccountOrAMissingCodeIsRefusedWithoutSpendingTheState() throws Exception {
        String state = state();

        assertRefused("def50200code", state, "other.amocrm.ru", "referer");
        assertRefused("def50200code", state, null, "referer");
        assertRefused(" ", state, REFERER, "code");
        connector.exchangeCode(connection, "def50200code", state, "https://example.amocrm.ru/");

        assertThat(credentials.settings("amo-1")).containsEntry(AmoSettings.REFRESH_TOKEN, "refresh-1");
    }

    @Test
    void aCodeAmoCrmRefusesSpendsTheState() throws Exception {
        amocrm.stubFor(post(urlPathEqualTo(AmoCrmFake.TOKEN_PATH)).withRequestBody(
                matchingJsonPath("$.code", equalTo("expired-code"))).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"title\":\"Некорректный запрос\","
                        + "\"type\":\"https://developers.amocrm.ru/v3/errors/OAuthProblemJson\",\"status\":400,"
                        + "\"detail\":\"В запросе отсутствует ряд параметров или параметры невалидны\"}")));
        String state = state();

        assertThatThrownBy(() -> connector.exchangeCode(connection, "expired-code", state, REFERER))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse());

        assertThat(credentials.settings("amo-1")).containsEntry(AmoSettings.OAUTH_STATE, "")
                .doesNotContainKey(AmoSettings.REFRESH_TOKEN);
        assertRefused("def50200code", state, REFERER, "state");
    }

    @Test
    void aConnectionWithoutTheOAuthClientCannotBeAuthorized() {
        Map<String, String> settings = new HashMap<>(connection.settings());
        settings.remove(AmoSettings.CLIENT_SECRET);
        ConnectionContext incomplete = credentials.put(new ConnectionContext("amo-2", "default", AmoCrmConnector.KIND,
                settings));

        assertThatThrownBy(() -> connector.authorizationUrl(incomplete))
                .isInstanceOfSatisfying(SetupRefusedException.class,
                        e -> assertThat(e.field()).isEqualTo("settings.clientSecret"));
    }

    /** amoCRM's redirect as Liaison's callback endpoint hands it over. */
    private static CallbackRequest redirect(String code, String state, String referer) {
        StringBuilder query = new StringBuilder("code=" + code);
        if (state != null) {
            query.append("&state=").append(URLEncoder.encode(state, StandardCharsets.UTF_8));
        }
        query.append("&referer=").append(URLEncoder.encode(referer, StandardCharsets.UTF_8));
        return new CallbackRequest("GET", null, Map.of(), query.toString(), null,
                URI.create("https://liaison.example.com/hooks/amo-1"), URI.create(REDIRECT));
    }

    private void assertRefused(String code, String state, String referer, String field) {
        assertThatThrownBy(() -> connector.exchangeCode(connection, code, state, referer))
                .isInstanceOfSatisfying(SetupRefusedException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    if (state != null) {
                        assertThat(e).hasMessageNotContaining(state);
                    }
                });
    }
}
