package dev.liaison.connectors.email;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.MessageSender;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connector.api.UnsubscribeLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * E-mail over SMTP through the server's mail session. A message names a template (see {@link EmailRequest} for the
 * instructions it carries); the template is rendered for the recipient's locale into a text and an HTML part.
 * Consent-based mail carries RFC 8058 one-click unsubscribe headers pointing at Liaison; service mail does not. The
 * Message-ID is derived from the idempotency key and is the receipt's provider id. The unsubscribe tokens are
 * {@link UnsubscribeTokens}, signed with the connection's secret.
 */
@ApplicationScoped
public class EmailConnector implements Connector, MessageSender, UnsubscribeLinks {

    public static final String KIND = "email";
    public static final String CHANNEL = "email";
    /** The template variable holding the one-click URL, for the visible unsubscribe link of marketing mail. */
    public static final String UNSUBSCRIBE_URL_VARIABLE = "unsubscribeUrl";

    private static final Logger LOG = Logger.getLogger(EmailConnector.class.getName());

    private final MailSessionSource sessions;
    private final Clock clock;
    private final Map<TemplateSource, EmailTemplates> templates = new ConcurrentHashMap<>();

    @Inject
    public EmailConnector(MailSessionSource sessions) {
        this(sessions, Clock.systemUTC());
    }

    EmailConnector(MailSessionSource sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected EmailConnector() {
        this(null, Clock.systemUTC());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public SettingsSpec settings() {
        return EmailSettings.SPEC;
    }

    @Override
    public Optional<String> connectionOf(String token) {
        return UnsubscribeTokens.connectionOf(token);
    }

    /** Empty also when the token names another connection, or this connection has no usable unsubscribe secret. */
    @Override
    public Optional<Unsubscribe> verify(ConnectionContext connection, String token) {
        try {
            return EmailSettings.of(connection).tokens().verify(token)
                    .filter(unsubscribe -> unsubscribe.connectionId().equals(connection.id()))
                    .map(unsubscribe -> new Unsubscribe(unsubscribe.profileId(), unsubscribe.purpose(),
                            unsubscribe.channel(), unsubscribe.messageId()));
        } catch (IllegalArgumentException | IllegalStateException misconfigured) {
            return Optional.empty();
        }
    }

    @Override
    public DeliveryReceipt send(ConnectionContext connection, OutboundMessage message) throws RemoteSystemException {
        if (!CHANNEL.equals(message.channel())) {
            throw RemoteSystemException.permanent("the e-mail connector sends on channel '" + CHANNEL + "' only");
        }
        EmailSettings settings;
        EmailRequest request;
        InternetAddress recipient;
        try {
            settings = EmailSettings.of(connection);
            request = EmailRequest.of(message);
            recipient = recipient(message.recipient());
        } catch (IllegalArgumentException | IllegalStateException invalid) {
            throw RemoteSystemException.permanent(invalid.getMessage());
        }

        Instant now = clock.instant();
        String messageId = MailComposer.messageId(connection.id(), message.idempotencyKey(),
                settings.messageIdDomain());
        String unsubscribeUrl = request.consentBased()
                ? unsubscribeUrl(connection, settings, request, message.idempotencyKey(), now) : null;
        MailComposer.Content content = content(settings, request, message, unsubscribeUrl);

        Session session;
        try {
            session = sessions.session();
        } catch (IllegalStateException unconfigured) {
            throw new RemoteSystemException(unconfigured.getMessage(), true, null, unconfigured);
        }
        try {
            MimeMessage mime = MailComposer.compose(session, messageId, now, settings, recipient, content,
                    unsubscribeUrl, request.extraHeaders());
            Transport.send(mime);
        } catch (MessagingException failure) {
            RemoteSystemException classified = SmtpFailures.classify(failure);
            LOG.warning(() -> "connection " + connection.id() + ": mail " + messageId + " not sent: "
                    + classified.getMessage());
            throw classified;
        }
        return new DeliveryReceipt(messageId, now);
    }

    private String unsubscribeUrl(ConnectionContext connection, EmailSettings settings, EmailRequest request,
            String idempotencyKey, Instant now) throws RemoteSystemException {
        Optional<String> unready = settings.marketingUnready();
        if (unready.isPresent()) {
            throw RemoteSystemException.permanent("purpose '" + request.purpose()
                    + "' needs a one-click unsubscribe, but " + unready.get());
        }
        if (request.profileId() == null) {
            throw RemoteSystemException.permanent("purpose '" + request.purpose() + "' needs '"
                    + EmailRequest.PROFILE + "' for the unsubscribe token");
        }
        try {
            String token = settings.tokens().issue(new UnsubscribeTokens.Unsubscribe(connection.id(),
                    request.profileId(), request.purpose(), CHANNEL, idempotencyKey, now));
            return settings.unsubscribeUrl(token);
        } catch (IllegalArgumentException invalid) {
            throw RemoteSystemException.permanent(invalid.getMessage());
        }
    }

    private MailComposer.Content content(EmailSettings settings, EmailRequest request, OutboundMessage message,
            String unsubscribeUrl) throws RemoteSystemException {
        if (request.template() == null) {
            if (message.subject() == null || message.body() == null) {
                throw RemoteSystemException.permanent("a message without '" + EmailRequest.TEMPLATE
                        + "' needs a subject and a body");
            }
            return new MailComposer.Content(message.subject(), message.body(), null);
        }
        Map<String, Object> model = new HashMap<>(request.variables());
        if (unsubscribeUrl != null) {
            model.put(UNSUBSCRIBE_URL_VARIABLE, unsubscribeUrl);
        }
        try {
            EmailTemplates.Rendered rendered = templates(settings)
                    .render(request.template(), request.languageTag(), model);
            return new MailComposer.Content(rendered.subject(), rendered.text(), rendered.html());
        } catch (EmailTemplates.TemplateFailure | IllegalArgumentException broken) {
            throw RemoteSystemException.permanent(broken.getMessage());
        }
    }

    /** FreeMarker caches parsed templates per configuration, so one is kept for each directory and default locale. */
    private EmailTemplates templates(EmailSettings settings) {
        return templates.computeIfAbsent(new TemplateSource(settings.templateDirectory(), settings.defaultLocale()),
                source -> new EmailTemplates(source.directory(), source.defaultLocale()));
    }

    private static InternetAddress recipient(String address) {
        try {
            InternetAddress parsed = new InternetAddress(Objects.requireNonNull(address).trim(), true);
            if (parsed.getPersonal() != null || parsed.getAddress().indexOf('@') < 1) {
                throw new IllegalArgumentException("the recipient must be a bare e-mail address");
            }
            return parsed;
        } catch (AddressException e) {
            throw new IllegalArgumentException("the recipient is not a valid e-mail address");
        }
    }

    private record TemplateSource(Path directory, Locale defaultLocale) {
    }
}
