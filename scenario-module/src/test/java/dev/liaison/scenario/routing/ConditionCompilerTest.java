package dev.liaison.scenario.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionCompilerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "profile.attributes.tier == 'VIP'                        | profile.attributes.tier",
        "not empty deals                                         | deals",
        "deals.stream().anyMatch(d -> !d.won)                    | deals",
        "profile.attributes['loyalty-tier'] eq 'gold'            | profile.attributes['loyalty-tier']",
        "deals[0].amount > 1000.5                                | deals[0].amount",
        "ticket.tags.contains('vip') or ticket.subject == 'a.b'  | ticket.tags,ticket.subject",
        "deals.stream().filter((d) -> d.amount > 0).count() > 1  | deals",
        "'profile.attributes.x' == 'y'                           | ''",
    })
    void findsTheVariablePathsAConditionReads(String expression, String paths) throws RoutingRulesException {
        Condition condition = ConditionCompiler.compile(expression, 1);

        assertThat(String.join(",", condition.paths())).isEqualTo(paths);
    }

    @Test
    void listsARepeatedPathOnce() throws RoutingRulesException {
        Condition condition = ConditionCompiler.compile(
                "profile.attributes.tier == 'VIP' or profile.attributes.tier == 'Gold'", 1);

        assertThat(condition.paths()).containsExactly("profile.attributes.tier");
    }
}
