package dev.liaison.scenario.engine;

import dev.liaison.scenario.yaml.InvalidFileException;

/** A scenario definition that cannot run. */
public class ScenarioException extends InvalidFileException {

    private static final long serialVersionUID = 1L;

    public ScenarioException(int line, String reason) {
        super(line, reason);
    }
}
