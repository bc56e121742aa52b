package dev.liaison.connectors.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * SMSC as external-apis.md §4.2 documents it: {@code POST /sys/send.php} with a form and {@code fmt=3}, answered
 * {@code {"id":..,"cnt":..}} or {@code {"error":..,"error_code":..}}; {@code GET /sys/status.php} for a message by
 * its id, {@code {"status":-3}} when SMSC has no such message. The one SMSC fake of the unit tests and the ITs.
 */
public final class SmscFake {

    public static final String SEND_PATH = "/sys/send.php";
    public static final String STATUS_PATH = "/sys/status.php";
    /** Message 4242 accepted, one part. */
    public static final String ACCEPTED = "{\"id\":4242,\"cnt\":1}";
    /** The status of a message SMSC does not have. */
    public static final String NO_SUCH_MESSAGE = "{\"status\":-3}";
    /** The status of a message SMSC delivered. */
    public static final String DELIVERED = "{\"status\":1,\"last_timestamp\":1764000000}";

    private static final String GATEWAY = "smsc";
    private static final String HOLDS_THE_MESSAGE = "holds the message";
    private static final String REFUSED_ONCE = "refused the first send";

    private final WireMockServer server;

    private SmscFake(WireMockServer server) {
        this.server = server;
    }

    /** Registers SMSC's answers on a server the test already runs. */
    public static SmscFake on(WireMockServer server) {
        return new SmscFake(server);
    }

    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Every send answered with {@code json}. */
    public SmscFake stubSend(String json) {
        server.stubFor(post(urlPathEqualTo(SEND_PATH)).willReturn(json(json)));
        return this;
    }

    /** Every status query answered with {@code json}. */
    public SmscFake stubStatus(String json) {
        server.stubFor(get(urlPathEqualTo(STATUS_PATH)).willReturn(json(json)));
        return this;
    }

    /**
     * A gateway that remembers what it took: the first send is answered with {@code firstAnswer}; if
     * {@code firstSendDelivered} SMSC has the message from then on (an answer lost or late, the message taken), else
     * the first send was refused and the next one is taken. Later sends are accepted; the status query says
     * {@link #NO_SUCH_MESSAGE} until SMSC has the message and {@link #DELIVERED} after.
     */
    public SmscFake stubGatewayThatRemembers(ResponseDefinitionBuilder firstAnswer, boolean firstSendDelivered) {
        String afterFirst = firstSendDelivered ? HOLDS_THE_MESSAGE : REFUSED_ONCE;
        server.stubFor(post(urlPathEqualTo(SEND_PATH)).inScenario(GATEWAY).whenScenarioStateIs(STARTED)
                .willSetStateTo(afterFirst).willReturn(firstAnswer));
        server.stubFor(post(urlPathEqualTo(SEND_PATH)).inScenario(GATEWAY).whenScenarioStateIs(REFUSED_ONCE)
                .willSetStateTo(HOLDS_THE_MESSAGE).willReturn(json(ACCEPTED)));
        server.stubFor(post(urlPathEqualTo(SEND_PATH)).inScenario(GATEWAY).whenScenarioStateIs(HOLDS_THE_MESSAGE)
                .willReturn(json(ACCEPTED)));
        for (String state : new String[] {STARTED, REFUSED_ONCE}) {
            server.stubFor(get(urlPathEqualTo(STATUS_PATH)).inScenario(GATEWAY).whenScenarioStateIs(state)
                    .willReturn(json(NO_SUCH_MESSAGE)));
        }
        server.stubFor(get(urlPathEqualTo(STATUS_PATH)).inScenario(GATEWAY).whenScenarioStateIs(HOLDS_THE_MESSAGE)
                .willReturn(json(DELIVERED)));
        return this;
    }
}
