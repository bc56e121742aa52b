package dev.liaison.bench;

import dev.liaison.scenario.routing.Condition;
import dev.liaison.scenario.routing.ConditionEvaluator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ceiling: the deal-won trigger condition evaluated the way the engine evaluates it, with variables of the same
 * shape built for the same profile and deal, and nothing else (no database, no steps, no nested scenario). A
 * condition that does not match is a failure, since every deal is meant to match.
 */
final class ConditionClient implements LoadClient {

    private final Condition condition;
    private final List<String> profileIds;

    ConditionClient(Condition condition, List<String> profileIds) {
        this.condition = condition;
        this.profileIds = profileIds;
    }

    @Override
    public void send(long sequence) throws RequestFailed {
        int index = Math.toIntExact(sequence - 1);
        ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(condition,
                variables(DealWonScenario.facts(index), profileIds.get(index)));
        if (!evaluation.matched()) {
            throw new RequestFailed("the condition did not match: "
                    + (evaluation.failure() != null ? evaluation.failure() : "false") + " " + evaluation.observed());
        }
    }

    @Override
    public void close() {
    }

    /**
     * What ScenarioEngine.variables gives a deal.won condition for a profile that has no attributes (as the engine's
     * stand-in profiles have none) and no points yet under the shipped program: the deal as {@code event} and
     * {@code deal}, the profile's id and attributes, and its loyalty summary.
     */
    static Map<String, Object> variables(Map<String, Object> facts, String profileId) {
        Map<String, Object> event = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", profileId);
        profile.put("attributes", Map.of());
        Map<String, Object> loyalty = new LinkedHashMap<>();
        loyalty.put("tier", "basic");
        loyalty.put("balance", 0L);
        loyalty.put("qualifyingPoints", 0L);
        loyalty.put("expiringPoints", 0L);
        loyalty.put("nextExpiry", null);
        loyalty.put("nextTier", "silver");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("event", event);
        variables.put("deal", event);
        variables.put("profile", Collections.unmodifiableMap(profile));
        variables.put("loyalty", Collections.unmodifiableMap(loyalty));
        return variables;
    }
}
