package dev.liaison.connectors.sms;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recipient numbers as the profile store keeps them: E.164, a plus and up to fifteen digits. Separators people type
 * (spaces, dashes, dots, brackets) are dropped; anything else is refused rather than guessed, since a guessed
 * country code sends the message to a stranger.
 */
final class Phones {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");

    private Phones() {
    }

    static Optional<String> e164(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = SEPARATORS.matcher(raw).replaceAll("");
        return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
    }

    /** The number without its plus, as SMS.ru wants it in {@code to} and writes it as the key of its answer. */
    static String digits(String e164) {
        return e164.substring(1);
    }
}
