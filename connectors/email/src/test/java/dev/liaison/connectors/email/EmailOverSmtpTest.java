package dev.liaison.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MessageSender.DeliveryReceipt;
import dev.liaison.connector.api.MessageSender.OutboundMessage;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sends through GreenMail's real SMTP server and reads back the MIME message that arrived. */
class EmailOverSmtpTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String SECRET = "unsub-secret-0123456789-abcdefghijklmnop";
    static final String RECIPIENT = "anna@example.com";
    static final ConnectionContext CONNECTION = new ConnectionContext("c-1", "default", EmailConnector.KIND, Map.of(
            EmailSettings.FROM, "Магазин «Лавка» <news@shop.example>",
            EmailSettings.REPLY_TO, "care@shop.example",
            EmailSettings.UNSUBSCRIBE_BASE_URL, "https://liaison.example/unsubscribe",
            EmailSettings.UNSUBSCRIBE_SECRET, SECRET));

    private final EmailConnector connector =
            new EmailConnector(EmailOverSmtpTest::greenMailSession, Clock.fixed(NOW, ZoneOffset.UTC));

    static Session greenMailSession() {
        return session(SMTP.getSmtp().getPort());
    }

    static Session session(int port) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", Integer.toString(port));
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "5000");
        return Session.getInstance(properties);
    }

    static OutboundMessage tierUpgrade(String idempotencyKey) {
        return new OutboundMessage(idempotencyKey, "email", RECIPIENT, null, null, Map.of(
                EmailRequest.TEMPLATE, "tier-upgrade",
                EmailRequest.LOCALE, "ru-RU",
                EmailRequest.PURPOSE, "marketing_email",
                EmailRequest.PROFILE, "profile-42",
                EmailRequest.VARIABLE_PREFIX + "firstName", "Анна",
                EmailRequest.VARIABLE_PREFIX + "tier", "Золото",
                EmailRequest.VARIABLE_PREFIX + "points", "1500"));
    }

    static OutboundMessage csatRequest(String idempotencyKey) {
        return new OutboundMessage(idempotencyKey, "email", RECIPIENT, null, null, Map.of(
                EmailRequest.TEMPLATE, "csat-request",
                EmailRequest.LOCALE, "ru",
                EmailRequest.VARIABLE_PREFIX + "ticketId", "4711",
                EmailRequest.VARIABLE_PREFIX + "surveyUrl", "https://shop.example/csat/4711"));
    }

    @Test
    void aMarketingMailArrivesWithEncodedHeadersBothPartsAndOneClickUnsubscribe() throws Exception {
        DeliveryReceipt receipt = connector.send(CONNECTION, tierUpgrade("run-7:step-2"));

        MimeMessage mail = onlyMessage();
        assertThat(mail.getSubject()).isEqualTo("Поздравляем, Анна! Ваш новый уровень — Золото");
        assertThat(mail.getHeader("Subject")[0]).startsWith("=?UTF-8?").doesNotContain("Поздравляем");
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("news@shop.example");
        assertThat(from.getPersonal()).isEqualTo("Магазин «Лавка»");
        assertThat(mail.getHeader("From")[0]).contains("=?UTF-8?").contains("<news@shop.example>");
        assertThat(mail.getReplyTo()).extracting(Object::toString).containsExactly("care@shop.example");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly(RECIPIENT);
        assertThat(mail.getSentDate().toInstant()).isEqualTo(NOW);
        assertThat(mail.getHeader("MIME-Version")).containsExactly("1.0");
        assertThat(mail.getMessageID())
                .isEqualTo(MailComposer.messageId("c-1", "run-7:step-2", "shop.example"))
                .matches("<[0-9a-f]{40}\\.liaison@shop\\.example>")
                .isEqualTo(receipt.providerMessageId());
        assertThat(receipt.acceptedAt()).isEqualTo(NOW);

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat((String) text.getContent()).contains("вы достигли уровня «Золото»", "1\u00a0500 баллов");
        assertThat((String) html.getContent()).contains("<strong>«Золото»</strong>");

        String listUnsubscribe = mail.getHeader(MailComposer.LIST_UNSUBSCRIBE, null);
        assertThat(listUnsubscribe).matches("<https://liaison\\.example/unsubscribe/v1\\.c-1\\.[A-Za-z0-9._-]+>");
        assertThat(mail.getHeader(MailComposer.LIST_UNSUBSCRIBE_POST)).containsExactly("List-Unsubscribe=One-Click");
        String url = listUnsubscribe.substring(1, listUnsubscribe.length() - 1);
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(new UnsubscribeTokens(List.of(SECRET)).verify(token)).contains(new UnsubscribeTokens.Unsubscribe(
                "c-1", "profile-42", "marketing_email", "email", "run-7:step-2", NOW));
        assertThat((String) html.getContent()).contains("href=\"" + url + "\"");
        assertThat((String) text.getContent()).contains(url);
    }

    @Test
    void aServiceMailCarriesNoUnsubscribeHeaders() throws Exception {
        connector.send(CONNECTION, csatRequest("ticket-4711:csat"));

        MimeMessage mail = onlyMessage();
        assertThat(mail.getSubject()).isEqualTo("Оцените, пожалуйста, решение обращения №4711");
        assertThat(mail.getHeader(MailComposer.LIST_UNSUBSCRIBE)).isNull();
        assertThat(mail.getHeader(MailComposer.LIST_UNSUBSCRIBE_POST)).isNull();
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat((String) parts.getBodyPart(0).getContent()).contains("https://shop.example/csat/4711")
                .doesNotContain("unsubscribe");
    }

    @Test
    void aRepeatedAttemptCarriesTheSameMessageId() throws Exception {
        String first = connector.send(CONNECTION, csatRequest("ticket-1:csat")).providerMessageId();
        String repeat = connector.send(CONNECTION, csatRequest("ticket-1:csat")).providerMessageId();
        String other = connector.send(CONNECTION, csatRequest("ticket-2:csat")).providerMessageId();

        assertThat(repeat).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(SMTP.getReceivedMessages()).extracting(MimeMessage::getMessageID)
                .containsExactly(first, first, other);
    }

    @Test
    void aMessageWithoutTemplateIsSentAsPlainText() throws Exception {
        connector.send(CONNECTION, new OutboundMessage("manual-1", "email", RECIPIENT, "Проверка связи",
                "Это тестовое письмо.", Map.of("X-Liaison-Campaign", "Осень")));

        MimeMessage mail = onlyMessage();
        assertThat(mail.getSubject()).isEqualTo("Проверка связи");
        assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat((String) mail.getContent()).isEqualTo("Это тестовое письмо.");
        assertThat(mail.getHeader("X-Liaison-Campaign")[0]).startsWith("=?UTF-8?");
        assertThat(mail.getHeader(MailComposer.LIST_UNSUBSCRIBE)).isNull();
    }

    @Test
    void marketingWithoutAWayToUnsubscribeIsNeverSent() {
        Map<String, String> settings = new HashMap<>(CONNECTION.settings());
        settings.remove(EmailSettings.UNSUBSCRIBE_SECRET);
        ConnectionContext noSecret = new ConnectionContext("c-1", "default", EmailConnector.KIND, settings);
        Map<String, String> headers = new HashMap<>(tierUpgrade("k").headers());
        headers.remove(EmailRequest.PROFILE);
        OutboundMessage noProfile = new OutboundMessage("k", "email", RECIPIENT, null, null, headers);

        assertThatThrownBy(() -> connector.send(noSecret, tierUpgrade("k")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("unsubscribeSecret");
        assertThatThrownBy(() -> connector.send(CONNECTION, noProfile))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining(EmailRequest.PROFILE);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void badInputIsPermanentAndNamesNoAddress() {
        OutboundMessage badRecipient = new OutboundMessage("k", "email", "anna@@example", "s", "b", Map.of());
        OutboundMessage forgedHeader = new OutboundMessage("k", "email", RECIPIENT, "s", "b",
                Map.of("List-Unsubscribe", "<https://evil.example/>"));
        OutboundMessage injectedHeader = new OutboundMessage("k", "email", RECIPIENT, "s", "b",
                Map.of("X-Note", "a\r\nBcc: victim@example.com"));
        OutboundMessage sms = new OutboundMessage("k", "sms", "+79031453455", "s", "b", Map.of());

        for (OutboundMessage message : List.of(badRecipient, forgedHeader, injectedHeader, sms)) {
            assertThatThrownBy(() -> connector.send(CONNECTION, message))
                    .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isFalse())
                    .hasMessageNotContaining("anna@").hasMessageNotContaining("victim@");
        }
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerOrMissingSessionIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        EmailConnector unreachable = new EmailConnector(() -> session(closedPort), Clock.systemUTC());
        EmailConnector unconfigured = new EmailConnector(() -> {
            throw new IllegalStateException("no mail session is bound");
        }, Clock.systemUTC());

        assertThatThrownBy(() -> unreachable.send(CONNECTION, csatRequest("k")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("could not be reached");
        assertThatThrownBy(() -> unconfigured.send(CONNECTION, csatRequest("k")))
                .isInstanceOfSatisfying(RemoteSystemException.class, e -> assertThat(e.retryable()).isTrue());
    }

    private static MimeMessage onlyMessage() {
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }
}
