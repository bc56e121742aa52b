package dev.liaison.scenario.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingRulesTest {

    private static final String FALLBACK = """
              - name: fallback
                default: true
                route: { group: "1" }
            """;

    @Test
    void parsesTheExampleFile() throws IOException, RoutingRulesException {
        RoutingRules rules = RoutingRules.parse(Files.readString(Path.of("..", "config", "scenarios", "routing.yaml")));

        assertThat(rules.rules()).extracting(Rule::name)
                .containsExactly("vip-customers", "open-deal", "english", "everyone-else");
        Rule vip = rules.rules().get(0);
        assertThat(vip.when().expression()).isEqualTo("profile.attributes.tier == 'VIP'");
        assertThat(vip.when().paths()).containsExactly("profile.attributes.tier");
        assertThat(vip.route()).isEqualTo(new Route("360001234", Priority.URGENT, List.of("vip", "liaison-routed"),
                new Assignee(AssigneeStrategy.ROUND_ROBIN, List.of("901", "902"))));
        assertThat(rules.rules().get(1).when().paths()).containsExactly("deals");
        assertThat(rules.rules().get(2).route()).isEqualTo(new Route("360009999", null, List.of(), null));
        assertThat(rules.defaultRule().isDefault()).isTrue();
        assertThat(rules.defaultRule().route().priority()).isEqualTo(Priority.NORMAL);
        assertThat(rules.conditionalRules()).hasSize(3);
    }

    @Test
    void acceptsUnquotedNumericIdsAndEveryAssigneeStrategy() throws RoutingRulesException {
        RoutingRules rules = RoutingRules.parse("""
                rules:
                  - name: fixed
                    when: "ticket.channel == 'email'"
                    route: { group: 360001234, assignee: { strategy: fixed, agent: 901 } }
                  - name: least-open
                    when: "loyalty.points > 1000"
                    route: { assignee: { strategy: least-open-tickets, agents: [901, "902"] } }
                """ + FALLBACK);

        assertThat(rules.rules().get(0).route().group()).isEqualTo("360001234");
        assertThat(rules.rules().get(0).route().assignee())
                .isEqualTo(new Assignee(AssigneeStrategy.FIXED, List.of("901")));
        assertThat(rules.rules().get(1).route().assignee())
                .isEqualTo(new Assignee(AssigneeStrategy.LEAST_OPEN_TICKETS, List.of("901", "902")));
    }

    @Test
    void anExceptionNamesTheLineAndTheReason() {
        assertThatThrownBy(() -> RoutingRules.parse("rules: []"))
                .isInstanceOfSatisfying(RoutingRulesException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.reason()).isEqualTo("'rules' must be a list of at least one rule");
                    assertThat(e.getMessage()).isEqualTo("line 1: 'rules' must be a list of at least one rule");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void rejectsAnInvalidFileWithTheLineOfTheOffendingNode(String problem, String yaml, int line, String reason) {
        assertThatThrownBy(() -> RoutingRules.parse(yaml))
                .isInstanceOfSatisfying(RoutingRulesException.class, e -> {
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
                });
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("YAML syntax", """
                        rules:
                          - name: a
                            when: "x
                        """, 4, "not valid YAML"),
                Arguments.of("empty file", "", 1, "the file is empty"),
                Arguments.of("top level is a list", "- rules\n", 1, "the file must be a mapping, not a list"),
                Arguments.of("unknown top-level key", "rules: []\nrule: []\n", 2,
                        "unknown key 'rule' in the file; allowed: rules"),
                Arguments.of("missing rules", "{}\n", 1, "the file is missing 'rules'"),
                Arguments.of("rules is not a list", "\nrules: everything\n", 2, "'rules' must be a list"),
                Arguments.of("rule is not a mapping", "rules:\n  - fallback\n", 2, "rule 1 must be a mapping, not a string"),
                Arguments.of("missing name", """
                        rules:
                          - default: true
                            route: {}
                        """, 2, "rule 1 is missing 'name'"),
                Arguments.of("name is a list", """
                        rules:
                          - name: [a, b]
                        """, 2, "'name' must be a string, not a list"),
                Arguments.of("empty name", """
                        rules:
                          - name: ""
                        """, 2, "'name' must not be empty"),
                Arguments.of("unknown rule key", """
                        rules:
                          - name: vip
                            whne: "true"
                        """, 3, "unknown key 'whne' in rule 1; allowed: name, when, default, route"),
                Arguments.of("duplicate key", """
                        rules:
                          - name: vip
                            when: "true"
                            when: "false"
                        """, 4, "duplicate key 'when' in rule 1"),
                Arguments.of("unknown route key", """
                        rules:
                          - name: vip
                            when: "true"
                            route:
                              group: "1"
                              grop: "2"
                        """ + FALLBACK, 6, "unknown key 'grop' in rule 'vip': 'route'; allowed: group, priority, tags, assignee"),
                Arguments.of("route is a string", """
                        rules:
                          - name: vip
                            when: "true"
                            route: group-1
                        """ + FALLBACK, 4, "rule 'vip': 'route' must be a mapping, not a string"),
                Arguments.of("missing route", """
                        rules:
                          - name: vip
                            when: "true"
                        """ + FALLBACK, 2, "rule 'vip' is missing 'route'"),
                Arguments.of("group is a boolean", """
                        rules:
                          - name: vip
                            when: "true"
                            route: { group: yes }
                        """ + FALLBACK, 4, "rule 'vip': 'group' must be a string, not a boolean"),
                Arguments.of("missing default", """
                        rules:
                          - name: vip
                            when: "true"
                            route: {}
                          - name: english
                            when: "false"
                            route: {}
                        """, 5, "the last rule 'english' must be the default rule"),
                Arguments.of("default not last", """
                        rules:
                          - name: first
                            default: true
                            route: {}
                          - name: vip
                            when: "true"
                            route: {}
                        """, 2, "default rule 'first' must be the last rule"),
                Arguments.of("two defaults", """
                        rules:
                          - name: vip
                            when: "true"
                            route: {}
                          - name: first
                            default: true
                            route: {}
                        """ + FALLBACK, 5, "there can be only one default rule"),
                Arguments.of("default false", """
                        rules:
                          - name: vip
                            default: false
                            route: {}
                        """, 3, "'default' can only be true"),
                Arguments.of("both when and default", """
                        rules:
                          - name: vip
                            when: "true"
                            default: true
                            route: {}
                        """, 4, "rule 'vip' has both 'when' and 'default'"),
                Arguments.of("neither when nor default", """
                        rules:
                          - name: vip
                            route: {}
                        """, 2, "rule 'vip' needs a 'when' condition or 'default: true'"),
                Arguments.of("duplicate names", """
                        rules:
                          - name: vip
                            when: "true"
                            route: {}
                          - name: vip
                            default: true
                            route: {}
                        """, 5, "duplicate rule name 'vip'"),
                Arguments.of("bad priority", """
                        rules:
                          - name: vip
                            when: "true"
                            route:
                              priority: critical
                        """ + FALLBACK, 5, "rule 'vip': 'priority' must be one of low, normal, high, urgent"),
                Arguments.of("bad EL syntax", """
                        rules:
                          - name: vip
                            route: {}
                            when: "profile.attributes.tier == == 'VIP'"
                        """ + FALLBACK, 4, "the condition is not a valid EL expression"),
                Arguments.of("when is a number", """
                        rules:
                          - name: vip
                            when: 1
                            route: {}
                        """ + FALLBACK, 3, "rule 'vip': 'when' must be a string, not a number"),
                Arguments.of("when is a mapping", """
                        rules:
                          - name: vip
                            when: { tier: VIP }
                            route: {}
                        """ + FALLBACK, 3, "rule 'vip': 'when' must be a string, not a mapping"),
                Arguments.of("unknown variable", """
                        rules:
                          - name: vip
                            when: "tikcet.priority == 'urgent'"
                            route: {}
                        """ + FALLBACK, 3, "unknown variable 'tikcet'; conditions can use ticket, profile, deals, loyalty"),
                Arguments.of("assignment instead of comparison", """
                        rules:
                          - name: vip
                            when: "profile.attributes.tier = 'VIP'"
                            route: {}
                        """ + FALLBACK, 3, "a condition must not assign"),
                Arguments.of("EL delimiters", """
                        rules:
                          - name: vip
                            when: "${profile.attributes.tier == 'VIP'}"
                            route: {}
                        """ + FALLBACK, 3, "write the condition without ${ } or #{ }"),
                Arguments.of("tags is a string", """
                        rules:
                          - name: vip
                            when: "true"
                            route: { tags: vip }
                        """ + FALLBACK, 4, "rule 'vip': 'tags' must be a list, not a string"),
                Arguments.of("tag with a space", """
                        rules:
                          - name: vip
                            when: "true"
                            route:
                              tags:
                                - vip
                                - open deal
                        """ + FALLBACK, 7, "tag 'open deal' contains a space"),
                Arguments.of("unknown assignee strategy", """
                        rules:
                          - name: vip
                            when: "true"
                            route:
                              assignee: { strategy: random, agents: ["1"] }
                        """ + FALLBACK, 5, "'strategy' must be one of fixed, round-robin, least-open-tickets"),
                Arguments.of("missing strategy", """
                        rules:
                          - name: vip
                            when: "true"
                            route:
                              assignee:
                                agents: ["1"]
                        """ + FALLBACK, 6, "rule 'vip': 'assignee' is missing 'strategy'"),
                Arguments.of("unknown assignee key", """
                        rules:
                          - name: vip
                            when: "true"
                            route:
                              assignee:
                                strategy: fixed
                                agnt: "1"
                        """ + FALLBACK, 7, "unknown key 'agnt' in rule 'vip': 'assignee'"),
                Arguments.of("empty agents", """
                        rules:
                          - name: vip
                            when: "true"
                            route:
                              assignee: { strategy: round-robin, agents: [] }
                        """ + FALLBACK, 5, "'agents' must list at least one agent"),
                Arguments.of("agents missing for round-robin", """
                        rules:
                          - name: vip
                            when: "true"
                            route:
                              assignee:
                                strategy: round-robin
                        """ + FALLBACK, 6, "'assignee' with strategy round-robin is missing 'agents'"),
                Arguments.of("agent for least-open-tickets", """
                        rules:
                          - name: vip
                            when: "true"
                            route:
                              assignee:
                                strategy: least-open-tickets
                                agent: "1"
                        """ + FALLBACK, 7, "with strategy least-open-tickets takes 'agents', not 'agent'"),
                Arguments.of("agents for fixed", """
                        rules:
                          - name: vip
                            when: "true"
                            route:
                              assignee:
                                strategy: fixed
                                agents: ["1"]
                        """ + FALLBACK, 7, "with strategy fixed takes 'agent', not 'agents'"),
                Arguments.of("agent is a list", """
                        rules:
                          - name: vip
                            when: "true"
                            route:
                              assignee:
                                strategy: fixed
                                agent:
                                  - "1"
                        """ + FALLBACK, 8, "'assignee' 'agent' must be a string, not a list"));
    }
}
