package dev.liaison.scenario.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Zendesk's ticket priorities. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    /** The spelling used in rule files and by the Zendesk API. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Priority> fromValue(String value) {
        return Arrays.stream(values()).filter(priority -> priority.value().equals(value)).findFirst();
    }
}
