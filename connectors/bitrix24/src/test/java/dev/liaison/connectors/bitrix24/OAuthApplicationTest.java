package dev.liaison.connectors.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.CONTACT_UPDATE;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.MEMBER_ID;
import static dev.liaison.connectors.bitrix24.Bitrix24Fixtures.delivery;
import static dev.liaison.connectors.testkit.Bitrix24Fake.CONTACT_89;
import static dev.liaison.connectors.testkit.Bitrix24Fake.error;
import static dev.liaison.connectors.testkit.Bitrix24Fake.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.liaison.connector.api.CallbackRequest;
import dev.liaison.connector.api.CallbackResponse;
import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SetupRefusedException;
import dev.liaison.connector.api.WebhookRejectedException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local-application mode end to end against a fake OAuth server ({@code /oauth/token/}, answers shaped as
 * b24restdocs settings/oauth/index.md and auto-renewal.md: every refresh token works once and is then refused with
 * {@code invalid_grant}) and a fake portal that refuses a retired access token with 401 {@code expired_token}.
 */
class OAuthApplicationTest {

    private static final String ID = "b24-app";
    private static final String CLIENT_ID = "local.66b1a5e2c0f3d4.12345678";
    private static final String CLIENT_SECRET = "Vq3XrT0bL9pW2mN7sK4yE8uH1cZ6aJ5dF0gR3tY7";
    private static final String APP_TOKEN = "51856fefc120afa4b628cc82d3935cce";
    private static final String DOMAIN = "example.bitrix24.ru";
    private static final URI EVENTS = URI.create("https://liaison.example.com/hooks/" + ID);
    private static final URI APP = URI.create("https://liaison.example.com/install/bitrix24/" + ID);
    /**
     * event.bind of a binding the portal has: no documented error code (event-bind.md lists only
     * ERROR_EVENT_NOT_FOUND); this is the answer integrations report meeting.
     */
    private static final String ALREADY_BOUND = "{\"error\":\"ERROR_CORE\",\"error_description\":"
            + "\"Handler already binded\"}";

    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final Bitrix24Connector connector = new Bitrix24Connector(Bitrix24Fixtures.remoteCalls(new ArrayList<>()),
            credentials, Bitrix24Fixtures.NOTHING_HELD, Clock.systemUTC());
    private WireMockServer oauth;
    private WireMockServer portal;

    @BeforeEach
    void start() {
        oauth = Bitrix24Fixtures.portal();
        portal = Bitrix24Fixtures.portal();
        portal.stubFor(post(urlPathEqualTo("/rest/event.get")).willReturn(ok("[{\"event\":\"ONCRMLEADADD\","
                + "\"handler\":\"" + EVENTS.toString().replace("/", "\\/") + "\",\"auth_type\":\"0\",\"offline\":0}]")));
        portal.stubFor(post(urlPathEqualTo("/rest/event.bind")).willReturn(ok("true")));
    }

    @AfterEach
    void stop() {
        oauth.stop();
        portal.stop();
    }

