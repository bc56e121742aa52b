package dev.liaison.scenario.routing;

/**
 * A routing rule file that cannot be loaded. The reason names keys, rule names and allowed values from the file,
 * never ticket or profile data, so it is safe to log and to show to the admin who uploaded the file.
 */
public class RoutingRulesException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    public RoutingRulesException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    /** The 1-based line of the offending node. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
