package dev.liaison.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MessageSender.OutboundMessage;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.UnsubscribeLinks;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailConnectorTest {

    private final EmailConnector connector = new EmailConnector(() -> {
        throw new AssertionError("no session expected");
    });

    @Test
    void itIsAMessagingConnectorOfKindEmail() {
        assertThat(connector.kind()).isEqualTo("email");
        assertThat(connector.capabilities()).containsExactly(Capability.MESSAGING, Capability.UNSUBSCRIBE);
        assertThat(connector.settings().isSecret(EmailSettings.UNSUBSCRIBE_SECRET)).isTrue();
        assertThat(connector.settings().validate(Map.of())).extracting(v -> v.setting())
                .containsExactly(EmailSettings.FROM);
    }

    @Test
    void wrongSettingsAreNamedWithoutTheirValues() {
        assertSettingRefused(Map.of(EmailSettings.FROM, "not an address"), EmailSettings.FROM);
        assertSettingRefused(Map.of(EmailSettings.FROM, "news@shop.example",
                EmailSettings.UNSUBSCRIBE_BASE_URL, "http://liaison.example/unsubscribe/"),
                EmailSettings.UNSUBSCRIBE_BASE_URL);
        assertSettingRefused(Map.of(EmailSettings.FROM, "news@shop.example",
                EmailSettings.UNSUBSCRIBE_BASE_URL, "https://liaison.example/u?x=1"),
                EmailSettings.UNSUBSCRIBE_BASE_URL);
        assertSettingRefused(Map.of(EmailSettings.FROM, "news@shop.example",
                EmailSettings.UNSUBSCRIBE_BASE_URL, "https://liaison.example/u/",
                EmailSettings.UNSUBSCRIBE_SECRET, "weak-secret"), EmailSettings.UNSUBSCRIBE_SECRET);
    }

    @Test
    void localHttpIsAcceptedForTheUnsubscribeEndpointAndTheBaseGetsASlash() {
        EmailSettings settings = EmailSettings.of(new ConnectionContext("c-1", "default", "email", Map.of(
                EmailSettings.FROM, "news@shop.example",
                EmailSettings.UNSUBSCRIBE_BASE_URL, "http://127.0.0.1:8080/unsubscribe")));

        assertThat(settings.unsubscribeUrl("t")).isEqualTo("http://127.0.0.1:8080/unsubscribe/t");
        assertThat(settings.messageIdDomain()).isEqualTo("shop.example");
    }

    @Test
    void smtpRepliesAreClassifiedAndAddressesMasked() throws Exception {
        SendFailedException rejected = new SendFailedException("Invalid Addresses",
                new MessagingException("550 5.1.1 <anna@example.com>: Recipient address rejected"),
                null, null, new InternetAddress[] {new InternetAddress("anna@example.com")});
        MessagingException busy = new MessagingException("451 4.3.0 try again later");

        RemoteSystemException permanent = SmtpFailures.classify(rejected);
        RemoteSystemException retryable = SmtpFailures.classify(busy);

        assertThat(permanent.retryable()).isFalse();
        assertThat(permanent).hasMessageContaining("550").hasMessageContaining("***@***")
                .hasMessageNotContaining("anna@").hasNoCause();
        assertThat(retryable.retryable()).isTrue();
        assertThat(retryable).hasMessageContaining("451");
    }

    @Test
    void aMessageForAnotherChannelIsRefused() {
        assertThatThrownBy(() -> connector.send(new ConnectionContext("c-1", "default", "email",
                Map.of(EmailSettings.FROM, "news@shop.example")),
                new OutboundMessage("k", "sms", "+79031453455", null, "hi", Map.of())))
                .isInstanceOf(RemoteSystemException.class).hasMessageContaining("channel");
    }

    private void assertSettingRefused(Map<String, String> settings, String setting) {
        ConnectionContext connection = new ConnectionContext("c-1", "default", "email", settings);
        OutboundMessage marketing = new OutboundMessage("k", "email", "anna@example.com", null, null, Map.of(
                EmailRequest.TEMPLATE, "welcome", EmailRequest.PURPOSE, "marketing_email",
                EmailRequest.PROFILE, "p-1"));
        assertThatThrownBy(() -> connector.send(connection, marketing))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("'" + setting + "'")
                .hasMessageNotContaining(settings.get(setting));
    }

    @Test
    void verifiesOnlyTheUnsubscribeTokensItsConnectionIssued() {
        String secret = "a-secret-of-at-least-thirty-two-characters";
        ConnectionContext mail = new ConnectionContext("c-mail", "default", "email", Map.of(
                EmailSettings.FROM, "news@shop.example", EmailSettings.UNSUBSCRIBE_BASE_URL,
                "https://liaison.example/unsubscribe/", EmailSettings.UNSUBSCRIBE_SECRET, secret));
        UnsubscribeTokens tokens = new UnsubscribeTokens(List.of(secret));
        String ours = tokens.issue(new UnsubscribeTokens.Unsubscribe("c-mail", "p-1", "marketing_email", "email",
                "m-1", Instant.parse("2026-11-23T10:00:00Z")));
        String othersWithOurSecret = tokens.issue(new UnsubscribeTokens.Unsubscribe("c-other", "p-1",
                "marketing_email", "email", "m-1", Instant.parse("2026-11-23T10:00:00Z")));
        ConnectionContext unconfigured = new ConnectionContext("c-mail", "default", "email",
                Map.of(EmailSettings.FROM, "news@shop.example"));

        assertThat(connector.connectionOf(ours)).contains("c-mail");
        assertThat(connector.verify(mail, ours))
                .contains(new UnsubscribeLinks.Unsubscribe("p-1", "marketing_email", "email", "m-1"));
        assertThat(connector.verify(mail, othersWithOurSecret)).isEmpty();
        assertThat(connector.verify(unconfigured, ours)).isEmpty();
        assertThat(connector.connectionOf("not a token")).isEmpty();
    }
}