    @Test
    void onAppInstallTradesTheRefreshTokenStoresTheTokensAndBindsTheCrmEvents() throws Exception {
        ConnectionContext connection = created();
        grants("R0", "A1", "R1", MEMBER_ID);

        AppRequestResult result = connector.handleAppRequest(connection, onAppInstall("R0", MEMBER_ID), "", EVENTS,
                APP);

        assertThat(result.action()).isEqualTo(AppRequestResult.Action.INSTALLED);
        Map<String, String> stored = credentials.settings(ID);
        assertThat(stored).containsEntry(Bitrix24Settings.ACCESS_TOKEN, "A1")
                .containsEntry(Bitrix24Settings.REFRESH_TOKEN, "R1")
                .containsEntry(Bitrix24Settings.APPLICATION_TOKEN, APP_TOKEN)
                .containsEntry(Bitrix24Settings.MEMBER_ID, MEMBER_ID)
                .containsEntry(Bitrix24Settings.DOMAIN, DOMAIN)
                .containsEntry(Bitrix24Settings.CLIENT_ENDPOINT, portal.baseUrl() + "/rest/");
        assertThat(Instant.parse(stored.get(Bitrix24Settings.EXPIRES_AT))).isAfter(Instant.now().plusSeconds(3500));
        // ONCRMLEADADD was bound already; the 12 other CRM events, ONAPPUNINSTALL and ONAPPUPDATE are bound now.
        assertThat(result.boundEvents()).hasSize(14).contains("ONCRMCONTACTUPDATE", "ONCRMDEALMOVETOCATEGORY",
                "ONCRMCOMPANYDELETE", "ONAPPUNINSTALL", "ONAPPUPDATE").doesNotContain("ONCRMLEADADD");
        portal.verify(14, postRequestedFor(urlPathEqualTo("/rest/event.bind"))
                .withRequestBody(matchingJsonPath("$.auth", equalTo("A1"))));
        portal.verify(postRequestedFor(urlPathEqualTo("/rest/event.bind"))
                .withRequestBody(matchingJsonPath("$.event", equalTo("ONCRMCONTACTUPDATE")))
                .withRequestBody(matchingJsonPath("$.handler", equalTo(EVENTS.toString()))));
        portal.verify(postRequestedFor(urlPathEqualTo("/rest/event.bind"))
                .withRequestBody(matchingJsonPath("$.event", equalTo("ONAPPUNINSTALL")))
                .withRequestBody(matchingJsonPath("$.handler", equalTo(APP.toString()))));
        portal.verify(postRequestedFor(urlPathEqualTo("/rest/event.bind"))
                .withRequestBody(matchingJsonPath("$.event", equalTo("ONAPPUPDATE")))
                .withRequestBody(matchingJsonPath("$.handler", equalTo(APP.toString()))));
        assertThat(portal.getAllServeEvents()).noneMatch(event -> event.getRequest().getUrl().contains(CLIENT_SECRET)
                || event.getRequest().getBodyAsString().contains(CLIENT_SECRET));

        connector.verify(installed(), delivery(event(APP_TOKEN)));
    }

    @Test
    void anOAuthRedirectCodeIsExchangedForTheTokens() throws Exception {
        ConnectionContext connection = created();
        oauth.stubFor(get(urlPathEqualTo("/oauth/token/")).withQueryParam("grant_type", equalTo("authorization_code"))
                .withQueryParam("client_id", equalTo(CLIENT_ID)).withQueryParam("client_secret", equalTo(CLIENT_SECRET))
                .withQueryParam("code", equalTo("c0de")).willReturn(grant("A1", "R1", MEMBER_ID)));

        AppRequestResult result = connector.handleAppRequest(connection, "", "code=c0de&state=s&domain=" + DOMAIN
                + "&member_id=" + MEMBER_ID + "&scope=crm&server_domain=oauth.bitrix.info", EVENTS, APP);

        assertThat(result.boundEvents()).hasSize(14);
        assertThat(credentials.settings(ID)).containsEntry(Bitrix24Settings.REFRESH_TOKEN, "R1")
                .doesNotContainKey(Bitrix24Settings.APPLICATION_TOKEN);
    }

