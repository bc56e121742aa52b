package dev.liaison.connectors.sms;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.SettingChecks;
import dev.liaison.connector.api.SettingsSpec;
import dev.liaison.connectors.support.RateLimit;
import java.net.URI;

/**
 * Settings every SMS kind takes besides its credentials. Problems fail with an {@link IllegalArgumentException}
 * naming the setting, never its value.
 */
final class SmsSettings {

    static final String BASE_URL = "baseUrl";
    static final String REQUESTS_PER_SECOND = "requestsPerSecond";
    static final String WEBHOOK_SECRET = "webhookSecret";

    /** Well above what any gateway account allows; more only earns throttling errors. */
    static final int MAX_REQUESTS_PER_SECOND = 1000;

    private SmsSettings() {
    }

    static SettingsSpec.Field baseUrl(String defaultUrl) {
        return SettingsSpec.optional(BASE_URL, "the API origin (" + defaultUrl + "); a backup host or a test fake")
                .checked(SettingChecks.outboundUrl());
    }

    static SettingsSpec.Field requestsPerSecond(int fallback) {
        return SettingsSpec.optional(REQUESTS_PER_SECOND, "sends per second this connection may make (" + fallback + ")")
                .checked(SettingChecks.wholeNumber(1, MAX_REQUESTS_PER_SECOND));
    }

    static SettingsSpec.Field webhookSecret() {
        return SettingsSpec.requiredSecret(WEBHOOK_SECRET, "the unguessable value of the 'secret' query parameter in "
                + "the status callback URL given to the gateway: /hooks/{connectionId}?secret=...")
                .checked(SettingChecks.minLength(SettingChecks.SHARED_SECRET_MIN_LENGTH));
    }

    static URI baseUri(ConnectionContext connection, String fallback) {
        String text = connection.setting(BASE_URL).orElse(fallback).trim().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting '" + BASE_URL + "' is not a URL");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("setting '" + BASE_URL + "' must be an http(s) URL");
        }
        return uri;
    }

    /** Sends are spread evenly: a burst of as many as the rate, so a queue drains without tripping the gateway. */
    static RateLimit rateLimit(ConnectionContext connection, int fallback) {
        int perSecond = connection.setting(REQUESTS_PER_SECOND).map(SmsSettings::positive).orElse(fallback);
        return new RateLimit(perSecond, perSecond);
    }

    private static int positive(String text) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value <= 0) {
            throw new IllegalArgumentException("setting '" + REQUESTS_PER_SECOND + "' must be a positive whole number");
        }
        return value;
    }
}
