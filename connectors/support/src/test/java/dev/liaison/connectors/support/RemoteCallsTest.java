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
import dev.liaison.connector.api.ConnectionHealthReporter;
import dev.liaison.connector.api.RemoteCallObserver;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per HTTP outcome, through a REST Client interface as the connectors call their vendors. */
class RemoteCallsTest {

    /** Public, as every REST Client interface: the implementation's proxy calls its methods reflectively. */
    @Produces(MediaType.APPLICATION_JSON)
    public interface Upstream {
        @GET
        @Path("{resource}")
        Response get(@PathParam("resource") String resource);
    }

    private static final RateLimit GENEROUS = new RateLimit(1000, 1000);

    private final WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private final List<Duration> sleeps = new ArrayList<>();
    private RemoteCalls calls;
    private Upstream api;

    @BeforeEach
    void start() {
        upstream.start();
        calls = new RemoteCalls(new RemoteCalls.Policy(4, Duration.ofSeconds(30),
                Duration.ofMillis(500), Duration.ofMillis(100), 3, Duration.ofSeconds(30)),
                Clock.systemUTC(), sleeps::add);
        api = calls.client(Upstream.class, URI.create(upstream.baseUrl()));
    }

    @AfterEach
    void stop() {
        calls.close();
        upstream.stop();
    }

