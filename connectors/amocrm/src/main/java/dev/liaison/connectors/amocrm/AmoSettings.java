package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.SettingChecks;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connectors.support.RateLimit;
import java.net.URI;
import java.util.Currency;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of one amoCRM connection, read and checked: the record holds where API calls go, how fast, and the
 * currency of the account's deal amounts; the Bearer token comes from {@link AmoTokens}, and webhook verification
 * reads its settings alone, so that it works on a connection whose token is missing. Failures are
 * {@link IllegalArgumentException}s that name the setting, never its value.
 * <p>
 * A connection either carries a private integration's long-lived {@code accessToken}, or is an OAuth connection
 * ({@code clientId} set) whose {@code accessToken}, {@code refreshToken} and {@code expiresAt} Liaison stores itself
 * after the authorization-code exchange and rotates on every refresh.
 */
record AmoSettings(URI baseUri, RateLimit rateLimit, String currency) {

    static final String SUBDOMAIN = "subdomain";
    static final String ACCOUNT_ID = "accountId";
    static final String BASE_URL = "baseUrl";
    static final String ACCESS_TOKEN = "accessToken";
    static final String WEBHOOK_SECRET = "webhookSecret";
    static final String WEBHOOK_URL = "webhookUrl";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String REDIRECT_URI = "redirectUri";
    static final String REFRESH_TOKEN = "refreshToken";
    static final String EXPIRES_AT = "expiresAt";
    static final String OAUTH_STATE = "oauthState";
    static final String RATE_PER_SECOND = "ratePerSecond";
    static final String CURRENCY = "currency";

    /** amoCRM's home market; an account that sells in another currency says so in {@link #CURRENCY}. */
    static final String DEFAULT_CURRENCY = "RUB";

    /** amoCRM: "not more than 7 requests per second" per account; paced {@link RateLimit#PACING_MARGIN} under it. */
    static final double PUBLISHED_RATE_PER_SECOND = 7;

    /** A configured rate is paced exactly; far above amoCRM's published one only earns an IP block. */
    static final double MAX_RATE_PER_SECOND = 100;
    private static final Pattern SUBDOMAIN_FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");
    private static final Pattern ACCOUNT_ID_FORMAT = Pattern.compile("[0-9]{1,19}");

    static final SettingsSpec SPEC = SettingsSpec.of(
            SettingsSpec.required(SUBDOMAIN, "the account's subdomain, as in {subdomain}.amocrm.ru")
                    .checked(SettingChecks.matches(SUBDOMAIN_FORMAT, "a bare subdomain such as 'acme'")),
            SettingsSpec.required(ACCOUNT_ID, "the numeric account id; webhooks for any other account are refused")
                    .checked(SettingChecks.matches(ACCOUNT_ID_FORMAT, "the numeric account id")),
            SettingsSpec.optional(BASE_URL, "the API origin (https://{subdomain}.amocrm.ru); for Kommo "
                    + "https://{subdomain}.kommo.com").checked(SettingChecks.outboundUrl()),
            optionalSecret(ACCESS_TOKEN, "a long-lived token of a private integration, sent as Bearer; on an OAuth "
                    + "connection, the current access token, stored by Liaison"),
            SettingsSpec.optional(CLIENT_ID, "the integration ID (OAuth); with it, the connection is authorized "
                    + "through GET /api/admin/connections/{id}/oauth/authorize-url and its tokens are refreshed"),
            optionalSecret(CLIENT_SECRET, "the integration's secret key (OAuth)"),
            SettingsSpec.optional(REDIRECT_URI, "the integration's Redirect URI exactly as registered in amoCRM (OAuth): "
                    + "https://{liaison host}/oauth/amocrm/callback").checked(SettingChecks.remoteUrl()),
            optionalSecret(REFRESH_TOKEN, "the single-use refresh token, stored and rotated by Liaison (OAuth)"),
            optionalSecret(EXPIRES_AT, "when the stored access token expires (ISO-8601), stored by Liaison (OAuth)")
                    .checked(SettingChecks.instant()),
            optionalSecret(OAUTH_STATE, "the pending authorization's state, stored by Liaison (OAuth)"),
            SettingsSpec.requiredSecret(WEBHOOK_SECRET, "the unguessable value of the 'secret' query parameter in "
                    + "the webhook URL Liaison registers; amoCRM does not sign webhooks")
                    .checked(SettingChecks.minLength(SettingChecks.SHARED_SECRET_MIN_LENGTH)),
            SettingsSpec.optional(WEBHOOK_URL, "the webhook URL, without its secret, that Liaison registered in the "
                    + "account, stored by Liaison; disconnecting removes the webhook with this URL and then clears it")
                    .checked(SettingChecks.remoteUrl()),
            SettingsSpec.optional(RATE_PER_SECOND, "requests per second to this account, paced exactly "
                    + "(6.65, 5 % under amoCRM's 7)").checked(SettingChecks.positiveDecimal(MAX_RATE_PER_SECOND)),
            SettingsSpec.optional(CURRENCY, "the ISO 4217 code of the currency the account's deal amounts are in ("
                    + DEFAULT_CURRENCY + "); amoCRM keeps none per lead and API v4 does not report the account's")
                    .checked(SettingChecks.currencyCode()),
            SettingsSpec.consentFields()).withSyncSettings();

