package dev.liaison.connectors.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MessageSender.DeliveryReceipt;
import dev.liaison.connector.api.MessageSender.OutboundMessage;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.testkit.SmscFake;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmscSendTest {

    private final SmscConnector connector = new SmscConnector(SmsFixtures.remoteCalls(), SmsFixtures.CLOCK);
    private WireMockServer smsc;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        smsc = SmsFixtures.gateway();
        connection = SmsFixtures.connection(SmscConnector.KIND, Map.of(SmscConnector.LOGIN, "acme",
                SmscConnector.PASSWORD, "not-a-real-password", SmsSettings.BASE_URL, smsc.baseUrl()));
    }

    @AfterEach
    void stop() {
        smsc.stop();
    }

    @Test
    void sendsWithAnIdDerivedFromTheIdempotencyKey() throws Exception {
        int id = SmscConnector.messageId("run-1:step-2");
        SmscFake.on(smsc).stubSend("{\"id\":" + id + ",\"cnt\":1}");

        DeliveryReceipt receipt = connector.send(connection, SmsFixtures.sms("run-1:step-2", SmsFixtures.PHONE));

        assertThat(receipt.providerMessageId()).isEqualTo(Integer.toString(id));
        smsc.verify(postRequestedFor(urlPathEqualTo("/sys/send.php"))
                .withFormParam("login", equalTo("acme"))
                .withFormParam("psw", equalTo("not-a-real-password"))
                .withFormParam("phones", equalTo(SmsFixtures.PHONE))
                .withFormParam("mes", equalTo("Ваш заказ готов"))
                .withFormParam("id", equalTo(Integer.toString(id)))
                .withFormParam("fmt", equalTo("3"))
                .withFormParam("charset", equalTo("utf-8")));
    }

    @Test
    void aRepeatThatSmscAlreadyHasIsNotSentAgain() throws Exception {
        int id = SmscConnector.messageId("run-1:step-2");
        SmscFake.on(smsc).stubStatus("{\"status\":1,\"last_timestamp\":1}");
        SmscFake.on(smsc).stubSend("{\"id\":" + id + ",\"cnt\":1}");

        DeliveryReceipt receipt = connector.send(connection, repeat("run-1:step-2"));

        assertThat(receipt.providerMessageId()).isEqualTo(Integer.toString(id));
        smsc.verify(getRequestedFor(urlPathEqualTo("/sys/status.php")).withQueryParam("id",
                equalTo(Integer.toString(id))).withQueryParam("phone", equalTo(SmsFixtures.PHONE)));
        smsc.verify(0, postRequestedFor(urlPathEqualTo("/sys/send.php")));
    }

    @Test
    void aRepeatThatSmscNeverSawIsSent() throws Exception {
        int id = SmscConnector.messageId("run-1:step-2");
        SmscFake.on(smsc).stubStatus("{\"status\":-3}");
        SmscFake.on(smsc).stubSend("{\"id\":" + id + ",\"cnt\":1}");

        connector.send(connection, repeat("run-1:step-2"));

        smsc.verify(1, postRequestedFor(urlPathEqualTo("/sys/send.php")));
    }

    @Test
    void aRepeatWhoseStatusCannotBeReadIsNotSent() {
        SmscFake.on(smsc).stubStatus("{\"error\":\"x\",\"error_code\":4}");

        assertThatThrownBy(() -> connector.send(connection, repeat("k")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
        smsc.verify(0, postRequestedFor(urlPathEqualTo("/sys/send.php")));
    }

    private static OutboundMessage repeat(String key) {
        OutboundMessage plain = SmsFixtures.sms(key, SmsFixtures.PHONE);
        return new OutboundMessage(plain.idempotencyKey(), plain.channel(), plain.recipient(), plain.subject(),
                plain.body(), Map.of(SmsConnector.REPEAT_HEADER, "true"));
    }

    @Test
    void theIdIsStablePerKeyAndWithinSmscsRange() {
        assertThat(SmscConnector.messageId("run-1:step-2")).isEqualTo(SmscConnector.messageId("run-1:step-2"));
        assertThat(SmscConnector.messageId("run-1:step-2")).isNotEqualTo(SmscConnector.messageId("run-1:step-3"));
        for (int i = 0; i < 1000; i++) {
            assertThat(SmscConnector.messageId("key-" + i)).isBetween(1, Integer.MAX_VALUE);
        }
    }

    @ParameterizedTest
    @CsvSource({"1,false", "2,false", "3,true", "4,true", "6,false", "7,false", "8,false", "9,true"})
    void errorCodesAreMappedToRetryableOrPermanent(int code, boolean retryable) {
        String id = code == 3 || code >= 6 && code <= 8 ? ",\"id\":1234" : "";
        SmscFake.on(smsc).stubSend("{\"error\":\"description\",\"error_code\":" + code + id + "}");

        assertThatThrownBy(() -> connector.send(connection, SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isEqualTo(retryable);
                    assertThat(e.getMessage()).contains("SMSC refused the message: " + code)
                            .doesNotContain("79255070602");
                });
    }
}
