package dev.liaison.scenario.routing;

/**
 * One routing rule. {@code when} is {@code null} for the default rule, which matches every ticket; {@code line} is
 * where the rule starts in its file, for traces and error messages.
 */
public record Rule(String name, Condition when, Route route, int line) {

    public boolean isDefault() {
        return when == null;
    }
}
