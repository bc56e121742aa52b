package dev.liaison.connectors.email;

import dev.liaison.connector.api.MessageSender.OutboundMessage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the caller asks of one e-mail, read from an {@link OutboundMessage}. The SPI's message carries a subject, a
 * body and a header map; e-mail needs more (a template, a locale, a consent purpose, a profile), so header keys that
 * start with {@value #PREFIX} are instructions to this sender and are never written into the mail:
 *
 * <ul>
 *   <li>{@value #TEMPLATE}: the template name; without it the message's own subject and body are sent as plain text;
 *   <li>{@value #LOCALE}: the recipient's language tag, e.g. {@code ru-RU};
 *   <li>{@value #PURPOSE}: the consent purpose the message is sent under; anything but {@value #SERVICE_PURPOSE}
 *       (the default) is consent-based and gets the one-click unsubscribe headers;
 *   <li>{@value #PROFILE}: the profile id the unsubscribe token names; required for consent-based mail;
 *   <li>{@value #VARIABLE_PREFIX}{@code <name>}: a template variable.
 * </ul>
 *
 * Other keys are extra mail headers; those the sender composes itself are refused.
 */
record EmailRequest(
        String template,
        String languageTag,
        String purpose,
        String profileId,
        Map<String, String> variables,
        Map<String, String> extraHeaders) {

    static final String PREFIX = "liaison.";
    static final String TEMPLATE = PREFIX + "template";
    static final String LOCALE = PREFIX + "locale";
    static final String PURPOSE = PREFIX + "purpose";
    static final String PROFILE = PREFIX + "profile";
    static final String VARIABLE_PREFIX = PREFIX + "var.";
    static final String SERVICE_PURPOSE = "service";

    private static final Set<String> COMPOSED_HEADERS = Set.of(
            "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "mime-version",
            "content-type", "content-transfer-encoding", "list-unsubscribe", "list-unsubscribe-post",
            "return-path", "received");
    /** RFC 5322 field-name: printable US-ASCII except the colon. */
    private static final String FIELD_NAME = "[\\x21-\\x39\\x3B-\\x7E]+";

    static EmailRequest of(OutboundMessage message) {
        Map<String, String> variables = new TreeMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            String key = header.getKey();
            if (key.startsWith(VARIABLE_PREFIX)) {
                variables.put(key.substring(VARIABLE_PREFIX.length()), header.getValue());
            } else if (key.startsWith(PREFIX)) {
                if (!Set.of(TEMPLATE, LOCALE, PURPOSE, PROFILE).contains(key)) {
                    throw new IllegalArgumentException("unknown sender instruction '" + key + "'");
                }
            } else {
                extra.put(checkedName(key), checkedValue(key, header.getValue()));
            }
        }
        String purpose = blankToNull(message.headers().get(PURPOSE));
        return new EmailRequest(blankToNull(message.headers().get(TEMPLATE)),
                blankToNull(message.headers().get(LOCALE)),
                purpose == null ? SERVICE_PURPOSE : purpose,
                blankToNull(message.headers().get(PROFILE)),
                Map.copyOf(variables), Map.copyOf(extra));
    }

    /** Consent-based mail (marketing, loyalty...) must offer a one-click way out; service mail must not pretend to. */
    boolean consentBased() {
        return !SERVICE_PURPOSE.equals(purpose);
    }

    private static String checkedName(String name) {
        if (!name.matches(FIELD_NAME)) {
            throw new IllegalArgumentException("header name '" + name + "' is not an RFC 5322 field name");
        }
        if (COMPOSED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header '" + name + "' is composed by the sender and cannot be set");
        }
        return name;
    }

    private static String checkedValue(String name, String value) {
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header '" + name + "' must be one line");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
