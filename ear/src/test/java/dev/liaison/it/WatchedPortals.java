package dev.liaison.it;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.liaison.connectors.testkit.Bitrix24Fake;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several Bitrix24 portals of the test kit ({@link Bitrix24Fake.Portal}) on one WireMock server, one per incoming
 * webhook path, each answering slowly and counting the calls it is answering at the same moment: the most a portal
 * ever saw at once tells whether two nodes pulled one connection concurrently, the most all portals saw together
 * whether different connections were pulled in parallel. The delay is spent inside {@link #transform}, so a call is
 * counted for as long as it is in flight.
 */
final class WatchedPortals implements ResponseDefinitionTransformerV2 {

    private final Map<String, Bitrix24Fake.Portal> portals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostInFlight = new ConcurrentHashMap<>();
    private final AtomicInteger allInFlight = new AtomicInteger();
    private final AtomicInteger mostInFlightOverall = new AtomicInteger();
    private final Duration delay;

    WatchedPortals(Duration delay) {
        this.delay = delay;
    }

    /** A portal with {@code contacts} contacts behind the incoming webhook path {@code webhookPath}. */
    void add(String webhookPath, int contacts) {
        portals.put(webhookPath, new Bitrix24Fake.Portal(webhookPath, contacts));
        inFlight.put(webhookPath, new AtomicInteger());
        mostInFlight.put(webhookPath, new AtomicInteger());
    }

    /** The most calls the portal at {@code webhookPath} was answering at one moment. */
    int mostInFlight(String webhookPath) {
        return mostInFlight.get(webhookPath).get();
    }

    /** The most calls all portals together were answering at one moment. */
    int mostInFlightOverall() {
        return mostInFlightOverall.get();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String url = serveEvent.getRequest().getUrl();
        String webhookPath = portals.keySet().stream().filter(url::startsWith).findFirst().orElse(null);
        if (webhookPath == null) {
            return ResponseDefinition.notFound();
        }
        AtomicInteger portalCalls = inFlight.get(webhookPath);
        mostInFlight.get(webhookPath).accumulateAndGet(portalCalls.incrementAndGet(), Math::max);
        mostInFlightOverall.accumulateAndGet(allInFlight.incrementAndGet(), Math::max);
        try {
            Thread.sleep(delay.toMillis());
            return portals.get(webhookPath).answer(serveEvent.getRequest());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return portals.get(webhookPath).refusal();
        } finally {
            portalCalls.decrementAndGet();
            allInFlight.decrementAndGet();
        }
    }

    @Override
    public String getName() {
        return "watched-bitrix24-portals";
    }
}
