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
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.testkit.AmoCrmFake;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmoOAuthClientTest {

    private static final String TOKEN_PATH = "/oauth2/access_token";
    private static final AmoOAuthClient.App APP = new AmoOAuthClient.App(
            "xxxx-xxxx-xxxx-xxxx", "client-secret-0123456789", "https://liaison.example.com/oauth/amocrm");

    private final AmoOAuthClient client = AmoFixtures.connector(new ArrayList<>()).oauthClient();
    private WireMockServer amocrm;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        amocrm = AmoFixtures.amocrm();
        connection = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.ACCESS_TOKEN, ""));
    }

    @AfterEach
    void stop() {
        amocrm.stop();
    }

    private static String tokens(String access, String refresh) {
        return "{\"token_type\":\"Bearer\",\"expires_in\":86400,\"server_time\":1763892000,\"access_token\":\""
                + access + "\",\"refresh_token\":\"" + refresh + "\"}";
    }

    @Test
    void exchangesAnAuthorizationCode() throws Exception {
        amocrm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(tokens("access-1", "refresh-1"))));

        AmoOAuthClient.Tokens tokens = client.exchange(connection, APP, "def50200code");

        assertThat(tokens).isEqualTo(new AmoOAuthClient.Tokens("access-1", "refresh-1",
                AmoFixtures.NOW.plusSeconds(86400)));
        assertThat(tokens.toString()).doesNotContain("access-1", "refresh-1");
        amocrm.verify(postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withRequestBody(equalToJson(
                "{\"client_id\":\"xxxx-xxxx-xxxx-xxxx\",\"client_secret\":\"client-secret-0123456789\","
                        + "\"grant_type\":\"authorization_code\",\"code\":\"def50200code\","
                        + "\"redirect_uri\":\"https://liaison.example.com/oauth/amocrm\"}")));
    }

    @Test
    void aRefreshReturnsTheRotatedPairAndTheOldRefreshTokenIsThenRefused() throws Exception {
        amocrm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("rotation").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.refresh_token", equalTo("refresh-1")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(tokens("access-2", "refresh-2")))
                .willSetStateTo("rotated"));
        amocrm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("rotation").whenScenarioStateIs("rotated")
                .withRequestBody(matchingJsonPath("$.refresh_token", equalTo("refresh-1")))
                .willReturn(AmoCrmFake.revoked()));

        AmoOAuthClient.Tokens rotated = client.refresh(connection, APP, "refresh-1");

        assertThat(rotated.refreshToken()).isEqualTo("refresh-2");
        assertThat(rotated.accessToken()).isEqualTo("access-2");
        amocrm.verify(postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("refresh_token"))));
        assertThatThrownBy(() -> client.refresh(connection, APP, "refresh-1"))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageStartingWith("HTTP 401 from POST /oauth2/access_token")
                            .hasMessageNotContaining("refresh-1").hasMessageNotContaining("client-secret");
                });
    }

    @Test
    void anAnswerWithoutTokensIsAFailure() {
        amocrm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"token_type\":\"Bearer\"}")));

        assertThatThrownBy(() -> client.exchange(connection, APP, "code"))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse());
    }
}
