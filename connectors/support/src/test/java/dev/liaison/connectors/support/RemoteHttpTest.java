package dev.liaison.connectors.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.liaison.connector.api.RemoteSystemException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteHttpTest {

    private static final RateLimit GENEROUS = new RateLimit(1000, 1000);

    private final WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private final List<Duration> sleeps = new ArrayList<>();
    private RemoteHttp http;

    @BeforeEach
    void start() {
        upstream.start();
        http = new RemoteHttp(HttpClient.newHttpClient(), new RemoteHttp.Policy(4, Duration.ofSeconds(30),
                Duration.ofMillis(500), Duration.ofMillis(100), 3, Duration.ofSeconds(30)),
                Clock.systemUTC(), sleeps::add);
    }

    @AfterEach
    void stop() {
        upstream.stop();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(upstream.baseUrl() + path)).GET().build();
    }

    private void stubSequence(String path, int... statuses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = "step-" + (i + 1);
            var response = aResponse().withStatus(statuses[i]);
            if (statuses[i] == 429) {
                response = response.withHeader("Retry-After", "7");
            }
            upstream.stubFor(get(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(state)
                    .willReturn(response).willSetStateTo(next));
            state = next;
        }
    }

    @Test
    void honoursRetryAfterAndThenSucceeds() throws Exception {
        stubSequence("/limited", 429, 200);

        assertThat(http.send("c1", GENEROUS, request("/limited")).statusCode()).isEqualTo(200);
        assertThat(sleeps).anySatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(7)));
        upstream.verify(2, getRequestedFor(urlEqualTo("/limited")));
    }

    @Test
    void retriesServerErrorsWithGrowingBackoff() throws Exception {
        stubSequence("/flaky", 503, 502, 200);

        assertThat(http.send("c1", GENEROUS, request("/flaky")).statusCode()).isEqualTo(200);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aSingleUseCallIsNeverRepeated() {
        stubSequence("/grant", 503, 200);

        assertThatThrownBy(() -> http.sendOnce("c1", GENEROUS, request("/grant")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
        upstream.verify(1, getRequestedFor(urlEqualTo("/grant")));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void clientErrorsAreTheConnectorsToInterpret() throws Exception {
        upstream.stubFor(get(urlEqualTo("/missing")).willReturn(aResponse().withStatus(404)));

        assertThat(http.send("c1", GENEROUS, request("/missing")).statusCode()).isEqualTo(404);
        upstream.verify(1, getRequestedFor(urlEqualTo("/missing")));
    }

    @Test
    void aPersistentOutageOpensTheBreakerOfThatConnectionOnly() throws Exception {
        upstream.stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(500)));
        upstream.stubFor(get(urlEqualTo("/up")).willReturn(aResponse().withStatus(200)));

        assertThatThrownBy(() -> http.send("broken", GENEROUS, request("/down")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
        int callsBeforeOpen = upstream.findAll(getRequestedFor(urlEqualTo("/down"))).size();
        assertThatThrownBy(() -> http.send("broken", GENEROUS, request("/down")))
                .hasMessageContaining("circuit open");

        assertThat(upstream.findAll(getRequestedFor(urlEqualTo("/down")))).hasSize(callsBeforeOpen);
        assertThat(http.send("healthy", GENEROUS, request("/up")).statusCode()).isEqualTo(200);
    }

    @Test
    void aQueryLimitRefusalIsBackedOffButDoesNotOpenTheBreaker() throws Exception {
        upstream.stubFor(get(urlEqualTo("/limited")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}")));
        upstream.stubFor(get(urlEqualTo("/drained")).willReturn(aResponse().withStatus(200)));

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> http.send("portal", GENEROUS, request("/limited")))
                    .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("HTTP 503").doesNotContain("circuit open");
                    });
        }

        upstream.verify(8, getRequestedFor(urlEqualTo("/limited")));
        assertThat(sleeps).hasSize(6);
        assertThat(http.send("portal", GENEROUS, request("/drained")).statusCode()).isEqualTo(200);
    }

    @Test
    void aSlowUpstreamTimesOut() {
        upstream.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(2000)));

        assertThatThrownBy(() -> http.send("c1", GENEROUS, request("/slow")))
                .isInstanceOf(RemoteSystemException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    void aRetryAfterBeyondTheLongestWaitIsHandedBackToTheCaller() {
        upstream.stubFor(get(urlEqualTo("/quota")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        assertThatThrownBy(() -> http.send("c1", GENEROUS, request("/quota")))
                .isInstanceOfSatisfying(RemoteSystemException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
        upstream.verify(1, getRequestedFor(urlEqualTo("/quota")));
    }

    @Test
    void theRateLimitSpacesCallsOutAfterTheBurst() throws Exception {
        upstream.stubFor(get(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200)));
        RemoteHttp realTime = RemoteHttp.withDefaults();
        RateLimit twoPerSecond = new RateLimit(10, 2);

        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            realTime.send("portal", twoPerSecond, request("/ok"));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }
}
