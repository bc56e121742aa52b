package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connectors.support.RateLimit;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings of one Bitrix24 connection in incoming + outgoing webhook mode, read and checked. Problems fail with
 * an {@link IllegalArgumentException} that names the setting, never its value: the incoming webhook URL carries
 * the webhook's secret code in its path.
 */
record Bitrix24Settings(URI restBase, RateLimit rateLimit) {

    static final String PORTAL_URL = "portalUrl";
    static final String INCOMING_WEBHOOK_URL = "incomingWebhookUrl";
    static final String APPLICATION_TOKEN = "applicationToken";
    static final String MEMBER_ID = "memberId";
    static final String DOMAIN = "domain";
    static final String PLAN = "plan";
    static final String RATE_PER_SECOND = "ratePerSecond";
    static final String BURST = "burst";

    /** The leaky bucket of external-apis.md §1.4: Enterprise drains 5/s from 250, every other plan 2/s from 50. */
    static final RateLimit STANDARD_LIMIT = new RateLimit(2, 50);
    static final RateLimit ENTERPRISE_LIMIT = new RateLimit(5, 250);

    static final SettingsSpec SPEC = SettingsSpec.of(
            SettingsSpec.required(PORTAL_URL, "the portal's address, e.g. https://example.bitrix24.ru"),
            SettingsSpec.requiredSecret(INCOMING_WEBHOOK_URL,
                    "the incoming webhook, https://<portal>/rest/<user_id>/<code>/, used for every REST call"),
            SettingsSpec.requiredSecret(APPLICATION_TOKEN,
                    "the application token shown when the outgoing webhook was created"),
            SettingsSpec.required(MEMBER_ID, "the portal's member_id, as in auth[member_id] of its events"),
            SettingsSpec.optional(DOMAIN, "the portal's domain as in auth[domain] (the host of portalUrl)"),
            SettingsSpec.optional(PLAN, "standard or enterprise: picks the REST rate limit (standard)"),
            SettingsSpec.optional(RATE_PER_SECOND, "REST requests per second, overrides the plan's (2)"),
            SettingsSpec.optional(BURST, "REST requests allowed at once, overrides the plan's (50)"),
            SettingsSpec.consentFields());

    static Bitrix24Settings of(ConnectionContext connection) {
        return new Bitrix24Settings(restBase(connection), rateLimit(connection));
    }

    /** What verifying an event needs; it must work even when the REST settings are incomplete. */
    record EventAuth(String applicationToken, String memberId, String domain) {
    }

    static EventAuth eventAuth(ConnectionContext connection) {
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
        URI uri;
        try {
            uri = URI.create(connection.requiredSetting(name).trim());
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