    private Supplier<Response> request(String path) {
        return () -> api.get(path.substring(1));
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

        assertThat(calls.send("c1", GENEROUS, request("/limited")).status()).isEqualTo(200);
        assertThat(sleeps).anySatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(7)));
        upstream.verify(2, getRequestedFor(urlEqualTo("/limited")));
    }

    @Test
    void retriesServerErrorsWithGrowingBackoff() throws Exception {
        stubSequence("/flaky", 503, 502, 200);

        assertThat(calls.send("c1", GENEROUS, request("/flaky")).status()).isEqualTo(200);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aSingleUseCallIsNeverRepeated() {
        stubSequence("/grant", 503, 200);

        assertThatThrownBy(() -> calls.sendOnce("c1", GENEROUS, request("/grant")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
        upstream.verify(1, getRequestedFor(urlEqualTo("/grant")));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void clientErrorsAreTheConnectorsToInterpret() throws Exception {
        upstream.stubFor(get(urlEqualTo("/missing")).willReturn(aResponse().withStatus(404)));

        assertThat(calls.send("c1", GENEROUS, request("/missing")).status()).isEqualTo(404);
        upstream.verify(1, getRequestedFor(urlEqualTo("/missing")));
    }

    @Test
    void aPersistentOutageOpensTheBreakerOfThatConnectionOnly() throws Exception {
        upstream.stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(500)));
        upstream.stubFor(get(urlEqualTo("/up")).willReturn(aResponse().withStatus(200)));

        assertThatThrownBy(() -> calls.send("broken", GENEROUS, request("/down")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
        int callsBeforeOpen = upstream.findAll(getRequestedFor(urlEqualTo("/down"))).size();
        assertThatThrownBy(() -> calls.send("broken", GENEROUS, request("/down")))
                .hasMessageContaining("circuit open");

        assertThat(upstream.findAll(getRequestedFor(urlEqualTo("/down")))).hasSize(callsBeforeOpen);
        assertThat(calls.send("healthy", GENEROUS, request("/up")).status()).isEqualTo(200);
    }

    @Test
    void theGuardsOfAConnectionReportItsTokensCircuitAndPause() throws Exception {
        upstream.stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(500)));
        upstream.stubFor(get(urlEqualTo("/up")).willReturn(aResponse().withStatus(200)));
        // A patient timeout: on a loaded machine a first request can take longer than the other tests allow.
        try (RemoteCalls patient = new RemoteCalls(new RemoteCalls.Policy(1, Duration.ofSeconds(30),
                Duration.ofSeconds(20), Duration.ofMillis(100), 1, Duration.ofSeconds(30)), Clock.systemUTC(),
                sleeps::add)) {
            Upstream patientApi = patient.client(Upstream.class, URI.create(upstream.baseUrl()));
            assertThat(patient.guards("healthy")).as("no call yet").isEmpty();

            // So slow a refill that no token comes back while the test runs.
            patient.send("healthy", new RateLimit(0.001, 50), () -> patientApi.get("up"));
            patient.pause("healthy", Instant.now().plusSeconds(60));
            assertThatThrownBy(() -> patient.send("broken", GENEROUS, () -> patientApi.get("down")));

            ConnectionHealthReporter.CallGuards healthy = patient.guards("healthy").orElseThrow();
            assertThat(healthy.perSecond()).isEqualTo(0.001);
            assertThat(healthy.burst()).isEqualTo(50);
            assertThat(healthy.tokensAvailable()).as("one of the burst spent").isEqualTo(49);
            assertThat(healthy.circuit()).isEqualTo(ConnectionHealthReporter.Circuit.CLOSED);
            assertThat(healthy.pausedUntil()).isAfter(Instant.now());
            ConnectionHealthReporter.CallGuards broken = patient.guards("broken").orElseThrow();
            assertThat(broken.circuit()).isEqualTo(ConnectionHealthReporter.Circuit.OPEN);
            assertThat(broken.circuitOpenUntil()).isAfter(Instant.now());
            assertThat(broken.pausedUntil()).isNull();
        }
    }

    @Test
    void theObserverHearsTheBreakerOpenAndTheRateLimitWaits() throws Exception {
        List<String> heard = new ArrayList<>();
        calls.observeWith(new RemoteCallObserver() {
            @Override
            public void waited(String connectionId, WaitCause cause, Duration waited) {
                heard.add(connectionId + " waited for " + cause);
            }

            @Override
            public void circuitChanged(String connectionId, boolean open) {
                heard.add(connectionId + (open ? " opened" : " closed"));
            }
        });
        upstream.stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(500)));
        upstream.stubFor(get(urlEqualTo("/up")).willReturn(aResponse().withStatus(200)));

        assertThatThrownBy(() -> calls.send("broken", GENEROUS, request("/down")));
        // One token a second: a first call slower than the refill (a loaded machine) would leave nothing to wait for.
        RateLimit oneAtATime = new RateLimit(1, 1);
        calls.send("paced", oneAtATime, request("/up"));
        calls.send("paced", oneAtATime, request("/up"));

        assertThat(heard).containsExactly("broken opened", "paced waited for RATE_LIMIT");
    }

    @Test
    void aQueryLimitRefusalIsBackedOffButDoesNotOpenTheBreaker() throws Exception {
        upstream.stubFor(get(urlEqualTo("/limited")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}")));
        upstream.stubFor(get(urlEqualTo("/drained")).willReturn(aResponse().withStatus(200)));

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> calls.send("portal", GENEROUS, request("/limited")))
                    .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("HTTP 503").doesNotContain("circuit open");
                    });
        }

        upstream.verify(8, getRequestedFor(urlEqualTo("/limited")));
        assertThat(sleeps).hasSize(6);
        assertThat(calls.send("portal", GENEROUS, request("/drained")).status()).isEqualTo(200);
    }

    @Test
    void theReplyNamesTheCallItAnswersAndKeepsTheVendorsHeaders() throws Exception {
        upstream.stubFor(get(urlEqualTo("/quota")).willReturn(aResponse().withStatus(200)
                .withHeader("X-Rate-Limit-Remaining", "3").withBody("{}")));

        Reply reply = calls.send("c1", GENEROUS, request("/quota"));

        assertThat(reply.method()).isEqualTo("GET");
        assertThat(reply.host()).isEqualTo(URI.create(upstream.baseUrl()).getHost());
        assertThat(reply.path()).isEqualTo("/quota");
        assertThat(reply.body()).isEqualTo("{}");
        assertThat(reply.header("x-rate-limit-remaining")).contains("3");
        assertThat(reply.headers().keySet()).noneMatch(name -> name.startsWith("Liaison-"));
    }

    @Test
    void anUnreachableUpstreamIsANetworkFailureRetriedWithBackoff() {
        upstream.stop();

        assertThatThrownBy(() -> calls.send("c1", GENEROUS, request("/gone")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("network failure");
                });
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void aPauseAConnectorAsksForHoldsItsNextCallBack() throws Exception {
        upstream.stubFor(get(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200)));

        calls.pause("c1", Instant.now().plusSeconds(5));
        calls.send("c1", GENEROUS, request("/ok"));

        assertThat(sleeps).singleElement().satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(4),
                Duration.ofSeconds(5)));
    }

    @Test
    void aSlowUpstreamTimesOut() {
        upstream.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(2000)));

        assertThatThrownBy(() -> calls.send("c1", GENEROUS, request("/slow")))
                .isInstanceOf(RemoteSystemException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    void aRetryAfterBeyondTheLongestWaitIsHandedBackToTheCaller() {
        upstream.stubFor(get(urlEqualTo("/quota")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        assertThatThrownBy(() -> calls.send("c1", GENEROUS, request("/quota")))
                .isInstanceOfSatisfying(RemoteSystemException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
        upstream.verify(1, getRequestedFor(urlEqualTo("/quota")));
    }

    @Test
    void theRateLimitSpacesCallsOutAfterTheBurst() throws Exception {
        upstream.stubFor(get(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200)));
        RemoteCalls realTime = RemoteCalls.withDefaults();
        Upstream realTimeApi = realTime.client(Upstream.class, URI.create(upstream.baseUrl()));
        RateLimit twoPerSecond = new RateLimit(10, 2);

        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            realTime.send("portal", twoPerSecond, () -> realTimeApi.get("ok"));
        }
        realTime.close();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aConnectionEditedToAnotherLimitIsPacedByTheNewOne() throws Exception {
        upstream.stubFor(get(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200)));
        RemoteCalls realTime = RemoteCalls.withDefaults();
        Upstream realTimeApi = realTime.client(Upstream.class, URI.create(upstream.baseUrl()));
        realTime.send("edited", new RateLimit(0.01, 1), () -> realTimeApi.get("ok"));

        long started = System.nanoTime();
        realTime.send("edited", new RateLimit(100, 10), () -> realTimeApi.get("ok"));
        realTime.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the old bucket, empty for 100 s, is not used")
                .isLessThan(Duration.ofSeconds(5));
    }
}
