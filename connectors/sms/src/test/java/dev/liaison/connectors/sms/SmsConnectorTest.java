package dev.liaison.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.MessageSender.OutboundMessage;
import dev.liaison.connector.api.RemoteSystemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmsConnectorTest {

    private final List<SmsConnector> connectors = List.of(
            new SmsRuConnector(SmsFixtures.remoteCalls(), SmsFixtures.CLOCK),
            new SmscConnector(SmsFixtures.remoteCalls(), SmsFixtures.CLOCK),
            new TwilioConnector(SmsFixtures.remoteCalls(), SmsFixtures.CLOCK));

    @Test
    void threeKindsThatSendAndReceiveStatus() {
        assertThat(connectors).extracting(Connector::kind).containsExactly("smsru", "smsc", "twilio");
        assertThat(connectors).allSatisfy(connector -> assertThat(connector.capabilities())
                .containsExactlyInAnyOrder(Capability.MESSAGING, Capability.WEBHOOKS));
    }

    @Test
    void credentialsAndCallbackSecretsAreSecret() {
        assertThat(SmsRuConnector.SPEC.isSecret(SmsRuConnector.API_ID)).isTrue();
        assertThat(SmscConnector.SPEC.isSecret(SmscConnector.PASSWORD)).isTrue();
        assertThat(TwilioConnector.SPEC.isSecret(TwilioConnector.AUTH_TOKEN)).isTrue();
        assertThat(connectors).allSatisfy(connector -> {
            if (!(connector instanceof TwilioConnector)) {
                assertThat(connector.settings().isSecret(SmsSettings.WEBHOOK_SECRET)).isTrue();
            }
        });
    }

    @Test
    void onlyTheSmsChannelIsSent() {
        OutboundMessage mail = new OutboundMessage("k", "email", "ivan@example.com", "Hi", "Hi", Map.of());
        for (SmsConnector connector : connectors) {
            assertThatThrownBy(() -> connector.send(SmsFixtures.connection(connector.kind(), Map.of()), mail))
                    .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse());
        }
    }

    @Test
    void aRecipientThatIsNotE164IsRefusedWithoutQuotingIt() {
        for (SmsConnector connector : connectors) {
            assertThatThrownBy(() -> connector.send(SmsFixtures.connection(connector.kind(), Map.of()),
                    SmsFixtures.sms("k", "8 925 507-06-02")))
                    .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).doesNotContain("925");
                    });
        }
    }

    @Test
    void missingCredentialsArePermanentAndNamed() {
        assertThatThrownBy(() -> connectors.get(0).send(SmsFixtures.connection("smsru", Map.of()),
                SmsFixtures.sms("k", SmsFixtures.PHONE)))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(SmsRuConnector.API_ID);
                });
    }

    @Test
    void phonesAreNormalisedToE164Only() {
        assertThat(Phones.e164("+7 (925) 507-06-02")).contains("+79255070602");
        assertThat(Phones.e164("79255070602")).isEmpty();
        assertThat(Phones.e164("+0123456789")).isEmpty();
        assertThat(Phones.e164("+7925507060212345")).isEmpty();
    }
}
