package dev.liaison.scenario.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Decides a ticket's routing: the first rule whose condition is true wins, and the default rule always matches. */
public final class Router {

    public Decision decide(RoutingRules rules, RoutingContext context, AgentLoad load) {
        List<RuleOutcome> evaluated = new ArrayList<>();
        for (Rule rule : rules.conditionalRules()) {
            ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(rule.when(), context);
            evaluated.add(new RuleOutcome(rule.name(), evaluation.matched(), evaluation.observed(),
                    evaluation.failure()));
            if (evaluation.matched()) {
                return decision(rule, evaluation.observed(), explain(rule, evaluation.observed()), evaluated, load);
            }
        }
        Rule fallback = rules.defaultRule();
        evaluated.add(new RuleOutcome(fallback.name(), true, Map.of(), null));
        String explanation = "Routed by Liaison rule '" + fallback.name() + "': no other rule matched.";
        return decision(fallback, Map.of(), explanation, evaluated, load);
    }

    private static Decision decision(Rule rule, Map<String, String> observed, String explanation,
                                     List<RuleOutcome> evaluated, AgentLoad load) {
        Route route = rule.route();
        String assignee = route.assignee() == null ? null : route.assignee().choose(rule.name(), load);
        return new Decision(rule.name(), route.group(), assignee, route.priority(), route.tags(), explanation,
                observed, evaluated);
    }

    private static String explain(Rule rule, Map<String, String> observed) {
        String sentence = "Routed by Liaison rule '" + rule.name() + "'";
        if (observed.isEmpty()) {
            return sentence + ".";
        }
        return sentence + ": " + observed.entrySet().stream()
                .map(value -> value.getKey() + " = " + value.getValue())
                .collect(Collectors.joining(", "));
    }
}
