package dev.liaison.connectors.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MessageSender.DeliveryReceipt;
import dev.liaison.connector.api.RecipientSuppressedException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.testkit.TwilioFake;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioSendTest {

    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    static final String CALLBACK_URL = "https://liaison.example/hooks/conn-twilio";
    private static final String SID = "SM0123456789abcdef0123456789abcdef";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    private final TwilioConnector connector = new TwilioConnector(SmsFixtures.remoteCalls(), SmsFixtures.CLOCK);
    private WireMockServer twilio;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        twilio = SmsFixtures.gateway();
        connection = connection(Map.of(TwilioConnector.FROM, "+15005550006"));
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    private TwilioFake twilioFake() {
        return TwilioFake.on(twilio, ACCOUNT_SID);
    }

    private ConnectionContext connection(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(TwilioConnector.ACCOUNT_SID, ACCOUNT_SID,
                TwilioConnector.AUTH_TOKEN, AUTH_TOKEN, TwilioConnector.CALLBACK_URL, CALLBACK_URL,
                SmsSettings.BASE_URL, twilio.baseUrl()));
        settings.putAll(extra);
        return SmsFixtures.connection(TwilioConnector.KIND, settings);
    }

    @Test
    void createsAMessageWithBasicAuthAndAStatusCallback() throws Exception {
        twilioFake().stubCreateMessage(201, twilioFake().created(SID));

        DeliveryReceipt receipt = connector.send(connection, SmsFixtures.sms("run-1:step-2", SmsFixtures.PHONE));

        assertThat(receipt.providerMessageId()).isEqualTo("SM0123456789abcdef0123456789abcdef");
        twilio.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN))
                .withFormParam("To", equalTo(SmsFixtures.PHONE))
                .withFormParam("From", equalTo("+15005550006"))
                .withFormParam("Body", equalTo("Ваш заказ готов"))
                .withFormParam("StatusCallback", equalTo(CALLBACK_URL)));
    }

    @Test
    void aMessagingServiceReplacesFrom() throws Exception {
        String accepted = twilioFake().created(SID).replace("\"status\":\"queued\"", "\"status\":\"accepted\"");
        twilioFake().stubCreateMessage(201, accepted);

        connector.send(connection(Map.of(TwilioConnector.MESSAGING_SERVICE_SID, "MG0123456789abcdef0123456789abcdef")),
                SmsFixtures.sms("k", SmsFixtures.PHONE));

        twilio.verify(postRequestedFor(urlPathEqualTo(MESSAGES))
                .withFormParam("MessagingServiceSid", equalTo("MG0123456789abcdef0123456789abcdef")));
    }

    @Test
    void anUnsubscribedRecipientIsASuppression() {
        twilioFake().stubCreateMessage(400, TwilioFake.error(21610, 400));

        assertThatThrownBy(() -> connector.send(connection, SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RecipientSuppressedException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.providerCode()).isEqualTo("twilio:21610");
                });
    }

    @Test
    void anInvalidNumberIsPermanentAndTheNumberInTwiliosMessageIsNotRepeated() {
        twilioFake().stubCreateMessage(400, TwilioFake.error(21211, 400));

        assertThatThrownBy(() -> connector.send(connection, SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e).isNotInstanceOf(RecipientSuppressedException.class);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("21211").doesNotContain("79255070602");
                });
    }

    @Test
    void refusedCredentialsArePermanent() {
        twilioFake().stubCreateMessage(401, TwilioFake.error(20003, 401));

        assertThatThrownBy(() -> connector.send(connection, SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("credentials").doesNotContain(AUTH_TOKEN);
                });
    }

    @Test
    void tooManyRequestsIsRetryableAndSentOnce() {
        twilioFake().stubCreateMessage(aResponse().withStatus(429)
                .withHeader("Retry-After", "5").withHeader("Content-Type", "application/json")
                .withBody(TwilioFake.error(20429, 429)));

        assertThatThrownBy(() -> connector.send(connection, SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void withoutFromOrServiceNothingIsSent() {
        ConnectionContext bare = SmsFixtures.connection(TwilioConnector.KIND, Map.of(TwilioConnector.ACCOUNT_SID,
                ACCOUNT_SID, TwilioConnector.AUTH_TOKEN, AUTH_TOKEN, TwilioConnector.CALLBACK_URL, CALLBACK_URL,
                SmsSettings.BASE_URL, twilio.baseUrl()));

        assertThatThrownBy(() -> connector.send(bare, SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("messagingServiceSid");
                });
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
    }
}
