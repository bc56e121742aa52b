package dev.liaison.scenario.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attacks a security tester found within the allowed methods: each is refused at upload and never evaluated. */
class ExpressionBudgetTest {

    private static final List<String> VARIABLES = List.of("ticket", "profile", "deals", "loyalty");

    @Test
    void aStringDoubledByStreamStepsIsRefused() {
        String doubling = "['aaaaaaaa'].stream()" + ".map(s -> s += s)".repeat(26) + ".toList().size() > 0";

        assertRefused(doubling, "+=");
        assertThat(ConditionEvaluator.evaluate(new Condition(doubling, List.of()), Map.of()).failure())
                .startsWith("not evaluated");
    }

    @Test
    void lambdasNestedDeeperThanTwoAreRefused() {
        String list = "[0,1,2,3,4,5,6,7,8,9].stream()";
        String nested = list + ".anyMatch(a -> " + list + ".anyMatch(b -> " + list + ".anyMatch(c -> false)))";
        String twoDeep = list + ".anyMatch(a -> " + list + ".anyMatch(b -> a == b))";

        assertRefused(nested, "lambdas");
        assertThat(evaluate(twoDeep)).isTrue();
    }

    @Test
    void deepNestingLongTextAndManyCallsAreRefusedBeforeTheParserRuns() {
        assertRefused("(".repeat(1000) + "true" + ")".repeat(1000), "characters");
        assertRefused("(".repeat(40) + "true" + ")".repeat(40), "brackets");
        assertRefused("!".repeat(20_000) + "true", "characters");
        assertRefused("true" + " or true".repeat(3000), "characters");
        assertRefused("ticket.subject" + ".trim()".repeat(9) + " == 'x'", "methods");
        assertRefused("'a' += 'b' += 'c' += 'd' += 'e' += 'f' == 'abcdef'", "strings");
    }

    @Test
    void aLongRunOfUnaryOperatorsWithinTheLengthIsReadOrRefusedNeverAnError() {
        String negations = "!".repeat(990) + "true";

        Throwable thrown = catchThrowable(() -> ConditionCompiler.compile(negations, 7, VARIABLES));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(RoutingRulesException.class).hasMessageContaining("line 7");
        } else {
            assertThat(evaluate(negations)).isTrue();
        }
    }

    @Test
    void theShippedKindOfConditionStaysWithinBudget() {
        String vip = "profile.attributes.tier == 'VIP' or deals.stream().anyMatch(d -> d.won and d.amount > 100000)";

        assertThat(ExpressionBudget.exceeded(vip, ConditionCompiler.blankStringLiterals(vip))).isEmpty();
    }

    @Test
    void aBlankOverBudgetIsNotFilled() {
        String text = "Hello ${" + "(".repeat(20) + "profile.attributes.firstName" + ")".repeat(20) + "}";

        assertThatThrownBy(() -> ConditionEvaluator.fill(text, Map.of("profile", Map.of("attributes", Map.of()))))
                .hasMessageContaining("budget");
    }

    private static void assertRefused(String expression, String reason) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> ConditionCompiler.compile(expression, 3, VARIABLES))
                .isInstanceOf(RoutingRulesException.class).hasMessageContaining(reason);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    private static boolean evaluate(String expression) {
        try {
            return ConditionEvaluator.evaluate(ConditionCompiler.compile(expression, 1, VARIABLES), Map.of()).matched();
        } catch (RoutingRulesException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
