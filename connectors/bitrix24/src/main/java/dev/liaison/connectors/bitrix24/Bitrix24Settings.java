package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.SettingChecks;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connectors.support.RateLimit;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of one Bitrix24 connection, read and checked. A connection is either an incoming + outgoing webhook
 * pair or, when {@code clientId} is set, a local application with OAuth whose tokens, portal and application token
 * are written by the install handler. Problems fail with an {@link IllegalArgumentException} or
 * {@link IllegalStateException} that names the setting, never its value: the incoming webhook URL carries the
 * webhook's secret code in its path.
 */
record Bitrix24Settings(URI restBase, RateLimit rateLimit, boolean oauth) {

    static final String PORTAL_URL = "portalUrl";
    static final String INCOMING_WEBHOOK_URL = "incomingWebhookUrl";
    static final String APPLICATION_TOKEN = "applicationToken";
    static final String MEMBER_ID = "memberId";
    static final String DOMAIN = "domain";
    static final String PLAN = "plan";
    static final String RATE_PER_SECOND = "ratePerSecond";
    static final String BURST = "burst";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String OAUTH_SERVER_URL = "oauthServerUrl";
    static final String CLIENT_ENDPOINT = "clientEndpoint";
    static final String ACCESS_TOKEN = "accessToken";
    static final String REFRESH_TOKEN = "refreshToken";
    static final String EXPIRES_AT = "expiresAt";
    static final String UNINSTALLED_AT = "uninstalledAt";

    static final String DEFAULT_OAUTH_SERVER = "https://oauth.bitrix.info";

    /**
     * The leaky bucket of external-apis.md §1.4: Enterprise drains 5/s from 250, every other plan 2/s from 50. Paced
     * {@link RateLimit#PACING_MARGIN} under the drain, so that jitter does not fill the portal's bucket to a 503.
     */
    static final RateLimit STANDARD_LIMIT = RateLimit.underPublished(2, 50);
    static final RateLimit ENTERPRISE_LIMIT = RateLimit.underPublished(5, 250);

    /** Far above any plan's published limits: more only earns 503s and a blocked portal. */
    static final double MAX_RATE_PER_SECOND = 100;
    static final long MAX_BURST = 10_000;
    private static final Pattern DOMAIN_FORMAT = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    /**
     * Which settings a mode needs cannot be said per field, so none of the mode-specific ones is marked required:
     * {@link #of} and {@link #eventAuth} name what is missing on first use instead.
     */
    static final SettingsSpec SPEC = SettingsSpec.of(
            SettingsSpec.optional(PORTAL_URL, "webhook mode: the portal's address, e.g. https://example.bitrix24.ru")
                    .checked(SettingChecks.outboundUrl()),
            secret(INCOMING_WEBHOOK_URL, "webhook mode: the incoming webhook, https://<portal>/rest/<user_id>/<code>/, "
                    + "used for every REST call").checked(SettingChecks.outboundUrl()),
            secret(APPLICATION_TOKEN, "the token events are verified by: the outgoing webhook's (webhook mode) or "
                    + "the one ONAPPINSTALL delivered (application mode, written on install)"),
            SettingsSpec.optional(MEMBER_ID, "the portal's member_id, as in auth[member_id] of its events (written on "
                    + "install in application mode)"),
            SettingsSpec.optional(DOMAIN, "the portal's domain as in auth[domain] (the host of portalUrl; written on "
                    + "install in application mode)").checked(SettingChecks.matches(DOMAIN_FORMAT, "a host name such as example.bitrix24.ru")),
            SettingsSpec.optional(CLIENT_ID, "application mode: the local application's client_id (application ID); "
                    + "setting it selects OAuth instead of webhooks"),
            secret(CLIENT_SECRET, "application mode: the local application's client_secret (application key)"),
            SettingsSpec.optional(OAUTH_SERVER_URL, "application mode: the OAuth server (" + DEFAULT_OAUTH_SERVER + ")")
                    .checked(SettingChecks.outboundUrl()),
            SettingsSpec.optional(CLIENT_ENDPOINT, "application mode, written on install: the portal's REST endpoint, "
                    + "https://<portal>/rest/").checked(SettingChecks.outboundUrl()),
            secret(ACCESS_TOKEN, "application mode, written on install and refresh: the access token (1 hour)"),
            secret(REFRESH_TOKEN, "application mode, written on install and refresh: the refresh token (180 days, "
                    + "replaced on every refresh)"),
            SettingsSpec.optional(EXPIRES_AT, "application mode, written on install and refresh: when the access token "
                    + "expires (ISO-8601)").checked(SettingChecks.instant()),
            SettingsSpec.optional(UNINSTALLED_AT, "application mode, written by ONAPPUNINSTALL: set means the portal "
                    + "removed the application and every event is refused until it is installed again")
                    .checked(SettingChecks.instant()),
            SettingsSpec.optional(PLAN, "standard or enterprise: picks the REST rate limit (standard)")
                    .checked(SettingChecks.oneOf("standard", "enterprise")),
            SettingsSpec.optional(RATE_PER_SECOND, "REST requests per second, paced exactly; overrides "
                    + "the plan's (1.9, 5 % under the portal's 2)").checked(SettingChecks.positiveDecimal(MAX_RATE_PER_SECOND)),
            SettingsSpec.optional(BURST, "REST requests allowed at once, overrides the plan's (50)")
                    .checked(SettingChecks.wholeNumber(1, MAX_BURST)),
            SettingsSpec.consentFields()).withSyncSettings();

