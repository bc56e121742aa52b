package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.SettingChecks;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connectors.support.RateLimit;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of one Zendesk connection, read and checked. {@link SettingsSpec} can only say "required", so the
 * "one of" rules (subdomain or baseUrl; email + apiToken or oauthToken) are checked here and fail with an
 * {@link IllegalArgumentException} that names the setting, never its value.
 */
record ZendeskSettings(
        URI baseUri,
        String authorization,
        List<String> signingSecrets,
        Duration replayWindow,
        RateLimit apiLimit,
        RateLimit exportLimit) {

    static final String SUBDOMAIN = "subdomain";
    static final String BASE_URL = "baseUrl";
    static final String EMAIL = "email";
    static final String API_TOKEN = "apiToken";
    static final String OAUTH_TOKEN = "oauthToken";
    static final String SIGNING_SECRET = "signingSecret";
    static final String TRIGGER_SIGNING_SECRET = "triggerSigningSecret";
    static final String REPLAY_WINDOW_SECONDS = "replayWindowSeconds";
    static final String REQUESTS_PER_MINUTE = "requestsPerMinute";
    static final String EXPORT_REQUESTS_PER_MINUTE = "exportRequestsPerMinute";

    /** Zendesk's documented example plan limit, and the incremental export endpoints' own limit. */
    static final int DEFAULT_REQUESTS_PER_MINUTE = 700;
    static final int DEFAULT_EXPORT_REQUESTS_PER_MINUTE = 10;
    static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(5);

    /** Beyond an hour a captured delivery could be replayed long after the fact: no protection worth the name. */
    static final long MAX_REPLAY_WINDOW_SECONDS = 3600;
    /** Above Zendesk's highest published plan limit (2,500 with the High Volume add-on). */
    static final long MAX_REQUESTS_PER_MINUTE = 100_000;
    private static final Pattern SUBDOMAIN_FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");
    private static final Pattern EMAIL_FORMAT = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    static final SettingsSpec SPEC = SettingsSpec.of(
            SettingsSpec.optional(SUBDOMAIN, "the account's subdomain, as in {subdomain}.zendesk.com (or set baseUrl)")
                    .checked(SettingChecks.matches(SUBDOMAIN_FORMAT, "a bare subdomain such as 'acme'")),
            SettingsSpec.optional(BASE_URL, "the API origin, e.g. https://acme.zendesk.com (or set subdomain)")
                    .checked(SettingChecks.outboundUrl()),
            SettingsSpec.optional(EMAIL, "the agent e-mail an API token belongs to (with apiToken)")
                    .checked(SettingChecks.matches(EMAIL_FORMAT, "an e-mail address")),
            new SettingsSpec.Field(API_TOKEN, false, true, "an API token; Basic auth as {email}/token:{apiToken}"),
            new SettingsSpec.Field(OAUTH_TOKEN, false, true, "an OAuth access token, instead of email + apiToken"),
            SettingsSpec.requiredSecret(SIGNING_SECRET, "the signing secret of the webhook that posts here")
                    .checked(SettingChecks.minLength(SettingChecks.SHARED_SECRET_MIN_LENGTH)),
            new SettingsSpec.Field(TRIGGER_SIGNING_SECRET, false, true,
                    "the signing secret of a second webhook, when trigger and event-subscription webhooks both post here")
                    .checked(SettingChecks.minLength(SettingChecks.SHARED_SECRET_MIN_LENGTH)),
            SettingsSpec.optional(REPLAY_WINDOW_SECONDS, "how far a delivery's signed timestamp may be from now (300)")
                    .checked(SettingChecks.wholeNumber(1, MAX_REPLAY_WINDOW_SECONDS)),
            SettingsSpec.optional(REQUESTS_PER_MINUTE, "the account's API rate limit per minute (700)")
                    .checked(SettingChecks.wholeNumber(1, MAX_REQUESTS_PER_MINUTE)),
            SettingsSpec.optional(EXPORT_REQUESTS_PER_MINUTE, "the incremental export limit per minute (10)")
                    .checked(SettingChecks.wholeNumber(1, MAX_REQUESTS_PER_MINUTE)),
            SettingsSpec.consentFields()).withSyncSettings();

    /** What webhook verification needs; it must not fail on a connection whose API credentials are incomplete. */
    static List<String> signingSecrets(ConnectionContext connection) {
        List<String> secrets = new ArrayList<>();
        secrets.add(connection.requiredSetting(SIGNING_SECRET));
        connection.setting(TRIGGER_SIGNING_SECRET).ifPresent(secrets::add);
        return secrets;
    }

    static Duration replayWindow(ConnectionContext connection) {
        return connection.setting(REPLAY_WINDOW_SECONDS)
                .map(seconds -> Duration.ofSeconds(positive(REPLAY_WINDOW_SECONDS, seconds)))
                .orElse(DEFAULT_REPLAY_WINDOW);
    }

    static ZendeskSettings of(ConnectionContext connection) {
        return new ZendeskSettings(baseUri(connection), authorization(connection), signingSecrets(connection),
                replayWindow(connection),
                perMinute(connection, REQUESTS_PER_MINUTE, DEFAULT_REQUESTS_PER_MINUTE),
                perMinute(connection, EXPORT_REQUESTS_PER_MINUTE, DEFAULT_EXPORT_REQUESTS_PER_MINUTE));
    }

    /**
     * A bucket that never lets more than {@code perMinute} requests into any one minute: a burst of about a
     * seventieth of the limit, and a refill shortened by that burst so that burst plus refill stay within it, paced
     * {@link RateLimit#PACING_MARGIN} under that so that jitter does not cost a refusal (six seconds on the export).
     */
    static RateLimit perMinute(int perMinute) {
        long burst = Math.max(1, perMinute / 70);
        return RateLimit.underPublished((perMinute - burst + 1) / 60.0, burst);
    }

    private static RateLimit perMinute(ConnectionContext connection, String name, int fallback) {
        return perMinute(connection.setting(name).map(text -> (int) positive(name, text)).orElse(fallback));
    }

    private static URI baseUri(ConnectionContext connection) {
        Optional<String> baseUrl = connection.setting(BASE_URL);
        if (baseUrl.isPresent()) {
            URI uri;
            try {
                uri = URI.create(baseUrl.get().trim().replaceAll("/+$", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting '" + BASE_URL + "' is not a URL");
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException("setting '" + BASE_URL + "' must be an http(s) URL");
            }
            return uri;
        }
        String subdomain = connection.setting(SUBDOMAIN).orElseThrow(() -> new IllegalArgumentException(
                "connection " + connection.id() + " needs setting '" + SUBDOMAIN + "' or '" + BASE_URL + "'"))
                .trim();
        if (!subdomain.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("setting '" + SUBDOMAIN + "' must be a bare subdomain such as 'acme'");
        }
        return URI.create("https://" + subdomain + ".zendesk.com");
    }

    private static String authorization(ConnectionContext connection) {
        Optional<String> oauth = connection.setting(OAUTH_TOKEN);
        if (oauth.isPresent()) {
            return "Bearer " + oauth.get().trim();
        }
        Optional<String> email = connection.setting(EMAIL);
        Optional<String> token = connection.setting(API_TOKEN);
        if (email.isPresent() && token.isPresent()) {
            String credentials = email.get().trim() + "/token:" + token.get().trim();
            return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        }
        String missing = email.isPresent() ? API_TOKEN : token.isPresent() ? EMAIL : EMAIL + "' + '" + API_TOKEN;
        throw new IllegalArgumentException("connection " + connection.id() + " needs setting '" + missing
                + "' or '" + OAUTH_TOKEN + "' to call the Zendesk API");
    }

    private static long positive(String name, String value) {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        if (parsed <= 0 || parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("setting '" + name + "' must be a positive whole number");
        }
        return parsed;
    }
}
