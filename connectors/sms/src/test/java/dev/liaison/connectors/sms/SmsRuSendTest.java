package dev.liaison.connectors.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MessageSender.DeliveryReceipt;
import dev.liaison.connector.api.RecipientSuppressedException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connectors.testkit.SmsRuFake;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsRuSendTest {

    private static final String API_ID = "F2D79B58-A5A2-2F9E-91C8-73D12CE2E102";

    private final SmsRuConnector connector = new SmsRuConnector(SmsFixtures.remoteCalls(), SmsFixtures.CLOCK);
    private WireMockServer smsRu;
    private ConnectionContext connection;

    @BeforeEach
    void start() {
        smsRu = SmsFixtures.gateway();
        connection = SmsFixtures.connection(SmsRuConnector.KIND, Map.of(SmsRuConnector.API_ID, API_ID,
                SmsSettings.BASE_URL, smsRu.baseUrl(), SmsRuConnector.FROM, "Liaison"));
    }

    @AfterEach
    void stop() {
        smsRu.stop();
    }

    @Test
    void sendsOneMessageAsAFormAndReadsItsSmsId() throws Exception {
        SmsRuFake.on(smsRu).stubSend(SmsRuFake.ACCEPTED);

        DeliveryReceipt receipt = connector.send(connection, SmsFixtures.sms("run-1:step-2", "+7 925 507-06-02"));

        assertThat(receipt.providerMessageId()).isEqualTo("000000-10000001");
        assertThat(receipt.acceptedAt()).isEqualTo(SmsFixtures.NOW);
        smsRu.verify(postRequestedFor(urlPathEqualTo("/sms/send"))
                .withHeader("Content-Type", matching("(?i)application/x-www-form-urlencoded; ?charset=utf-8"))
                .withFormParam("api_id", equalTo(API_ID))
                .withFormParam("to", equalTo("79255070602"))
                .withFormParam("msg", equalTo("Ваш заказ готов"))
                .withFormParam("json", equalTo("1"))
                .withFormParam("from", equalTo("Liaison")));
    }

    @ParameterizedTest
    @ValueSource(ints = {209, 215})
    void aStopListedNumberIsASuppression(int code) {
        SmsRuFake.on(smsRu).stubSend(SmsRuFake.numberRefused(code));

        assertThatThrownBy(() -> connector.send(connection, SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RecipientSuppressedException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.providerCode()).isEqualTo("smsru:" + code);
                    assertThat(e.getMessage()).doesNotContain("79255070602");
                });
    }

    @Test
    void aPerNumberRefusalIsPermanentAndNamesTheCodeNotTheNumber() {
        SmsRuFake.on(smsRu).stubSend(SmsRuFake.numberRefused(207));

        assertThatThrownBy(() -> connector.send(connection, SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e).isNotInstanceOf(RecipientSuppressedException.class);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("207").doesNotContain("79255070602");
                });
    }

    @Test
    void aRequestLevelErrorIsRead() {
        SmsRuFake.on(smsRu)
                .stubSend("{\"status\":\"ERROR\",\"status_code\":200,\"status_text\":\"Неправильный api_id\"}");

        assertThatThrownBy(() -> connector.send(connection, SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("200");
                });
    }

    @Test
    void aTemporaryOutageIsRetryableWithAHint() {
        SmsRuFake.on(smsRu).stubSend("{\"status\":\"ERROR\",\"status_code\":220,\"status_text\":\"...\"}");

        assertThatThrownBy(() -> connector.send(connection, SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofMinutes(1));
                });
    }

    @Test
    void a5xxIsTriedOnceAndHandedBackAsRetryable() {
        SmsRuFake.on(smsRu).stubSend(aResponse().withStatus(503).withHeader("Retry-After", "120"));

        assertThatThrownBy(() -> connector.send(connection, SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                });
        smsRu.verify(1, postRequestedFor(urlPathEqualTo("/sms/send")));
    }

    @Test
    void anAnswerThatIsNotJsonLeavesTheOutcomeOpen() {
        SmsRuFake.on(smsRu).stubSend("100\n000000-10000001\nbalance=4122.56");

        assertThatThrownBy(() -> connector.send(connection, SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void testModeIsPassedOn() throws Exception {
        SmsRuFake.on(smsRu).stubSend(SmsRuFake.ACCEPTED);
        ConnectionContext test = SmsFixtures.connection(SmsRuConnector.KIND, Map.of(SmsRuConnector.API_ID, API_ID,
                SmsSettings.BASE_URL, smsRu.baseUrl(), SmsRuConnector.TEST, "true"));

        connector.send(test, SmsFixtures.sms("k", SmsFixtures.PHONE));

        smsRu.verify(postRequestedFor(urlPathEqualTo("/sms/send")).withFormParam("test", equalTo("1")));
    }
}
