package dev.liaison.connectors.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Twilio's Messages resource as external-apis.md §4.3 documents it: {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json} with a form and Basic auth, answered 201 with the message, or
 * with an error document {@code {"code","message","more_info","status"}}. The one Twilio fake of the tests.
 */
public final class TwilioFake {

    private final WireMockServer server;
    private final String accountSid;

    private TwilioFake(WireMockServer server, String accountSid) {
        this.server = server;
        this.accountSid = accountSid;
    }

    /** Registers Twilio's answers for account {@code accountSid} on a server the test already runs. */
    public static TwilioFake on(WireMockServer server, String accountSid) {
        return new TwilioFake(server, accountSid);
    }

    public String messagesPath() {
        return "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
    }

    /** The 201 body of §4.3 for message {@code sid}, queued. */
    public String created(String sid) {
        return "{\"sid\":\"" + sid + "\",\"status\":\"queued\","
                + "\"to\":\"+79255070602\",\"from\":\"+15005550006\",\"body\":\"Ваш заказ готов\","
                + "\"num_segments\":\"1\","
                + "\"error_code\":null,\"error_message\":null,\"date_created\":\"Wed, 17 Apr 2024 17:18:10 +0000\","
                + "\"uri\":\"/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json\"}";
    }

    /** Every message creation answered with {@code status} and {@code json}. */
    public TwilioFake stubCreateMessage(int status, String json) {
        return stubCreateMessage(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(json));
    }

    public TwilioFake stubCreateMessage(ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlPathEqualTo(messagesPath())).willReturn(answer));
        return this;
    }

    /** Twilio's error document; its message quotes the number, as Twilio's do. */
    public static String error(int code, int status) {
        return "{\"code\":" + code + ",\"message\":\"The 'To' number +79255070602 is not valid.\",\"more_info\":"
                + "\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}";
    }
}