    @Test
    void anInstallFromAnotherPortalIsRefusedWithoutAskingTheOAuthServer() throws Exception {
        ConnectionContext connection = created();
        grants("R0", "A1", "R1", MEMBER_ID);
        connector.handleAppRequest(connection, onAppInstall("R0", MEMBER_ID), "", EVENTS, APP);
        Map<String, String> before = credentials.settings(ID);

        assertThatThrownBy(() -> connector.handleAppRequest(connection, onAppInstall("X0", "0123456789abcdef"), "",
                EVENTS, APP)).isInstanceOfSatisfying(SetupRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SetupRefusedException.Reason.CONFLICT);
                    assertThat(e.field()).isEqualTo("auth[member_id]");
                });
        assertThat(credentials.settings(ID)).isEqualTo(before);
        oauth.verify(0, getRequestedFor(urlPathEqualTo("/oauth/token/"))
                .withQueryParam("refresh_token", equalTo("X0")));
    }

    @Test
    void tokensTheOAuthServerIssuedForAnotherPortalAreNotStored() throws Exception {
        ConnectionContext connection = created();
        grants("R0", "A1", "R1", "ffffffffffffffffffffffffffffffff");

        assertThatThrownBy(() -> connector.handleAppRequest(connection, onAppInstall("R0", MEMBER_ID), "", EVENTS,
                APP)).isInstanceOfSatisfying(SetupRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SetupRefusedException.Reason.UNAUTHORIZED);
                    assertThat(e.field()).isEqualTo("auth[member_id]");
                });
        assertThat(credentials.stored()).isEmpty();
        portal.verify(0, postRequestedFor(urlPathEqualTo("/rest/event.bind")));
    }

    @Test
    void aMalformedInstallNamesTheMissingField() {
        ConnectionContext connection = created();

        assertThatThrownBy(() -> connector.handleAppRequest(connection, "event=ONAPPINSTALL&auth%5Bmember_id%5D="
                + MEMBER_ID, "", EVENTS, APP)).isInstanceOfSatisfying(SetupRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SetupRefusedException.Reason.INVALID);
                    assertThat(e.field()).isEqualTo("auth[refresh_token]");
                });
        assertThatThrownBy(() -> connector.handleAppRequest(connection, "event=ONCRMCONTACTADD", "", EVENTS, APP))
                .isInstanceOfSatisfying(SetupRefusedException.class, e -> assertThat(e.field()).isEqualTo("event"));
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheCallRepeated() throws Exception {
        ConnectionContext stale = installed();
        grants("R1", "A2", "R2", MEMBER_ID);
        stubContact("A1", error(401, "{\"error\":\"expired_token\",\"error_description\":\"The access token provided "
                + "has expired.\"}"));
        stubContact("A2", ok(CONTACT_89));

        List<CanonicalEvent> events = connector.parse(stale, delivery(CONTACT_UPDATE));

        assertThat(events).singleElement().isInstanceOf(ContactUpserted.class);
        oauth.verify(1, getRequestedFor(urlPathEqualTo("/oauth/token/")));
        portal.verify(2, postRequestedFor(urlPathEqualTo("/rest/crm.contact.get")));
        assertThat(credentials.settings(ID)).containsEntry(Bitrix24Settings.ACCESS_TOKEN, "A2")
                .containsEntry(Bitrix24Settings.REFRESH_TOKEN, "R2");

        // A reader still holding the old settings meets expired_token again: it takes the stored token and leaves
        // the retired refresh token alone.
        assertThat(connector.parse(stale, delivery(CONTACT_UPDATE))).hasSize(1);
        oauth.verify(1, getRequestedFor(urlPathEqualTo("/oauth/token/")));
    }

    @Test
    void everyRefreshRotatesTheRefreshTokenAndNoneIsSentTwice() throws Exception {
        ConnectionContext aboutToExpire = installed(Map.of(Bitrix24Settings.EXPIRES_AT,
                Instant.now().plusSeconds(60).toString()));
        grants("R1", "A2", "R2", MEMBER_ID);
        grants("R2", "A3", "R3", MEMBER_ID);
        stubContact("A2", ok(CONTACT_89));

        connector.parse(aboutToExpire, delivery(CONTACT_UPDATE));

        portal.verify(0, postRequestedFor(urlPathEqualTo("/rest/crm.contact.get"))
                .withRequestBody(matchingJsonPath("$.auth", equalTo("A1"))));
        stubContact("A2", error(401, "{\"error\":\"expired_token\",\"error_description\":\"\"}"));
        stubContact("A3", ok(CONTACT_89));

        connector.parse(current(), delivery(CONTACT_UPDATE));

        oauth.verify(1, getRequestedFor(urlPathEqualTo("/oauth/token/")).withQueryParam("refresh_token", equalTo("R1")));
        oauth.verify(1, getRequestedFor(urlPathEqualTo("/oauth/token/")).withQueryParam("refresh_token", equalTo("R2")));
        assertThat(credentials.stored()).extracting(changed -> changed.get(Bitrix24Settings.REFRESH_TOKEN))
                .containsExactly("R2", "R3");
    }

    @Test
    void concurrentCallsThatMeetAnExpiredTokenRefreshItOnce() throws Exception {
        ConnectionContext stale = installed();
        grants("R1", "A2", "R2", MEMBER_ID);
        stubContact("A1", error(401, "{\"error\":\"expired_token\",\"error_description\":\"\"}"));
        stubContact("A2", ok(CONTACT_89));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<CanonicalEvent>>> results = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                Callable<List<CanonicalEvent>> call = () -> connector.parse(stale, delivery(CONTACT_UPDATE));
                results.add(threads.submit(call));
            }
            for (Future<List<CanonicalEvent>> result : results) {
                assertThat(result.get()).hasSize(1);
            }
        } finally {
            threads.shutdownNow();
        }
        oauth.verify(1, getRequestedFor(urlPathEqualTo("/oauth/token/")));
    }

    @Test
    void aRefusedRefreshFailsPermanentlyWithoutStoringAnything() throws Exception {
        ConnectionContext stale = installed();
        oauth.stubFor(get(urlPathEqualTo("/oauth/token/")).willReturn(error(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid grant\"}")));
        stubContact("A1", error(401, "{\"error\":\"expired_token\",\"error_description\":\"\"}"));
        int before = credentials.stored().size();

        assertThatThrownBy(() -> connector.parse(stale, delivery(CONTACT_UPDATE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("invalid_grant").doesNotContain("R1", CLIENT_SECRET);
                });
        assertThat(credentials.stored()).hasSize(before);
    }

    @Test
    void onAppUninstallWithTheStoredTokenDisablesTheConnection() throws Exception {
        installed();

        AppRequestResult result = connector.handleAppRequest(current(), uninstall(APP_TOKEN), "", EVENTS, APP);

        assertThat(result.action()).isEqualTo(AppRequestResult.Action.UNINSTALLED);
        ConnectionContext after = current();
        assertThat(after.setting(Bitrix24Settings.UNINSTALLED_AT)).isPresent();
        assertThat(after.setting(Bitrix24Settings.REFRESH_TOKEN)).isEmpty();
        assertThatThrownBy(() -> connector.verify(after, delivery(event(APP_TOKEN))))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("uninstalled");
        assertThatThrownBy(() -> connector.parse(after, delivery(CONTACT_UPDATE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse());
        portal.verify(0, postRequestedFor(urlPathEqualTo("/rest/crm.contact.get")));
    }

    @Test
    void throughTheSpiTheHandlerAnswersWithTheEventsBoundAndBindsToTheUrlsLiaisonGives() throws Exception {
        ConnectionContext connection = created();
        grants("R0", "A1", "R1", MEMBER_ID);

        CallbackResponse answer = connector.receive(connection, new CallbackRequest("POST",
                "application/x-www-form-urlencoded", Map.of(), "", onAppInstall("R0", MEMBER_ID)
                .getBytes(StandardCharsets.UTF_8), EVENTS, APP));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo(CallbackResponse.JSON);
        assertThat(answer.body()).startsWith("{\"boundEvents\":[\"").contains("\"ONAPPUNINSTALL\"")
                .endsWith("],\"memberId\":\"" + MEMBER_ID + "\",\"status\":\"INSTALLED\"}");
        portal.verify(postRequestedFor(urlPathEqualTo("/rest/event.bind"))
                .withRequestBody(matchingJsonPath("$.event", equalTo("ONAPPUPDATE")))
                .withRequestBody(matchingJsonPath("$.handler", equalTo(APP.toString()))));
        assertThatThrownBy(() -> connector.receive(current(), new CallbackRequest("POST", null, Map.of(), "",
                uninstall("51856fefc120afa4b628cc82d3935ccX").getBytes(StandardCharsets.UTF_8), EVENTS, APP)))
                .isInstanceOfSatisfying(SetupRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(SetupRefusedException.Reason.UNAUTHORIZED));
    }

    @Test
    void onAppUninstallWithAnotherTokenIsRefusedAndChangesNothing() throws Exception {
        installed();
        Map<String, String> before = credentials.settings(ID);

        assertThatThrownBy(() -> connector.handleAppRequest(current(), uninstall("51856fefc120afa4b628cc82d3935ccX"),
                "", EVENTS, APP)).isInstanceOfSatisfying(SetupRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SetupRefusedException.Reason.UNAUTHORIZED);
                    assertThat(e.field()).isEqualTo("auth[application_token]");
                });
        assertThat(credentials.settings(ID)).isEqualTo(before);
    }

    /**
     * A new version of the application has lost its bindings (event-bind.md), so all of them are made again; one
     * that another request made meanwhile is answered "Handler already binded", which is no failure.
     */
    @Test
    void onAppUpdateWithTheStoredTokenBindsTheEventsAgain() throws Exception {
        installed();
        Map<String, String> before = credentials.settings(ID);
        portal.stubFor(post(urlPathEqualTo("/rest/event.get")).willReturn(ok("[]")));
        portal.stubFor(post(urlPathEqualTo("/rest/event.bind")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.event", equalTo("ONCRMDEALUPDATE")))
                .willReturn(error(400, ALREADY_BOUND)));

        AppRequestResult result = connector.handleAppRequest(current(), onAppUpdate(APP_TOKEN, MEMBER_ID, DOMAIN),
                "", EVENTS, APP);

        assertThat(result.action()).isEqualTo(AppRequestResult.Action.UPDATED);
        assertThat(result.memberId()).isEqualTo(MEMBER_ID);
        assertThat(result.boundEvents()).hasSize(14).contains("ONCRMLEADADD", "ONAPPUNINSTALL", "ONAPPUPDATE")
                .doesNotContain("ONCRMDEALUPDATE");
        portal.verify(15, postRequestedFor(urlPathEqualTo("/rest/event.bind"))
                .withRequestBody(matchingJsonPath("$.auth", equalTo("A1"))));
        portal.verify(postRequestedFor(urlPathEqualTo("/rest/event.bind"))
                .withRequestBody(matchingJsonPath("$.event", equalTo("ONCRMCONTACTADD")))
                .withRequestBody(matchingJsonPath("$.handler", equalTo(EVENTS.toString()))));
        assertThat(credentials.settings(ID)).isEqualTo(before);
        oauth.verify(0, getRequestedFor(urlPathEqualTo("/oauth/token/")));
    }

    @Test
    void onAppUpdateIsTrustedOnlyWithTheStoredTokenFromTheInstalledPortal() throws Exception {
        installed();

        assertRefused(onAppUpdate("51856fefc120afa4b628cc82d3935ccX", MEMBER_ID, DOMAIN),
                SetupRefusedException.Reason.UNAUTHORIZED, "auth[application_token]");
        assertRefused(onAppUpdate(APP_TOKEN, "0123456789abcdef0123456789abcdef", DOMAIN),
                SetupRefusedException.Reason.UNAUTHORIZED, "auth[member_id]");
        assertRefused(onAppUpdate(APP_TOKEN, MEMBER_ID, "attacker.bitrix24.ru"),
                SetupRefusedException.Reason.UNAUTHORIZED, "auth[domain]");
        assertRefused(onAppUpdate("", MEMBER_ID, DOMAIN), SetupRefusedException.Reason.UNAUTHORIZED,
                "auth[application_token]");
        portal.verify(0, postRequestedFor(urlPathEqualTo("/rest/event.get")));
        portal.verify(0, postRequestedFor(urlPathEqualTo("/rest/event.bind")));
    }

    @Test
    void onAppUpdateOfAnUninstalledApplicationBindsNothing() throws Exception {
        installed();
        connector.handleAppRequest(current(), uninstall(APP_TOKEN), "", EVENTS, APP);

        assertRefused(onAppUpdate(APP_TOKEN, MEMBER_ID, DOMAIN), SetupRefusedException.Reason.CONFLICT,
                Bitrix24Settings.UNINSTALLED_AT);
        portal.verify(0, postRequestedFor(urlPathEqualTo("/rest/event.bind")));
    }

    @Test
    void aBindingThePortalRefusesFailsTheUpdate() throws Exception {
        installed();
        portal.stubFor(post(urlPathEqualTo("/rest/event.bind")).willReturn(error(403,
                "{\"error\":\"insufficient_scope\",\"error_description\":\"\"}")));

        assertThatThrownBy(() -> connector.handleAppRequest(current(), onAppUpdate(APP_TOKEN, MEMBER_ID, DOMAIN), "",
                EVENTS, APP)).isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageContaining("insufficient_scope").hasMessageNotContaining("A1");
                });
    }

    private void assertRefused(String body, SetupRefusedException.Reason reason, String field) {
        assertThatThrownBy(() -> connector.handleAppRequest(current(), body, "", EVENTS, APP))
                .isInstanceOfSatisfying(SetupRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.field()).isEqualTo(field);
                });
    }

    /** A connection as the admin creates it: the application's id and secret, the OAuth server of the test. */
    private ConnectionContext created() {
        Map<String, String> settings = Map.of(Bitrix24Settings.CLIENT_ID, CLIENT_ID,
                Bitrix24Settings.CLIENT_SECRET, CLIENT_SECRET, Bitrix24Settings.OAUTH_SERVER_URL, oauth.baseUrl(),
                Bitrix24Settings.RATE_PER_SECOND, "1000", Bitrix24Settings.BURST, "1000");
        credentials.put(ID, settings);
        return current();
    }

    /** A connection installed with access token A1 (valid for most of an hour) and refresh token R1. */
    private ConnectionContext installed(Map<String, String> overrides) {
        created();
        Map<String, String> settings = new HashMap<>(credentials.settings(ID));
        settings.putAll(Map.of(Bitrix24Settings.ACCESS_TOKEN, "A1", Bitrix24Settings.REFRESH_TOKEN, "R1",
                Bitrix24Settings.EXPIRES_AT, Instant.now().plusSeconds(3000).toString(),
                Bitrix24Settings.CLIENT_ENDPOINT, portal.baseUrl() + "/rest/", Bitrix24Settings.MEMBER_ID, MEMBER_ID,
                Bitrix24Settings.DOMAIN, DOMAIN, Bitrix24Settings.APPLICATION_TOKEN, APP_TOKEN));
        settings.putAll(overrides);
        credentials.put(ID, settings);
        return current();
    }

    private ConnectionContext installed() {
        return installed(Map.of());
    }

    private ConnectionContext current() {
        return new ConnectionContext(ID, "default", Bitrix24Connector.KIND, credentials.settings(ID));
    }

    /** The fake OAuth server trades {@code refresh} once; afterwards it is retired. */
    private void grants(String refresh, String newAccess, String newRefresh, String memberId) {
        String scenario = "refresh token " + refresh;
        oauth.stubFor(get(urlPathEqualTo("/oauth/token/")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("retired")
                .withQueryParam("grant_type", equalTo("refresh_token"))
                .withQueryParam("client_id", equalTo(CLIENT_ID)).withQueryParam("client_secret", equalTo(CLIENT_SECRET))
                .withQueryParam("refresh_token", equalTo(refresh)).willReturn(grant(newAccess, newRefresh, memberId)));
        oauth.stubFor(get(urlPathEqualTo("/oauth/token/")).inScenario(scenario).whenScenarioStateIs("retired")
                .withQueryParam("refresh_token", equalTo(refresh))
                .willReturn(error(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid grant\"}")));
    }

    private ResponseDefinitionBuilder grant(String access, String refresh, String memberId) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + access + "\",\"client_endpoint\":\"" + portal.baseUrl() + "/rest/\","
                        + "\"domain\":\"oauth.bitrix.info\",\"expires_in\":3600,\"member_id\":\"" + memberId + "\","
                        + "\"refresh_token\":\"" + refresh + "\",\"scope\":\"crm\",\"server_endpoint\":\""
                        + "https://oauth.bitrix.info/rest/\",\"status\":\"L\",\"expires\":"
                        + (Instant.now().getEpochSecond() + 3600) + ",\"user_id\":1}");
    }

    private void stubContact(String accessToken, ResponseDefinitionBuilder answer) {
        portal.stubFor(post(urlPathEqualTo("/rest/crm.contact.get"))
                .withRequestBody(matchingJsonPath("$.auth", equalTo(accessToken)))
                .withRequestBody(matchingJsonPath("$.id", equalTo("89"))).willReturn(answer));
    }

    /** ONAPPINSTALL as b24restdocs settings/oauth/simple-way.md shows it, form-encoded as sent. */
    private String onAppInstall(String refreshToken, String memberId) {
        return form(Map.of("event", "ONAPPINSTALL", "data[VERSION]", "1", "data[LANGUAGE_ID]", "en",
                "ts", "1466439714", "auth[access_token]", "s6p6eclrvim6da22ft9ch94ekreb52lv",
                "auth[expires_in]", "3600", "auth[scope]", "crm", "auth[domain]", DOMAIN,
                "auth[server_endpoint]", "https://oauth.bitrix.info/rest/", "auth[status]", "L"))
                + "&" + form(Map.of("auth[client_endpoint]", "https://" + DOMAIN + "/rest/",
                "auth[member_id]", memberId, "auth[refresh_token]", refreshToken,
                "auth[application_token]", APP_TOKEN));
    }

    /** ONAPPUNINSTALL as b24restdocs api-reference/common/events/on-app-uninstall.md shows it. */
    private static String uninstall(String applicationToken) {
        return form(Map.of("event", "ONAPPUNINSTALL", "data[LANGUAGE_ID]", "en", "data[CLEAN]", "0",
                "ts", "1466439714", "auth[domain]", DOMAIN, "auth[server_endpoint]", "https://oauth.bitrix.info/rest/",
                "auth[client_endpoint]", "https://" + DOMAIN + "/rest/", "auth[member_id]", MEMBER_ID,
                "auth[application_token]", applicationToken));
    }

    /** ONAPPUPDATE as b24restdocs api-reference/common/events/on-app-update.md shows it, form-encoded as sent. */
    private static String onAppUpdate(String applicationToken, String memberId, String domain) {
        return form(Map.of("event", "ONAPPUPDATE", "event_handler_id", "12", "data[VERSION]", "3",
                "data[PREVIOUS_VERSION]", "2", "data[LANGUAGE_ID]", "de", "ts", "1696527000",
                "auth[domain]", domain, "auth[scope]", "crm,user",
                "auth[access_token]", "lh8ze36o8ulgrljbyscr36c7ay5sinva"))
                + "&" + form(Map.of("auth[refresh_token]", "5f1ih5tsnsb11sc5heg3kp4ywqnjhd09",
                "auth[expires_in]", "3600", "auth[server_endpoint]", "https://oauth.bitrix.info/rest/",
                "auth[status]", "L", "auth[client_endpoint]", "https://" + domain + "/rest/",
                "auth[member_id]", memberId, "auth[application_token]", applicationToken));
    }

    /** A CRM event as an application receives it, carrying {@code applicationToken}. */
    private static String event(String applicationToken) {
        return CONTACT_UPDATE.replace("jvh9y1ulvt2m6k5or90v9mg8nn32ozas", applicationToken);
    }

    private static String form(Map<String, String> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }
}
