package dev.liaison.profile.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.connector.api.RemoteSystemException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendPolicyTest {

    @Test
    void onlyGatewaysThatCanBeAskedOrRecogniseARepeatAreTriedAgain() {
        assertThat(SendPolicy.of("smsc")).isEqualTo(SendPolicy.ASK_THEN_RESEND);
        assertThat(SendPolicy.of("email")).isEqualTo(SendPolicy.RESEND_RECOGNISABLY);
        assertThat(SendPolicy.of("smsru")).isEqualTo(SendPolicy.AT_MOST_ONCE);
        assertThat(SendPolicy.of("twilio")).isEqualTo(SendPolicy.AT_MOST_ONCE);
        assertThat(SendPolicy.of("a-kind-added-later")).isEqualTo(SendPolicy.AT_MOST_ONCE);
    }

    @Test
    void noAnswerLeavesTheOutcomeUnknownButARefusalDoesNot() {
        assertThat(SendFailures.outcomeUnknown(RemoteSystemException.retryable("timeout after 20000 ms", null)))
                .isTrue();
        assertThat(SendFailures.outcomeUnknown(RemoteSystemException.retryable("network failure: IOException",
                null))).isTrue();
        assertThat(SendFailures.outcomeUnknown(new RemoteSystemException("SMS.ru answered with a body that is not "
                + "JSON", true, null, null))).isTrue();
        assertThat(SendFailures.outcomeUnknown(new RemoteSystemException("Twilio created a message without a sid",
                true, null, null))).isTrue();

        assertThat(SendFailures.outcomeUnknown(RemoteSystemException.retryable("HTTP 503 from POST sms.ru",
                Duration.ofSeconds(1)))).isFalse();
        assertThat(SendFailures.outcomeUnknown(RemoteSystemException.retryable("circuit open for connection c",
                Duration.ofSeconds(30)))).isFalse();
        assertThat(SendFailures.outcomeUnknown(RemoteSystemException.permanent("timeout in the text, but permanent")))
                .isFalse();
    }
}
