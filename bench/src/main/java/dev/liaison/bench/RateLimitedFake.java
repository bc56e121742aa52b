package dev.liaison.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A WireMock extension that puts a SaaS API's rate limit in front of a fake of that API: every request is stamped on
 * arrival, judged by the {@link ArrivalLimit}, and either refused the way the vendor refuses it or answered by the
 * fake. Installed with the catch-all stub of {@link #start}, it sees every request the server gets.
 */
final class RateLimitedFake implements ResponseDefinitionTransformerV2 {

    /** The vendor's side: what it answers an admitted request, and how it says "too many". */
    interface Api {

        ResponseDefinition answer(Request request);

        ResponseDefinition refusal(Duration retryAfter);
    }

    /** An {@link Api} of a test-kit fake's two answers. */
    static Api api(Function<Request, ResponseDefinition> answer, Function<Duration, ResponseDefinition> refusal) {
        return new Api() {
            @Override
            public ResponseDefinition answer(Request request) {
                return answer.apply(request);
            }

            @Override
            public ResponseDefinition refusal(Duration retryAfter) {
                return refusal.apply(retryAfter);
            }
        };
    }

    /** What the fake saw: every arrival in order (admitted or not), the refusals, and requests it could not answer. */
    record Traffic(List<Long> arrivalNanos, int refusals, List<String> fakeErrors) {

        Traffic {
            arrivalNanos = List.copyOf(arrivalNanos);
            fakeErrors = List.copyOf(fakeErrors);
        }
    }

    private final String name;
    private final ArrivalLimit limit;
    private final Api api;
    private final List<Long> arrivals = new ArrayList<>();
    private final List<String> fakeErrors = new ArrayList<>();
    private int refusals;

    RateLimitedFake(String name, ArrivalLimit limit, Api api) {
        this.name = name;
        this.limit = limit;
        this.api = api;
    }

    /** A loopback WireMock on a free port with no request journal: the fake keeps the only record it needs. */
    static WireMockServer start(RateLimitedFake fake) {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .disableRequestJournal().extensions(fake));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        return server;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        ArrivalLimit.Verdict verdict;
        // Stamped and judged under one lock, so that the limit sees arrivals in the order of their stamps.
        synchronized (this) {
            long now = System.nanoTime();
            arrivals.add(now);
            verdict = limit.admit(now);
            if (!verdict.admitted()) {
                refusals++;
            }
        }
        if (!verdict.admitted()) {
            return api.refusal(verdict.retryAfter());
        }
        Request request = serveEvent.getRequest();
        try {
            return api.answer(request);
        } catch (RuntimeException e) {
            synchronized (this) {
                fakeErrors.add(request.getMethod() + " " + request.getUrl() + ": " + e);
            }
            // 400, not 5xx: the connector must not retry what the fake cannot answer; the run reports it instead.
            return aResponse().withStatus(400).withBody("the fake cannot answer this request: " + e.getMessage()).build();
        }
    }

    int burst() {
        return limit.burst();
    }

    /** Forgets the traffic seen so far, not the limit's state: what follows is measured against a limit in use. */
    synchronized void startMeasuring() {
        arrivals.clear();
        fakeErrors.clear();
        refusals = 0;
    }

    synchronized Traffic traffic() {
        return new Traffic(arrivals, refusals, fakeErrors);
    }
}
