package dev.liaison.scenario.loyalty;

import dev.liaison.scenario.yaml.InvalidFileException;

/** A loyalty program file that cannot be loaded. */
public class LoyaltyProgramException extends InvalidFileException {

    private static final long serialVersionUID = 1L;

    public LoyaltyProgramException(int line, String reason) {
        super(line, reason);
    }
}
