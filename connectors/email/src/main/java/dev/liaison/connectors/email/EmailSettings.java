package dev.liaison.connectors.email;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.SettingChecks;
import dev.liaison.connector.api.SettingsSpec;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of one e-mail connection, read and checked. The SMTP server itself (host, port, TLS, credentials) is
 * not here: it is the server's mail session, shared by every connection. A setting that is wrong fails with an
 * {@link IllegalArgumentException} that names the setting, never its value.
 */
record EmailSettings(
        InternetAddress from,
        InternetAddress replyTo,
        URI unsubscribeBase,
        List<String> unsubscribeSecrets,
        Path templateDirectory,
        Locale defaultLocale) {

    static final String FROM = "from";
    static final String REPLY_TO = "replyTo";
    static final String UNSUBSCRIBE_BASE_URL = "unsubscribeBaseUrl";
    static final String UNSUBSCRIBE_SECRET = "unsubscribeSecret";
    static final String TEMPLATE_DIRECTORY = "templateDirectory";
    static final String DEFAULT_LOCALE = "defaultLocale";

    static final Locale FALLBACK_LOCALE = Locale.ENGLISH;

    /** RFC 8058 requires HTTPS; plain HTTP is accepted only for a server on this machine, as in local end-to-end runs. */
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private static final String ADDRESS = "an RFC 5322 address such as \"Shop <news@shop.example>\"";

    static final SettingsSpec SPEC = SettingsSpec.of(
            SettingsSpec.required(FROM, "the From address, e.g. \"Shop <news@shop.example>\"; its domain also names "
                    + "the Message-IDs").checked(SettingChecks.parsedBy(value -> address(FROM, value), ADDRESS)),
            SettingsSpec.optional(REPLY_TO, "the Reply-To address")
                    .checked(SettingChecks.parsedBy(value -> address(REPLY_TO, value), ADDRESS)),
            SettingsSpec.optional(UNSUBSCRIBE_BASE_URL, "the https URL of Liaison's one-click unsubscribe endpoint, to "
                    + "which the token is appended, e.g. https://liaison.example/unsubscribe/; needed for marketing")
                    .checked(SettingChecks.parsedBy(EmailSettings::unsubscribeBase,
                            "an https URL without query or fragment (http only for localhost)")),
            new SettingsSpec.Field(UNSUBSCRIBE_SECRET, false, true, "the key unsubscribe tokens are signed with, at "
                    + "least " + UnsubscribeTokens.MIN_SECRET_LENGTH + " characters; several, comma-separated, while "
                    + "rotating (the first signs); needed for marketing")
                    .checked(SettingChecks.parsedBy(EmailSettings::signingSecrets, "one or more comma-separated "
                            + "secrets of at least " + UnsubscribeTokens.MIN_SECRET_LENGTH + " characters each")),
            SettingsSpec.optional(TEMPLATE_DIRECTORY, "a directory under the server's template root ("
                    + TemplateRoot.KEY + ") whose <name>/<locale>/ templates override the shipped ones")
                    .checked(SettingChecks.parsedBy(TemplateRoot::directory, TemplateRoot.EXPECTED)),
            SettingsSpec.optional(DEFAULT_LOCALE, "the last locale tried when a template has none for the "
                    + "recipient's (en)").checked(SettingChecks.parsedBy(EmailSettings::locale, "a language tag such as en")));

    static EmailSettings of(ConnectionContext connection) {
        return new EmailSettings(
                address(FROM, connection.requiredSetting(FROM)),
                connection.setting(REPLY_TO).map(value -> address(REPLY_TO, value)).orElse(null),
                connection.setting(UNSUBSCRIBE_BASE_URL).map(EmailSettings::unsubscribeBase).orElse(null),
                connection.setting(UNSUBSCRIBE_SECRET).map(EmailSettings::secrets).orElse(List.of()),
                connection.setting(TEMPLATE_DIRECTORY).map(TemplateRoot::directory).orElse(null),
                connection.setting(DEFAULT_LOCALE).map(EmailSettings::locale).orElse(FALLBACK_LOCALE));
    }

    /** Marketing mail may only go out with a working one-click unsubscribe; empty when it can. */
    Optional<String> marketingUnready() {
        if (unsubscribeBase == null) {
            return Optional.of("setting '" + UNSUBSCRIBE_BASE_URL + "' is missing");
        }
        if (unsubscribeSecrets.isEmpty()) {
            return Optional.of("setting '" + UNSUBSCRIBE_SECRET + "' is missing");
        }
        return Optional.empty();
    }

    UnsubscribeTokens tokens() {
        try {
            return new UnsubscribeTokens(unsubscribeSecrets);
        } catch (IllegalArgumentException weak) {
            throw new IllegalArgumentException("setting '" + UNSUBSCRIBE_SECRET + "': " + weak.getMessage());
        }
    }

    String unsubscribeUrl(String token) {
        return unsubscribeBase + token;
    }

    /** The right-hand side of Message-IDs: the sender's own domain, as RFC 5322 suggests. */
    String messageIdDomain() {
        String address = from.getAddress();
        return address.substring(address.lastIndexOf('@') + 1);
    }

    private static InternetAddress address(String setting, String value) {
        try {
            InternetAddress parsed = new InternetAddress(value.trim(), true);
            if (parsed.getAddress() == null || parsed.getAddress().indexOf('@') < 1) {
                throw new IllegalArgumentException("setting '" + setting + "' must be an e-mail address");
            }
            // Rebuilt with an explicit charset so a Cyrillic display name is written as an RFC 2047 encoded word.
            return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), StandardCharsets.UTF_8.name());
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("setting '" + setting + "' is not a valid RFC 5322 address");
        }
    }

    private static List<String> secrets(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(secret -> !secret.isEmpty()).toList();
    }

    /** The secrets as the tokens would use them, refused as they would refuse them. */
    private static void signingSecrets(String value) {
        new UnsubscribeTokens(secrets(value));
    }

    private static URI unsubscribeBase(String value) {
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting '" + UNSUBSCRIBE_BASE_URL + "' is not a URL");
        }
        boolean https = "https".equals(uri.getScheme());
        boolean localHttp = "http".equals(uri.getScheme()) && uri.getHost() != null
                && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (uri.getHost() == null || !(https || localHttp) || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("setting '" + UNSUBSCRIBE_BASE_URL
                    + "' must be an https URL without query or fragment (http only for localhost)");
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    private static Locale locale(String tag) {
        Locale locale = Locale.forLanguageTag(tag.trim());
        if (locale.getLanguage().isEmpty()) {
            throw new IllegalArgumentException("setting '" + DEFAULT_LOCALE + "' must be a language tag such as en");
        }
        return locale;
    }
}
