package dev.liaison.scenario.engine;

/** A scenario definition that cannot run, with the 1-based line of the problem (0 when it is the whole file). */
public class ScenarioException extends Exception {

    private final int line;
    private final String reason;

    public ScenarioException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason);
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
