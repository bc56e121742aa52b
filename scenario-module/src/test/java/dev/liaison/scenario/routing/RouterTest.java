package dev.liaison.scenario.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final String EXAMPLE = """
            rules:
              - name: vip-customers
                when: "profile.attributes.tier == 'VIP'"
                route:
                  group: "360001234"
                  priority: urgent
                  tags: [vip, liaison-routed]
                  assignee: { strategy: round-robin, agents: ["901", "902"] }
              - name: open-deal
                when: "deals.stream().anyMatch(d -> !d.won)"
                route: { group: "360005678", priority: high, tags: [open-deal] }
              - name: english
                when: "profile.attributes.language == 'en'"
                route: { group: "360009999" }
              - name: everyone-else
                default: true
                route: { group: "360000000", priority: normal }
            """;

    private final Router router = new Router();
    private final FakeLoad load = new FakeLoad();

    @Test
    void theFirstMatchingRuleWins() throws RoutingRulesException {
        RoutingContext context = context(Map.of("tier", "VIP", "language", "en"),
                List.of(Map.of("id", "d1", "won", false)));

        Decision decision = router.decide(RoutingRules.parse(EXAMPLE), context, load);

        assertThat(decision.ruleName()).isEqualTo("vip-customers");
        assertThat(decision.group()).isEqualTo("360001234");
        assertThat(decision.priority()).isEqualTo(Priority.URGENT);
        assertThat(decision.tags()).containsExactly("vip", "liaison-routed");
        assertThat(decision.evaluated()).extracting(RuleOutcome::ruleName).containsExactly("vip-customers");
    }

    @Test
    void laterRulesAreTriedInOrderAndTraced() throws RoutingRulesException {
        RoutingContext context = context(Map.of("tier", "Gold", "language", "en"),
                List.of(Map.of("id", "d1", "won", true)));

        Decision decision = router.decide(RoutingRules.parse(EXAMPLE), context, load);

        assertThat(decision.ruleName()).isEqualTo("english");
        assertThat(decision.group()).isEqualTo("360009999");
        assertThat(decision.priority()).isNull();
        assertThat(decision.assignee()).isNull();
        assertThat(decision.tags()).isEmpty();
        assertThat(decision.evaluated()).extracting(RuleOutcome::ruleName, RuleOutcome::matched)
                .containsExactly(
                        tuple("vip-customers", false),
                        tuple("open-deal", false),
                        tuple("english", true));
        assertThat(decision.evaluated().get(0).observed()).containsExactly(entry("profile.attributes.tier", "Gold"));
        assertThat(decision.evaluated()).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
    }

    @Test
    void aLambdaOverDealsMatchesAnOpenDeal() throws RoutingRulesException {
        RoutingContext context = context(Map.of(), List.of(Map.of("id", "d1", "won", true),
                Map.of("id", "d2", "won", false)));

        assertThat(router.decide(RoutingRules.parse(EXAMPLE), context, load).ruleName()).isEqualTo("open-deal");
    }

    @Test
    void theDefaultRuleCatchesEverythingElse() throws RoutingRulesException {
        Decision decision = router.decide(RoutingRules.parse(EXAMPLE), context(Map.of("language", "de"), List.of()),
                load);

        assertThat(decision.ruleName()).isEqualTo("everyone-else");
        assertThat(decision.group()).isEqualTo("360000000");
        assertThat(decision.priority()).isEqualTo(Priority.NORMAL);
        assertThat(decision.observed()).isEmpty();
        assertThat(decision.explanation()).isEqualTo("Routed by Liaison rule 'everyone-else': no other rule matched.");
        assertThat(decision.evaluated()).extracting(RuleOutcome::ruleName)
                .containsExactly("vip-customers", "open-deal", "english", "everyone-else");
        assertThat(decision.evaluated().get(3).matched()).isTrue();
    }

    @Test
    void missingAttributesAndVariablesReadAsNullWithoutAnError() throws RoutingRulesException {
        RoutingContext empty = new RoutingContext(null, Map.of("id", "p1"), null, null);

        Decision decision = router.decide(RoutingRules.parse(EXAMPLE), empty, load);

        assertThat(decision.ruleName()).isEqualTo("everyone-else");
        assertThat(decision.evaluated()).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        assertThat(decision.evaluated().get(0).observed()).containsExactly(entry("profile.attributes.tier", "null"));
        assertThat(decision.evaluated().get(2).observed())
                .containsExactly(entry("profile.attributes.language", "null"));
    }

    @Test
    void aConditionThatThrowsDoesNotMatchAndTheTraceSaysWhy() throws RoutingRulesException {
        RoutingRules rules = RoutingRules.parse("""
                rules:
                  - name: broken
                    when: "ticket.subject.substring(100) == 'x'"
                    route: { group: "1" }
                  - name: fallback
                    default: true
                    route: { group: "3" }
                """);
        RoutingContext context = new RoutingContext(Map.of("subject", "short"),
                Map.of("attributes", new HashMap<>(Map.of("tier", "VIP"))), List.of(), Map.of());

        Decision decision = router.decide(rules, context, load);

        assertThat(decision.ruleName()).isEqualTo("fallback");
        assertThat(decision.evaluated().get(0).matched()).isFalse();
        assertThat(decision.evaluated().get(0).failure())
                .isEqualTo("evaluation failed: ELException caused by StringIndexOutOfBoundsException");
        assertThat(decision.evaluated().get(0).observed()).containsExactly(entry("ticket.subject", "short"));
    }

    @Test
    void aConditionCannotChangeWhatTheNextRuleSeesEvenIfItGetsPastTheCompiler() {
        RoutingContext context = new RoutingContext(Map.of(),
                Map.of("attributes", new HashMap<>(Map.of("tier", "VIP"))), List.of(), Map.of());

        ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(
                new Condition("profile.attributes.clear() == null", List.of()), context);

        assertThat(evaluation.matched()).isFalse();
        assertThat(evaluation.failure()).isEqualTo("evaluation failed: MethodNotFoundException");
        assertThat(context.profile().get("attributes")).isEqualTo(Map.of("tier", "VIP"));
    }

    @Test
    void aConditionThatIsNotBooleanDoesNotMatch() throws RoutingRulesException {
        RoutingRules rules = RoutingRules.parse("""
                rules:
                  - name: tier
                    when: "profile.attributes.tier"
                    route: { group: "1" }
                  - name: nothing
                    when: "loyalty.points"
                    route: { group: "2" }
                  - name: fallback
                    default: true
                    route: { group: "3" }
                """);

        Decision decision = router.decide(rules, context(Map.of("tier", "VIP"), List.of()), load);

        assertThat(decision.ruleName()).isEqualTo("fallback");
        assertThat(decision.evaluated().get(0).failure()).isEqualTo("the condition gave a String, not true or false");
        assertThat(decision.evaluated().get(1).failure()).isEqualTo("the condition gave null, not true or false");
    }

    @Test
    void roundRobinRotatesByTheRulesRoutedCount() throws RoutingRulesException {
        RoutingRules rules = RoutingRules.parse(EXAMPLE);
        RoutingContext vip = context(Map.of("tier", "VIP"), List.of());
        List<String> assignees = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            Decision decision = router.decide(rules, vip, load);
            assignees.add(decision.assignee());
            load.routed.merge(decision.ruleName(), 1L, Long::sum);
        }

        assertThat(assignees).containsExactly("901", "902", "901", "902", "901");
    }

    @Test
    void leastOpenTicketsPicksTheLeastBusyAgentAndBreaksTiesByListOrder() {
        Assignee assignee = new Assignee(AssigneeStrategy.LEAST_OPEN_TICKETS, List.of("901", "902", "903"));

        load.open.putAll(Map.of("901", 5L, "902", 2L, "903", 2L));
        assertThat(assignee.choose("rule", load)).isEqualTo("902");

        load.open.putAll(Map.of("901", 1L, "902", 1L, "903", 1L));
        assertThat(assignee.choose("rule", load)).isEqualTo("901");

        load.open.putAll(Map.of("901", 3L, "902", 3L, "903", 0L));
        assertThat(assignee.choose("rule", load)).isEqualTo("903");
    }

    @Test
    void aFixedAssigneeIsAlwaysTheSameAgent() {
        assertThat(new Assignee(AssigneeStrategy.FIXED, List.of("901")).choose("rule", load)).isEqualTo("901");
    }

    @Test
    void theExplanationNamesTheRuleAndTheValuesItSaw() throws RoutingRulesException {
        Decision decision = router.decide(RoutingRules.parse(EXAMPLE), context(Map.of("tier", "VIP"), List.of()),
                load);

        assertThat(decision.explanation())
                .isEqualTo("Routed by Liaison rule 'vip-customers': profile.attributes.tier = VIP");
        assertThat(decision.observed()).containsExactly(entry("profile.attributes.tier", "VIP"));
        assertThat(decision.toRoutingDecision().priority()).isEqualTo("urgent");
        assertThat(decision.toRoutingDecision().explanation()).isEqualTo(decision.explanation());
    }

    @Test
    void theExplanationListsEveryPathOfACompoundCondition() throws RoutingRulesException {
        RoutingRules rules = RoutingRules.parse("""
                rules:
                  - name: loyal-emailers
                    when: "ticket.channel == 'email' and loyalty.points >= 1000 and ticket.tags.contains('vip')"
                    route: { group: "1" }
                  - name: fallback
                    default: true
                    route: { group: "3" }
                """);
        RoutingContext context = new RoutingContext(Map.of("channel", "email", "tags", List.of("vip", "billing")),
                Map.of(), List.of(), Map.of("tier", "gold", "points", 1200));

        Decision decision = router.decide(rules, context, load);

        assertThat(decision.explanation()).isEqualTo("Routed by Liaison rule 'loyal-emailers': ticket.channel = email, "
                + "loyalty.points = 1200, ticket.tags = [vip, billing]");
    }

    private static RoutingContext context(Map<String, String> attributes, List<Map<String, Object>> deals) {
        return new RoutingContext(Map.of("id", "42", "subject", "Help", "tags", List.of()),
                Map.of("id", "p1", "attributes", attributes, "identities", List.of()), deals, Map.of());
    }

    /** Counts kept in memory, as the caller's database would. */
    private static final class FakeLoad implements AgentLoad {

        final Map<String, Long> routed = new HashMap<>();
        final Map<String, Long> open = new HashMap<>();

        @Override
        public long routedCount(String ruleName) {
            return routed.getOrDefault(ruleName, 0L);
        }

        @Override
        public long openTickets(String agentId) {
            return open.getOrDefault(agentId, 0L);
        }
    }
}
