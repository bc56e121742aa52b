package dev.liaison.connectors.amocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.testkit.AmoCrmFake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmoLimitsTest {

    private static final String CONTACT = "/api/v4/contacts/403181";
    private static final AmoApi.Endpoint GET_CONTACT = (rest, bearer) -> rest.contact(bearer, "403181");

    private final List<Duration> sleeps = new ArrayList<>();
    private WireMockServer amocrm;
    private ConnectionContext connection;
    private AmoApi api;

    @BeforeEach
    void start() {
        amocrm = AmoFixtures.amocrm();
        connection = AmoFixtures.connection(amocrm.baseUrl(), Map.of());
        api = new AmoApi(AmoFixtures.remoteCalls(sleeps), connection, AmoFixtures.bearer(AmoFixtures.TOKEN));
    }

    @AfterEach
    void stop() {
        amocrm.stop();
    }

    @Test
    void noSecondEverSeesMoreThanSevenRequestsByDefault() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo(CONTACT)).willReturn(AmoCrmFake.hal(AmoCrmFake.CONTACT_403181)));
        ConnectionContext defaults = AmoFixtures.connection(amocrm.baseUrl(), Map.of(AmoSettings.RATE_PER_SECOND, ""));
        AmoApi limited = new AmoApi(AmoFixtures.remoteCalls(sleeps), defaults, AmoFixtures.bearer(AmoFixtures.TOKEN));

        long started = System.nanoTime();
        for (int i = 0; i < 15; i++) {
            limited.get(GET_CONTACT);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        List<Long> times = amocrm.findAll(getRequestedFor(urlPathEqualTo(CONTACT))).stream()
                .map(LoggedRequest::getLoggedDate).map(date -> date.getTime()).sorted().toList();
        assertThat(times).hasSize(15);
        for (int i = 7; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 7)).as("request %d and the 7th before it", i)
                    .isGreaterThanOrEqualTo(900); // 1000 ms by the bucket; 100 ms for request logging jitter on a busy machine
        }
    }

    @Test
    void a429IsWaitedOutForItsRetryAfterAndThenRetried() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo(CONTACT)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
                .willSetStateTo("allowed"));
        amocrm.stubFor(get(urlPathEqualTo(CONTACT)).inScenario("limited").whenScenarioStateIs("allowed")
                .willReturn(AmoCrmFake.hal(AmoCrmFake.CONTACT_403181)));

        assertThat(api.get(GET_CONTACT)).isPresent();
        assertThat(sleeps).anySatisfy(wait -> assertThat(wait).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(2)));
        amocrm.verify(2, getRequestedFor(urlPathEqualTo(CONTACT)));
    }

    @Test
    void a503IsRetriedAfterABackoff() throws Exception {
        amocrm.stubFor(get(urlPathEqualTo(CONTACT)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        amocrm.stubFor(get(urlPathEqualTo(CONTACT)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(AmoCrmFake.hal(AmoCrmFake.CONTACT_403181)));

        assertThat(api.get(GET_CONTACT)).isPresent();
        assertThat(sleeps).singleElement().satisfies(wait -> assertThat(wait).isPositive());
    }

    @Test
    void a403IsPermanentAndNotRetriedSoAnIpBlockIsNotProlonged() {
        amocrm.stubFor(get(urlPathEqualTo(CONTACT)).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> api.get(GET_CONTACT)).isInstanceOfSatisfying(RemoteSystemException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e).hasMessageContaining("HTTP 403").hasMessageContaining("IP");
        });
        amocrm.verify(1, getRequestedFor(urlPathEqualTo(CONTACT)));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a401IsPermanentAndDoesNotQuoteTheToken() {
        amocrm.stubFor(get(urlPathEqualTo(CONTACT)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Unauthorized\",\"type\":\"https://httpstatus.es/401\",\"status\":401,"
                        + "\"detail\":\"Неверный логин или пароль\"}")));

        assertThatThrownBy(() -> api.get(GET_CONTACT)).isInstanceOfSatisfying(RemoteSystemException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e).hasMessageContaining("rejected the token").hasMessageNotContaining(AmoFixtures.TOKEN);
        });
    }

    @Test
    void aValidationErrorNamesCodeAndPathButNotTheRejectedValue() {
        amocrm.stubFor(patch(urlPathEqualTo(CONTACT)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"validation-errors\":[{\"request_id\":\"0\",\"errors\":[{\"code\":\"NotSupportedChoice\","
                        + "\"path\":\"custom_fields_values.0.field_id\",\"detail\":\"The value you selected is not a "
                        + "valid choice.\"}]}],\"title\":\"Bad Request\",\"type\":\"https://httpstatus.es/400\","
                        + "\"status\":400,\"detail\":\"Request validation failed\"}")));

        String record = "{\"name\":\"x\"}";
        assertThatThrownBy(() -> api.write((rest, bearer) -> rest.update(bearer, "contacts", "403181", record)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessage("HTTP 400 from PATCH /api/v4/contacts/403181: Bad Request; "
                            + "Request validation failed; NotSupportedChoice at custom_fields_values.0.field_id");
                });
    }
}
