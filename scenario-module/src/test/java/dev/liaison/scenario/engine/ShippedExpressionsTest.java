package dev.liaison.scenario.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liaison.scenario.loyalty.EarningRule;
import dev.liaison.scenario.loyalty.LoyaltyProgram;
import dev.liaison.scenario.routing.Condition;
import dev.liaison.scenario.routing.ConditionEvaluator;
import dev.liaison.scenario.routing.RoutingRules;
import dev.liaison.scenario.routing.Rule;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The conditions and blanks of the files in config/scenarios/ compile and evaluate in the restricted context. */
class ShippedExpressionsTest {

    private static final Path SHIPPED = Path.of("..", "config", "scenarios");

    private final ScenarioParser parser = new ScenarioParser(Set.of("marketing_email", "loyalty", "service"));

    @Test
    void scenarioTriggersMatchTheirEvents() throws Exception {
        assertThat(matches("deal-won-points", Map.of("amount", new BigDecimal("1500"), "currency", "RUB"))).isTrue();
        assertThat(matches("deal-won-points", Map.of("amount", BigDecimal.ZERO, "currency", "RUB"))).isFalse();
        assertThat(matches("tier-upgrade-congratulation", Map.of("from", "silver", "to", "gold"))).isTrue();
        assertThat(matches("tier-upgrade-congratulation", Map.of("from", "basic", "to", "silver"))).isTrue();
        assertThat(matches("tier-upgrade-congratulation", Map.of("from", "gold", "to", "silver"))).isFalse();
        assertThat(matches("welcome-series", Map.of("purpose", "marketing_email"))).isTrue();
        assertThat(matches("welcome-series", Map.of("purpose", "loyalty"))).isFalse();
    }

    @Test
    void scenarioStepsCheckAndFillTheirBlanks() throws Exception {
        Map<String, Object> variables = variables(TriggerType.DEAL_WON, Map.of("amount", BigDecimal.TEN));
        Step.If expiring = (Step.If) scenario("points-expiry-reminder").steps().stream()
                .filter(Step.If.class::isInstance).findFirst().orElseThrow();
        Step.Send reminder = (Step.Send) scenario("points-expiry-reminder").steps().stream()
                .filter(Step.Send.class::isInstance).findFirst().orElseThrow();
        Step.Send csat = (Step.Send) scenario("post-ticket-csat").steps().stream()
                .filter(Step.Send.class::isInstance).findFirst().orElseThrow();
        Step.WriteCrm points = (Step.WriteCrm) scenario("deal-won-points").steps().stream()
                .filter(Step.WriteCrm.class::isInstance).findFirst().orElseThrow();

        assertThat(ConditionEvaluator.evaluate(expiring.condition(), variables).matched()).isTrue();
        assertThat(ConditionEvaluator.fill(reminder.variables().get("points"), variables)).isEqualTo("40");
        assertThat(ConditionEvaluator.fill(reminder.variables().get("expiresOn"), variables)).isEqualTo("2027-03-01");
        assertThat(ConditionEvaluator.fill(points.fields().get("UF_CRM_LOYALTY_POINTS"), variables)).isEqualTo("120");
        assertThat(ConditionEvaluator.fill(csat.variables().get("surveyUrl"),
                variables(TriggerType.TICKET_SOLVED, Map.of("id", "77"))))
                .isEqualTo("https://support.example.com/csat?ticket=77");
    }

    @Test
    void routingRulesRouteAsTheFileSays() throws Exception {
        RoutingRules rules = RoutingRules.parse(Files.readString(SHIPPED.resolve("routing.yaml")));
        Map<String, Object> vip = routing(Map.of("tier", "VIP"), List.of());
        Map<String, Object> openDeal = routing(Map.of(), List.of(Map.of("won", true), Map.of("won", false)));
        Map<String, Object> english = routing(Map.of("language", "en"), List.of(Map.of("won", true)));

        assertThat(matching(rules, vip)).isEqualTo("vip-customers");
        assertThat(matching(rules, openDeal)).isEqualTo("open-deal");
        assertThat(matching(rules, english)).isEqualTo("english");
        assertThat(matching(rules, routing(Map.of(), List.of()))).isNull();
    }

    @Test
    void loyaltyEarningConditionsStillMatch() throws Exception {
        LoyaltyProgram program = LoyaltyProgram.parse(Files.readString(SHIPPED.resolve("loyalty.yaml")));
        Condition bigDeal = program.earning().stream().map(EarningRule::condition)
                .filter(condition -> condition != null).findFirst().orElseThrow();

        assertThat(ConditionEvaluator.evaluate(bigDeal, Map.of("deal",
                Map.of("currency", "RUB", "amount", new BigDecimal("150000")))).matched()).isTrue();
        assertThat(ConditionEvaluator.evaluate(bigDeal, Map.of("deal",
                Map.of("currency", "RUB", "amount", new BigDecimal("500")))).matched()).isFalse();
    }

    private boolean matches(String name, Map<String, Object> facts) throws Exception {
        Scenario scenario = scenario(name);
        ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(scenario.when(),
                variables(scenario.trigger(), facts));
        assertThat(evaluation.failure()).isNull();
        return evaluation.matched();
    }

    private Scenario scenario(String name) throws Exception {
        return parser.parse(Files.readString(SHIPPED.resolve(name + ".yaml"), StandardCharsets.UTF_8));
    }

    /** The shape ScenarioEngine.variables gives, with a loyalty summary of fixed values. */
    private static Map<String, Object> variables(TriggerType trigger, Map<String, Object> facts) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("event", facts);
        trigger.alias().ifPresent(alias -> variables.put(alias, facts));
        variables.put("profile", Map.of("id", "p1", "attributes", Map.of()));
        variables.put("loyalty", Map.of("tier", "silver", "balance", 120L, "qualifyingPoints", 300L,
                "expiringPoints", 40L, "nextExpiry", "2027-03-01", "nextTier", "gold"));
        return variables;
    }

    private static Map<String, Object> routing(Map<String, String> attributes, List<Map<String, Object>> deals) {
        return Map.of("ticket", Map.of("id", "1"), "profile", Map.of("attributes", attributes), "deals", deals,
                "loyalty", Map.of());
    }

    /** The first non-default rule whose condition holds, or null, each condition evaluating without failure. */
    private static String matching(RoutingRules rules, Map<String, Object> variables) {
        for (Rule rule : rules.conditionalRules()) {
            ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(rule.when(), variables);
            assertThat(evaluation.failure()).isNull();
            if (evaluation.matched()) {
                return rule.name();
            }
        }
        return null;
    }
}
