package dev.liaison.connectors.email;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;

/** Builds the MIME message: RFC 5322 headers, UTF-8 parts, and the RFC 8058 headers when asked for. */
final class MailComposer {

    static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    /** The parts of one mail, already rendered. {@code html} is null for a plain-text mail. */
    record Content(String subject, String text, String html) {
    }

    private MailComposer() {
    }

    /**
     * The Message-ID for an idempotency key: the same key always yields the same id, so a repeated attempt is
     * recognisable by the receiving server and in Liaison's own records. The key is hashed because it may hold
     * characters a msg-id may not, and because the connection id scopes it.
     */
    static String messageId(String connectionId, String idempotencyKey, String domain) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((connectionId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest, 0, 20) + ".liaison@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static MimeMessage compose(Session session, String messageId, Instant date, EmailSettings settings,
            InternetAddress recipient, Content content, String unsubscribeUrl, Map<String, String> extraHeaders)
            throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, messageId);
        message.setFrom(settings.from());
        if (settings.replyTo() != null) {
            message.setReplyTo(new InternetAddress[] {settings.replyTo()});
        }
        message.setRecipient(Message.RecipientType.TO, recipient);
        // Non-ASCII subjects (Russian) become RFC 2047 encoded words.
        message.setSubject(content.subject(), UTF_8);
        message.setSentDate(Date.from(date));
        for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
            message.setHeader(header.getKey(), encode(header.getKey(), header.getValue()));
        }
        if (unsubscribeUrl != null) {
            message.setHeader(LIST_UNSUBSCRIBE, "<" + unsubscribeUrl + ">");
            message.setHeader(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
        }
        if (content.html() == null) {
            message.setText(content.text(), UTF_8, "plain");
        } else {
            // multipart/alternative lists the parts in increasing preference: plain text first, HTML last.
            MimeBodyPart text = new MimeBodyPart();
            text.setText(content.text(), UTF_8, "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(content.html(), UTF_8, "html");
            message.setContent(new MimeMultipart("alternative", text, html));
        }
        message.saveChanges();
        return message;
    }

    private static String encode(String name, String value) {
        try {
            return MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(value, UTF_8, null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** Jakarta Mail replaces the Message-ID with a random one on every save; this message keeps the derived one. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
