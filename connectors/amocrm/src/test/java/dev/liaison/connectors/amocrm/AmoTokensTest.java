package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.CredentialStore.Rotated;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.testkit.AmoCrmFake;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OAuth token lifecycle against a fake token endpoint that rotates refresh tokens as amoCRM does. */
class AmoTokensTest {

    private static final String CONTACT = "/api/v4/contacts/403181";
    private static final String CLIENT_SECRET = "client-secret-0123456789";

    private final MemoryCredentialStore credentials = new MemoryCredentialStore();
    private final AmoCrmConnector connector = AmoFixtures.connector(new ArrayList<>(), credentials,
            Clock.fixed(AmoFixtures.NOW, ZoneOffset.UTC));
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private WireMockServer amocrm;

    @BeforeEach
    void start() {
        amocrm = AmoFixtures.amocrm();
        AmoCrmFake.on(amocrm).stubRotatingRefreshTokens(3);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        amocrm.stop();
    }

    /** An OAuth connection holding access-0/refresh-0 that expire {@code expiresIn} from now, stored as it is. */
    private ConnectionContext oauth(Duration expiresIn) {
        return credentials.put(AmoFixtures.connection(amocrm.baseUrl(), Map.of(
                AmoSettings.CLIENT_ID, "xxxx-xxxx-xxxx-xxxx",
                AmoSettings.CLIENT_SECRET, CLIENT_SECRET,
                AmoSettings.REDIRECT_URI, "https://liaison.example.com/oauth/amocrm/callback",
                AmoSettings.ACCESS_TOKEN, "access-0",
                AmoSettings.REFRESH_TOKEN, "refresh-0",
                AmoSettings.EXPIRES_AT, AmoFixtures.NOW.plus(expiresIn).toString())));
    }

