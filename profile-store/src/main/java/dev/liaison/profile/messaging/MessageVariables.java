package dev.liaison.profile.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The limits of a message's template variables, for whoever takes them from a person (the admin API, the console):
 * names a template can refer to, values of a sensible size, not so many that the outbox payload balloons. A scenario's
 * variables are checked when the scenario is uploaded; these are for the ones typed in by hand.
 */
public final class MessageVariables {

    public static final int COUNT_LIMIT = 50;
    public static final int VALUE_LIMIT = 1000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private MessageVariables() {
    }

    /**
     * What is wrong with the variables, by field ({@code variables} or {@code variables.<name>}); empty when nothing.
     */
    public static Map<String, String> problems(Map<String, String> variables) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (variables.size() > COUNT_LIMIT) {
            problems.put("variables", "must have at most " + COUNT_LIMIT + " members");
        }
        variables.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                problems.put("variables." + name, "is not a variable name (a letter or _, then letters, digits or _; "
                        + "at most 64)");
            } else if (value.length() > VALUE_LIMIT) {
                problems.put("variables." + name, "must be at most " + VALUE_LIMIT + " characters");
            }
        });
        return problems;
    }
}
