package dev.liaison.scenario.examples;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shipped example file: its name (the file name without {@code .yaml}), what it holds and its first comment
 * line, which says what it does.
 */
public record Example(String name, Kind kind, String title, String source) {

    /** What an example file holds, told by its top-level key. */
    public enum Kind {
        /** A scenario ({@code scenario:}): imported as the next version of its name. */
        SCENARIO,
        /** Help-desk routing rules ({@code rules:}): imported as the workspace's next rule set. */
        ROUTING
    }

    private static final Pattern SCENARIO_KEY = Pattern.compile("(?m)^scenario\\s*:");
    private static final Pattern RULES_KEY = Pattern.compile("(?m)^rules\\s*:");
    private static final Pattern FIRST_COMMENT = Pattern.compile("\\A\\s*#\\s*(.+)");

    /** The example a file is, or empty for a file that is neither a scenario nor routing rules (the loyalty program). */
    public static Optional<Example> of(String name, String source) {
        Kind kind = SCENARIO_KEY.matcher(source).find() ? Kind.SCENARIO
                : RULES_KEY.matcher(source).find() ? Kind.ROUTING : null;
        if (kind == null) {
            return Optional.empty();
        }
        Matcher comment = FIRST_COMMENT.matcher(source);
        return Optional.of(new Example(name, kind, comment.find() ? comment.group(1).strip() : name, source));
    }
}
