package dev.liaison.profile.consent;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads consent out of CRM contact fields: the connection setting {@code consentFields} maps a field to a purpose
 * and channel ({@code UF_CRM_NEWS=marketing_email:email}), and a field's value becomes a grant or a withdrawal.
 */
public final class ConsentFieldMapping {

    public record Target(String purpose, String channel) {
    }

    private static final Set<String> YES = Set.of("y", "yes", "1", "true", "on", "да", "granted");
    private static final Set<String> NO = Set.of("n", "no", "0", "false", "off", "нет", "withdrawn", "");

    private final Map<String, Target> targets;

    private ConsentFieldMapping(Map<String, Target> targets) {
        this.targets = targets;
    }

    /** @throws IllegalArgumentException naming the malformed entry */
    public static ConsentFieldMapping parse(String setting) {
        Map<String, Target> targets = new LinkedHashMap<>();
        if (setting != null) {
            for (String entry : setting.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] fieldAndTarget = entry.split("=", 2);
                String[] purposeAndChannel = fieldAndTarget.length == 2 ? fieldAndTarget[1].split(":", 2) : new String[0];
                if (purposeAndChannel.length != 2 || fieldAndTarget[0].isBlank() || purposeAndChannel[0].isBlank()
                        || purposeAndChannel[1].isBlank()) {
                    throw new IllegalArgumentException("consentFields entry '" + entry.trim()
                            + "' is not FIELD=purpose:channel");
                }
                targets.put(fieldAndTarget[0].trim(),
                        new Target(purposeAndChannel[0].trim(), purposeAndChannel[1].trim()));
            }
        }
        return new ConsentFieldMapping(targets);
    }

    public Map<String, Target> targets() {
        return Map.copyOf(targets);
    }

    /** The decision a field value stands for; empty when the value means neither (then nothing is recorded). */
    public static Optional<Decision> decisionOf(String value) {
        String normalised = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (YES.contains(normalised)) {
            return Optional.of(Decision.GRANTED);
        }
        if (NO.contains(normalised)) {
            return Optional.of(Decision.WITHDRAWN);
        }
        return Optional.empty();
    }
}
