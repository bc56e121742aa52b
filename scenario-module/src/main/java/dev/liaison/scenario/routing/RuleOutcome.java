package dev.liaison.scenario.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one rule fared for a ticket, for the trace. {@code failure} is {@code null} unless the condition could not be
 * evaluated or did not give a boolean; such a rule does not match. {@code observed} holds the values the condition
 * read, keyed by path.
 */
public record RuleOutcome(String ruleName, boolean matched, Map<String, String> observed, String failure) {

    public RuleOutcome {
        observed = Collections.unmodifiableMap(new LinkedHashMap<>(observed));
    }
}
