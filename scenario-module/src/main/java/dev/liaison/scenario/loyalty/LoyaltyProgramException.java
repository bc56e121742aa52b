package dev.liaison.scenario.loyalty;

/**
 * A loyalty program file that cannot be loaded. The reason names keys, rule and tier names and allowed values from
 * the file, never profile data, so it is safe to log and to show to the admin who wrote the file.
 */
public class LoyaltyProgramException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    public LoyaltyProgramException(int line, String reason) {
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