    static AmoSettings of(ConnectionContext connection) {
        return new AmoSettings(baseUri(connection), rateLimit(connection), currency(connection));
    }

    static boolean oauth(ConnectionContext connection) {
        return connection.setting(CLIENT_ID).isPresent();
    }

    /** Secret settings that only one of the two ways of connecting needs, so none of them can be required. */
    private static SettingsSpec.Field optionalSecret(String name, String description) {
        return new SettingsSpec.Field(name, false, true, description);
    }

    static String subdomain(ConnectionContext connection) {
        String subdomain = connection.requiredSetting(SUBDOMAIN).trim();
        if (!subdomain.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("setting '" + SUBDOMAIN + "' must be a bare subdomain such as 'acme'");
        }
        return subdomain;
    }

    static String accountId(ConnectionContext connection) {
        String accountId = connection.requiredSetting(ACCOUNT_ID).trim();
        if (!accountId.matches("[0-9]{1,19}")) {
            throw new IllegalArgumentException("setting '" + ACCOUNT_ID + "' must be the numeric account id");
        }
        return accountId;
    }

    static String webhookSecret(ConnectionContext connection) {
        return connection.requiredSetting(WEBHOOK_SECRET);
    }

    /** Checked against the JDK's ISO 4217 list, so that a typo fails at the first call rather than in loyalty rates. */
    static String currency(ConnectionContext connection) {
        String code = connection.setting(CURRENCY).map(String::trim).orElse(DEFAULT_CURRENCY);
        if (!code.matches("[A-Z]{3}") || !isoCurrency(code)) {
            throw new IllegalArgumentException("setting '" + CURRENCY + "' must be an ISO 4217 currency code in "
                    + "upper case, such as RUB or USD");
        }
        return code;
    }

    private static boolean isoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static URI baseUri(ConnectionContext connection) {
        Optional<String> baseUrl = connection.setting(BASE_URL);
        if (baseUrl.isEmpty()) {
            return URI.create("https://" + subdomain(connection) + ".amocrm.ru");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.get().trim().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting '" + BASE_URL + "' is not a URL");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("setting '" + BASE_URL + "' must be an http(s) URL");
        }
        return uri;
    }

    /**
     * A bucket of one request refilled at the configured rate: a burst larger than one would let more than the
     * account's limit into a single second, and amoCRM answers repeated excess with an IP block. A configured rate
     * is kept exactly; the default keeps a margin under the published one.
     */
    static RateLimit rateLimit(ConnectionContext connection) {
        return connection.setting(RATE_PER_SECOND).map(text -> new RateLimit(positive(text), 1))
                .orElseGet(() -> RateLimit.underPublished(PUBLISHED_RATE_PER_SECOND, 1));
    }

    private static double positive(String text) {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("setting '" + RATE_PER_SECOND + "' must be a positive number");
        }
        return value;
    }
}
