package dev.liaison.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.WebhookRejectedException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    /** facts §4.3 and §6: parameters deliberately given out of order; signing sorts them. */
    static final List<Form.Param> VECTOR_PARAMS = List.of(
            new Form.Param("To", "+18005551212"),
            new Form.Param("Caller", "+12349013030"),
            new Form.Param("Digits", "1234"),
            new Form.Param("From", "+12349013030"),
            new Form.Param("CallSid", "CA1234567890ABCDE"));
    static final String VECTOR_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final String VECTOR_TOKEN = "12345";
    static final String VECTOR_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    @Test
    void signsThePublishedVector() {
        assertThat(TwilioSignature.sign(VECTOR_TOKEN, VECTOR_URL, VECTOR_PARAMS)).isEqualTo(VECTOR_SIGNATURE);
        assertThat(TwilioSignature.matches(VECTOR_TOKEN, VECTOR_URL, VECTOR_PARAMS, VECTOR_SIGNATURE)).isTrue();
    }

    @Test
    void theConnectorAcceptsTheVectorAsItArrivesOverHttp() {
        ConnectionContext connection = SmsFixtures.connection(TwilioConnector.KIND, Map.of(
                TwilioConnector.ACCOUNT_SID, "AC00000000000000000000000000000000",
                TwilioConnector.AUTH_TOKEN, VECTOR_TOKEN,
                TwilioConnector.CALLBACK_URL, "https://mycompany.com/myapp.php?foo=1&bar=2"));
        String body = SmsFixtures.form("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030", "Digits", "1234",
                "From", "+12349013030", "To", "+18005551212");
        TwilioConnector connector = new TwilioConnector(SmsFixtures.remoteCalls(), SmsFixtures.CLOCK);

        assertThatCode(() -> connector.verify(connection, SmsFixtures.delivery("foo=1&bar=2", body,
                Map.of("X-Twilio-Signature", VECTOR_SIGNATURE)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> connector.verify(connection, SmsFixtures.delivery("foo=1&bar=3", body,
                Map.of("X-Twilio-Signature", VECTOR_SIGNATURE)))).isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void theSignedUrlIsTheConfiguredOneWithTheQueryTheRequestCameWith() {
        assertThat(TwilioConnector.signedUrl("https://liaison.example/hooks/c1", "")).isEqualTo(
                "https://liaison.example/hooks/c1");
        assertThat(TwilioConnector.signedUrl("https://liaison.example/hooks/c1?a=1", "a=1&b=2")).isEqualTo(
                "https://liaison.example/hooks/c1?a=1&b=2");
    }

    @Test
    void aDifferentTokenOrValueDoesNotMatch() {
        assertThat(TwilioSignature.matches("54321", VECTOR_URL, VECTOR_PARAMS, VECTOR_SIGNATURE)).isFalse();
        List<Form.Param> changed = List.of(new Form.Param("CallSid", "CA1234567890ABCDE"),
                new Form.Param("Digits", "1235"));
        assertThat(TwilioSignature.matches(VECTOR_TOKEN, VECTOR_URL, changed, VECTOR_SIGNATURE)).isFalse();
    }
}
