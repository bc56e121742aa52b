package dev.liaison.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.liaison.connector.api.MessageSender.OutboundMessage;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions built the way WildFly's mail subsystem builds them from config/wildfly/configure-mail.cli: the custom smtp
 * server always has a username and password (the subsystem refuses empty ones), and {@code mail.smtp.auth} decides
 * whether they are sent.
 */
class MailSessionSettingsTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay-user", "relay-password"));

    private static final OutboundMessage MAIL = new OutboundMessage("k-1", "email", "anna@example.com",
            "Проверка", "Текст", Map.of());

    @Test
    void theScriptDefaultsSendWithoutLoggingIn() throws Exception {
        connector(wildFlySession(false, "liaison", "unset")).send(EmailOverSmtpTest.CONNECTION, MAIL);

        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void withAuthOnTheCredentialsAreUsed() throws Exception {
        connector(wildFlySession(true, "relay-user", "relay-password")).send(EmailOverSmtpTest.CONNECTION, MAIL);

        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void refusedCredentialsBackOffForLong() {
        assertThatThrownBy(() -> connector(wildFlySession(true, "relay-user", "wrong"))
                .send(EmailOverSmtpTest.CONNECTION, MAIL))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(SmtpFailures.AUTHENTICATION_BACKOFF);
                })
                .hasMessageNotContaining("wrong");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    private static EmailConnector connector(Session session) {
        return new EmailConnector(() -> session, Clock.systemUTC());
    }

    /** The properties and authenticator the subsystem derives from the script's custom smtp server. */
    private static Session wildFlySession(boolean auth, String username, String password) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", Integer.toString(SMTP.getSmtp().getPort()));
        properties.setProperty("mail.smtp.user", username);
        properties.setProperty("mail.smtp.auth", Boolean.toString(auth));
        properties.setProperty("mail.smtp.starttls.required", "false");
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "5000");
        properties.setProperty("mail.smtp.writetimeout", "5000");
        return Session.getInstance(properties, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(username, password);
            }
        });
    }
}
