package dev.liaison.scenario.routing;

import java.util.List;

/**
 * A rule's condition: a Jakarta EL expression, written without {@code ${ }}, and the variable paths it reads (for
 * example {@code profile.attributes.tier}), which are evaluated again after the condition to record what it saw.
 */
public record Condition(String expression, List<String> paths) {

    public Condition {
        paths = List.copyOf(paths);
    }
}
