package dev.liaison.scenario.yaml;

/**
 * A YAML file of Liaison's (routing rules, the loyalty program, a scenario) that cannot be loaded, with the 1-based
 * line of the offending node. Reasons name keys, names and allowed values from the file, never profile or ticket
 * data, so they are safe to log and to show to the admin who wrote the file.
 */
public abstract class InvalidFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    protected InvalidFileException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
