package dev.liaison.scenario.routing;

import java.util.List;

/** A loaded rule file: conditional rules in the order they are tried, then exactly one default rule. */
public record RoutingRules(List<Rule> rules) {

    /** Guards what {@link Router} relies on, also for rules built in code rather than parsed. */
    public RoutingRules {
        rules = List.copyOf(rules);
        if (rules.isEmpty() || !rules.get(rules.size() - 1).isDefault()) {
            throw new IllegalArgumentException("the last rule must be the default rule");
        }
        if (rules.stream().filter(Rule::isDefault).count() != 1) {
            throw new IllegalArgumentException("there must be exactly one default rule");
        }
    }

    /**
     * Reads and validates a rule file.
     *
     * @throws RoutingRulesException naming the line and reason of the first problem found
     */
    public static RoutingRules parse(String yaml) throws RoutingRulesException {
        return RulesParser.parse(yaml);
    }

    /** The rules with a condition, in the order they are tried. */
    public List<Rule> conditionalRules() {
        return rules.subList(0, rules.size() - 1);
    }

    /** The rule that applies when no conditional rule matched. */
    public Rule defaultRule() {
        return rules.get(rules.size() - 1);
    }
}