    static Bitrix24Settings of(ConnectionContext connection) {
        boolean oauth = oauth(connection.settings());
        if (oauth) {
            refuseUninstalled(connection.settings());
        }
        return new Bitrix24Settings(oauth ? clientEndpoint(connection) : restBase(connection), rateLimit(connection),
                oauth);
    }

    static boolean oauth(Map<String, String> settings) {
        return present(settings, CLIENT_ID);
    }

    static boolean present(Map<String, String> settings, String name) {
        String value = settings.get(name);
        return value != null && !value.isBlank();
    }

    /** After ONAPPUNINSTALL the portal has revoked every token; nothing of the connection may be used any more. */
    static void refuseUninstalled(Map<String, String> settings) {
        if (present(settings, UNINSTALLED_AT)) {
            throw new IllegalStateException("the application was uninstalled from the portal (setting '"
                    + UNINSTALLED_AT + "'); install it again to resume");
        }
    }

    private static SettingsSpec.Field secret(String name, String description) {
        return new SettingsSpec.Field(name, false, true, description);
    }

    /** What verifying an event needs; it must work even when the REST settings are incomplete. */
    record EventAuth(String applicationToken, String memberId, String domain) {
    }

    static EventAuth eventAuth(ConnectionContext connection) {
        refuseUninstalled(connection.settings());
        return new EventAuth(connection.requiredSetting(APPLICATION_TOKEN).trim(),
                connection.requiredSetting(MEMBER_ID).trim(), domain(connection));
    }

    private static String domain(ConnectionContext connection) {
        Optional<String> domain = connection.setting(DOMAIN);
        if (domain.isPresent()) {
            return domain.get().trim().toLowerCase(Locale.ROOT);
        }
        return httpUrl(connection, PORTAL_URL).getHost().toLowerCase(Locale.ROOT);
    }

    private static URI clientEndpoint(ConnectionContext connection) {
        if (!present(connection.settings(), CLIENT_ENDPOINT)) {
            throw new IllegalStateException("the local application is not installed in a portal yet (no setting '"
                    + CLIENT_ENDPOINT + "')");
        }
        String text = httpUrl(connection, CLIENT_ENDPOINT).toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    private static URI restBase(ConnectionContext connection) {
        URI uri = httpUrl(connection, INCOMING_WEBHOOK_URL);
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.matches(".*/rest/\\d+/[^/]+/?")) {
            throw new IllegalArgumentException("setting '" + INCOMING_WEBHOOK_URL
                    + "' must look like https://<portal>/rest/<user_id>/<code>/");
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    private static URI httpUrl(ConnectionContext connection, String name) {
        return httpUrl(name, connection.requiredSetting(name));
    }

    static URI httpUrl(String name, String text) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting '" + name + "' is not a URL");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("setting '" + name + "' must be an http(s) URL");
        }
        return uri;
    }

    private static RateLimit rateLimit(ConnectionContext connection) {
        String plan = connection.setting(PLAN).map(text -> text.trim().toLowerCase(Locale.ROOT)).orElse("standard");
        RateLimit base;
        if ("standard".equals(plan)) {
            base = STANDARD_LIMIT;
        } else if ("enterprise".equals(plan)) {
            base = ENTERPRISE_LIMIT;
        } else {
            throw new IllegalArgumentException("setting '" + PLAN + "' must be standard or enterprise");
        }
        double perSecond = connection.setting(RATE_PER_SECOND).map(text -> positiveDecimal(RATE_PER_SECOND, text))
                .orElse(base.perSecond());
        long burst = connection.setting(BURST).map(text -> (long) positiveDecimal(BURST, text)).orElse(base.burst());
        return new RateLimit(perSecond, burst);
    }

    private static double positiveDecimal(String name, String text) {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (!(value > 0) || Double.isInfinite(value) || (BURST.equals(name) && value != Math.rint(value))) {
            throw new IllegalArgumentException("setting '" + name + "' must be a positive "
                    + (BURST.equals(name) ? "whole number" : "number"));
        }
        return value;
    }
}
