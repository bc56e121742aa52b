package dev.liaison.scenario.routing;

import dev.liaison.scenario.yaml.InvalidFileException;

/** A routing rule file that cannot be loaded. */
public class RoutingRulesException extends InvalidFileException {

    private static final long serialVersionUID = 1L;

    public RoutingRulesException(int line, String reason) {
        super(line, reason);
    }
}
