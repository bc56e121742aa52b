package dev.liaison.connector.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Operator settings that connectors read without MicroProfile Config (this module needs nothing but the JDK): a system
 * property, else the environment variable MicroProfile Config would map the key to ({@code liaison.a-b} is
 * {@code LIAISON_A_B}), so both ways of setting a key that the README documents work here too.
 */
public final class ServerConfig {

    private ServerConfig() {
    }

    /** The key's value, trimmed; empty when it is unset or blank. */
    public static Optional<String> value(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** A boolean key: true only when it is set to {@code true} in any case. */
    public static boolean flag(String key) {
        return value(key).map("true"::equalsIgnoreCase).orElse(false);
    }
}
