package dev.liaison.scenario.tickets;

import dev.liaison.scenario.routing.Decision;
import dev.liaison.scenario.routing.RuleOutcome;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.Map;

/** A decision as a JSON trace: every rule tried, what each condition saw, what was decided and why. */
public final class RoutingTrace {

    private static final JsonProvider JSON = JsonProvider.provider();

    private RoutingTrace() {
    }

    public static String of(Decision decision) {
        JsonArrayBuilder evaluated = JSON.createArrayBuilder();
        for (RuleOutcome outcome : decision.evaluated()) {
            JsonObjectBuilder rule = JSON.createObjectBuilder().add("rule", outcome.ruleName())
                    .add("matched", outcome.matched()).add("observed", map(outcome.observed()));
            if (outcome.failure() != null) {
                rule.add("failure", outcome.failure());
            }
            evaluated.add(rule);
        }
        JsonArrayBuilder tags = JSON.createArrayBuilder();
        decision.tags().forEach(tags::add);
        JsonObjectBuilder chosen = JSON.createObjectBuilder().add("tags", tags);
        addIfPresent(chosen, "group", decision.group());
        addIfPresent(chosen, "assignee", decision.assignee());
        addIfPresent(chosen, "priority", decision.priority() == null ? null : decision.priority().value());
        return JSON.createObjectBuilder()
                .add("rule", decision.ruleName())
                .add("explanation", decision.explanation())
                .add("observed", map(decision.observed()))
                .add("decision", chosen)
                .add("evaluated", evaluated)
                .build().toString();
    }

    private static JsonObjectBuilder map(Map<String, String> values) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        values.forEach((name, value) -> addIfPresent(object, name, value));
        return object;
    }

    private static void addIfPresent(JsonObjectBuilder object, String name, String value) {
        if (value != null) {
            object.add(name, value);
        }
    }
}
