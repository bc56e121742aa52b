package dev.liaison.scenario.routing;

import java.util.Arrays;
import java.util.Optional;

/** How a rule picks the agent among the ones it names. */
public enum AssigneeStrategy {
    FIXED("fixed"),
    ROUND_ROBIN("round-robin"),
    LEAST_OPEN_TICKETS("least-open-tickets");

    private final String value;

    AssigneeStrategy(String value) {
        this.value = value;
    }

    /** The spelling used in rule files. */
    public String value() {
        return value;
    }

    static Optional<AssigneeStrategy> fromValue(String value) {
        return Arrays.stream(values()).filter(strategy -> strategy.value.equals(value)).findFirst();
    }
}
