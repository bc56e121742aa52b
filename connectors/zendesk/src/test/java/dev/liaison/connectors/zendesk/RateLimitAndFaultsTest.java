package dev.liaison.connectors.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.testkit.ZendeskFake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitAndFaultsTest {

    private static final String USERS_PATH = "/api/v2/incremental/users/cursor.json";

    private final List<Duration> sleeps = new ArrayList<>();
    private final ZendeskConnector connector = ZendeskFixtures.connector(sleeps);
    private WireMockServer zendesk;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        zendesk = ZendeskFixtures.zendesk();
        connection = ZendeskFixtures.connection(zendesk.baseUrl(), Map.of());
    }

    @AfterEach
    void stop() {
        zendesk.stop();
    }

    @Test
    void waitsOutA429WithRetryAfterAndThenSucceeds() throws Exception {
        zendesk.stubFor(get(urlPathEqualTo(USERS_PATH)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "text/plain").withBody("Too Many Requests"))
                .willSetStateTo("allowed"));
        zendesk.stubFor(get(urlPathEqualTo(USERS_PATH)).inScenario("limited").whenScenarioStateIs("allowed")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ZendeskFake.USERS_PAGE_2)));

        assertThat(connector.pull(connection, null).events()).hasSize(1);
        assertThat(sleeps).anySatisfy(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(7)));
        zendesk.verify(2, getRequestedFor(urlPathEqualTo(USERS_PATH)));
    }

    @Test
    void aRetryAfterBeyondTheLongestWaitIsHandedBackAsRetryable() {
        zendesk.stubFor(get(urlPathEqualTo(USERS_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "600")));

        assertThatThrownBy(() -> connector.pull(connection, null))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(600));
                });
        zendesk.verify(1, getRequestedFor(urlPathEqualTo(USERS_PATH)));
    }

    @Test
    void aStormOf500sEndsInARetryableFailureAfterBackingOff() {
        zendesk.stubFor(get(urlPathEqualTo(USERS_PATH)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"InternalError\"}")));

        assertThatThrownBy(() -> connector.pull(connection, null))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
        zendesk.verify(3, getRequestedFor(urlPathEqualTo(USERS_PATH)));
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(1)).isGreaterThanOrEqualTo(sleeps.get(0).dividedBy(2));
    }

    @Test
    void aSpentQuotaHoldsTheNextCallBackUntilTheWindowResets() throws Exception {
        zendesk.stubFor(get(urlPathEqualTo(USERS_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "1")
                .withHeader("ratelimit-reset", "20")
                .withBody(ZendeskFake.USERS_PAGE_1)));

        String next = connector.pull(connection, null).nextCursor();
        assertThat(sleeps).isEmpty();
        connector.pull(connection, next);

        assertThat(sleeps).singleElement().satisfies(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(18), Duration.ofSeconds(20)));
    }

    @Test
    void plentyOfQuotaLeftMeansNoWaiting() throws Exception {
        ZendeskFake.on(zendesk).stubIncrementalExports();

        String next = connector.pull(connection, null).nextCursor();
        connector.pull(connection, next);

        assertThat(sleeps).isEmpty();
    }

    @Test
    void refusedCredentialsArePermanent() {
        zendesk.stubFor(get(urlPathEqualTo(USERS_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"Couldn't authenticate you\"}")));

        assertThatThrownBy(() -> connector.pull(connection, null))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("credentials", "zd-1").doesNotContain("6wiIBWbG");
                });
    }
}
