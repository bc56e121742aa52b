package dev.liaison.connectors.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * SMS.ru's send method as external-apis.md §4.1 documents it: {@code POST /sms/send} with a form, answered in JSON
 * with an overall status and one per number ({@code "sms":{"79255070602":{...}}}). The one SMS.ru fake of the tests.
 */
public final class SmsRuFake {

    public static final String SEND_PATH = "/sms/send";
    /** §4.1, byte for byte: message 000000-10000001 accepted for 79255070602. */
    public static final String ACCEPTED = "{\"status\":\"OK\",\"status_code\":100,\"sms\":{\"79255070602\":"
            + "{\"status\":\"OK\",\"status_code\":100,\"sms_id\":\"000000-10000001\"}},\"balance\":4122.56}";

    private final WireMockServer server;

    private SmsRuFake(WireMockServer server) {
        this.server = server;
    }

    /** Registers SMS.ru's answers on a server the test already runs. */
    public static SmsRuFake on(WireMockServer server) {
        return new SmsRuFake(server);
    }

    /** Every send answered 200 with {@code json}. */
    public SmsRuFake stubSend(String json) {
        return stubSend(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json));
    }

    public SmsRuFake stubSend(ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlPathEqualTo(SEND_PATH)).willReturn(answer));
        return this;
    }

    /** The request went through, but the number was refused with {@code code} (e.g. 207: no route). */
    public static String numberRefused(int code) {
        return "{\"status\":\"OK\",\"status_code\":100,\"sms\":{\"79255070602\":{\"status\":\"ERROR\","
                + "\"status_code\":" + code + ",\"status_text\":\"...\"}},\"balance\":4122.56}";
    }
}