    private void contactAnswersTo(String token) {
        amocrm.stubFor(get(urlPathEqualTo(CONTACT)).atPriority(10).willReturn(aResponse().withStatus(401)));
        amocrm.stubFor(get(urlPathEqualTo(CONTACT)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(AmoCrmFake.hal(AmoCrmFake.CONTACT_403181)));
    }

    private List<CanonicalEvent> readContact(ConnectionContext connection) throws Exception {
        return connector.parse(connection, AmoFixtures.delivery(AmoCrmFake.CONTACT_UPDATE));
    }

    private int refreshes() {
        return amocrm.findAll(postRequestedFor(urlPathEqualTo(AmoCrmFake.TOKEN_PATH))).size();
    }

    @Test
    void aTokenExpiringWithinTheMarginIsRefreshedFirstAndThePairStored() throws Exception {
        ConnectionContext connection = oauth(Duration.ofMinutes(5));
        contactAnswersTo("access-1");

        assertThat(readContact(connection)).singleElement().isInstanceOf(ContactUpserted.class);

        amocrm.verify(1, postRequestedFor(urlPathEqualTo(AmoCrmFake.TOKEN_PATH)).withRequestBody(equalToJson(
                "{\"client_id\":\"xxxx-xxxx-xxxx-xxxx\",\"client_secret\":\"" + CLIENT_SECRET + "\","
                        + "\"grant_type\":\"refresh_token\",\"refresh_token\":\"refresh-0\","
                        + "\"redirect_uri\":\"https://liaison.example.com/oauth/amocrm/callback\"}")));
        assertThat(credentials.settings(connection.id())).containsEntry(AmoSettings.ACCESS_TOKEN, "access-1")
                .containsEntry(AmoSettings.REFRESH_TOKEN, "refresh-1")
                .containsEntry(AmoSettings.EXPIRES_AT, AmoFixtures.NOW.plusSeconds(86400).toString());
    }

    @Test
    void aFreshTokenIsUsedAsItIs() throws Exception {
        ConnectionContext connection = oauth(Duration.ofHours(2));
        contactAnswersTo("access-0");

        readContact(connection);

        assertThat(refreshes()).isZero();
    }

    @Test
    void a401RefreshesOnceAndTheCallIsRepeatedWithTheNewToken() throws Exception {
        ConnectionContext connection = oauth(Duration.ofHours(2));
        contactAnswersTo("access-1");

        assertThat(readContact(connection)).singleElement().isInstanceOf(ContactUpserted.class);

        assertThat(refreshes()).isEqualTo(1);
        amocrm.verify(1, getRequestedFor(urlPathEqualTo(CONTACT)).withHeader("Authorization", equalTo("Bearer access-0")));
        amocrm.verify(1, getRequestedFor(urlPathEqualTo(CONTACT)).withHeader("Authorization", equalTo("Bearer access-1")));
        assertThat(credentials.settings(connection.id())).containsEntry(AmoSettings.REFRESH_TOKEN, "refresh-1");
    }

    @Test
    void aTokenRejectedRightAfterItsRefreshIsNotRefreshedAgain() {
        ConnectionContext connection = oauth(Duration.ofHours(2));
        contactAnswersTo("never-valid");

        assertThatThrownBy(() -> readContact(connection)).isInstanceOfSatisfying(RemoteSystemException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e).hasMessageContaining("HTTP 401").hasMessageNotContaining("access-");
        });
        assertThat(refreshes()).isEqualTo(1);
    }

    /** Another node refreshed after this caller read the connection: its 401 is answered from the store. */
    @Test
    void a401OnAStaleTokenUsesTheTokenAnotherNodeStoredWithoutRefreshing() throws Exception {
        ConnectionContext stale = oauth(Duration.ofHours(2));
        credentials.rotate(stale.id(), current -> new Rotated<>(Map.of(
                AmoSettings.ACCESS_TOKEN, "access-1", AmoSettings.REFRESH_TOKEN, "refresh-1",
                AmoSettings.EXPIRES_AT, AmoFixtures.NOW.plus(Duration.ofDays(1)).toString()), null));
        contactAnswersTo("access-1");

        assertThat(readContact(stale)).singleElement().isInstanceOf(ContactUpserted.class);

        assertThat(refreshes()).isZero();
    }

    @Test
    void aLongLivedTokenIsNeverRefreshed() {
        ConnectionContext longLived = credentials.put(AmoFixtures.connection(amocrm.baseUrl(), Map.of()));
        contactAnswersTo("some-other-token");

        assertThatThrownBy(() -> readContact(longLived)).isInstanceOfSatisfying(RemoteSystemException.class,
                e -> assertThat(e.retryable()).isFalse());

        assertThat(refreshes()).isZero();
        amocrm.verify(1, getRequestedFor(urlPathEqualTo(CONTACT)));
    }

    @Test
    void theFakeRefusesAUsedRefreshTokenAsAmoCrmDoes() throws Exception {
        ConnectionContext connection = oauth(Duration.ofMinutes(1));
        AmoOAuthClient.App app = AmoTokens.app(connection);

        assertThat(connector.oauthClient().refresh(connection, app, "refresh-0").refreshToken()).isEqualTo("refresh-1");
        assertThatThrownBy(() -> connector.oauthClient().refresh(connection, app, "refresh-0"))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageStartingWith("HTTP 401 from POST /oauth2/access_token");
                });
        assertThat(connector.oauthClient().refresh(connection, app, "refresh-1").refreshToken()).isEqualTo("refresh-2");
    }

    /** A refresh token spent elsewhere (or revoked by the admin) leaves the connection to be authorized again. */
    @Test
    void aRefusedRefreshChangesNothingAndSaysToAuthorizeAgain() {
        ConnectionContext connection = credentials.put(new ConnectionContext("amo-1", "default", AmoCrmConnector.KIND,
                withSetting(oauth(Duration.ofMinutes(1)), AmoSettings.REFRESH_TOKEN, "refresh-spent")));
        contactAnswersTo("access-1");

        assertThatThrownBy(() -> readContact(connection)).isInstanceOfSatisfying(RemoteSystemException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e).hasMessageContaining("authorized again").hasMessageNotContaining("refresh-spent")
                    .hasMessageNotContaining(CLIENT_SECRET);
        });
        assertThat(credentials.settings(connection.id())).containsEntry(AmoSettings.REFRESH_TOKEN, "refresh-spent")
                .containsEntry(AmoSettings.ACCESS_TOKEN, "access-0");
        amocrm.verify(0, getRequestedFor(urlPathEqualTo(CONTACT)));
    }

    /**
     * Two callers find the token expiring at the same moment. The refresh endpoint is called once, with refresh-0;
     * the second caller waits for the first one's rotation and uses the token it stored.
     */
    @Test
    void concurrentRefreshesSpendTheRefreshTokenOnce() throws Exception {
        ConnectionContext connection = oauth(Duration.ofMinutes(5));
        contactAnswersTo("access-1");
        CyclicBarrier together = new CyclicBarrier(2);

        List<Future<List<CanonicalEvent>>> callers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            callers.add(threads.submit(() -> {
                together.await(5, TimeUnit.SECONDS);
                return readContact(connection);
            }));
        }
        for (Future<List<CanonicalEvent>> caller : callers) {
            assertThat(caller.get(20, TimeUnit.SECONDS)).singleElement().isInstanceOf(ContactUpserted.class);
        }

        amocrm.verify(1, postRequestedFor(urlPathEqualTo(AmoCrmFake.TOKEN_PATH)));
        amocrm.verify(1, postRequestedFor(urlPathEqualTo(AmoCrmFake.TOKEN_PATH))
                .withRequestBody(matchingJsonPath("$.refresh_token", equalTo("refresh-0"))));
        amocrm.verify(2, getRequestedFor(urlPathEqualTo(CONTACT)).withHeader("Authorization", equalTo("Bearer access-1")));
        assertThat(credentials.settings(connection.id())).containsEntry(AmoSettings.REFRESH_TOKEN, "refresh-1");
    }

    private static Map<String, String> withSetting(ConnectionContext connection, String name, String value) {
        Map<String, String> settings = new HashMap<>(connection.settings());
        settings.put(name, value);
        return settings;
    }
}
