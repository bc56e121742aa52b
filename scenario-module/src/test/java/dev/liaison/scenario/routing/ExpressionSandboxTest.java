package dev.liaison.scenario.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The corpus of EL escapes in {@code el-escapes.txt} is refused twice: by the compiler at upload, and by the
 * restricted context when evaluated with the compiler bypassed.
 */
class ExpressionSandboxTest {

    private static final List<String> VARIABLES = List.of("ticket", "profile", "deals", "loyalty", "event", "deal");
    private static final Path CANARY_FILE = Path.of(System.getProperty("java.io.tmpdir"),
            "liaison-el-canary-" + ProcessHandle.current().pid());
    private static final String CANARY_PROPERTY = "liaison.el.canary";
    private static final String SECRET = "secret-" + UUID.randomUUID();
    private static final AtomicBoolean REACHED = new AtomicBoolean();

    /** A value among the facts whose every method says when it is called. */
    public static final class Canary {

        public boolean touch() {
            REACHED.set(true);
            return true;
        }

        public String getSecret() {
            REACHED.set(true);
            return SECRET;
        }
    }

    @BeforeAll
    static void plantTheSecret() {
        System.setProperty(CANARY_PROPERTY, SECRET);
    }

    @AfterAll
    static void removeTheSecret() {
        System.clearProperty(CANARY_PROPERTY);
    }

    @BeforeEach
    void resetTheCanaries() throws IOException {
        REACHED.set(false);
        Files.deleteIfExists(CANARY_FILE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void theCompilerRefusesEveryKnownEscapeWithItsLine(String expression) {
        assertThatThrownBy(() -> ConditionCompiler.compile(expression, 7, VARIABLES))
                .isInstanceOfSatisfying(RoutingRulesException.class, e -> assertThat(e.line()).isEqualTo(7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void theRuntimeContextRefusesEveryKnownEscapeThatGetsPastTheCompiler(String expression) {
        ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(
                new Condition(expression, List.of()), variables());

        assertThat(evaluation.matched()).isFalse();
        assertThat(evaluation.failure()).isNotNull();
        assertThat(filled("${" + expression + "}")).doesNotContain(SECRET, System.getProperty("user.home"),
                "java.lang", "ClassLoader", "class ");
        assertThat(REACHED).as("a method of the canary was called").isFalse();
        assertThat(CANARY_FILE).doesNotExist();
        assertThat(System.getProperty(CANARY_PROPERTY)).isEqualTo(SECRET);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "profile.canary.secret == 'x'",
        "deals[1].secret == 'x'",
        "deals.stream().anyMatch(d -> d.secret == 'x')",
        "deals.stream().map(d -> d.secret).toList().contains('x')",
    })
    void aBeanAmongTheFactsHasNoReadableProperties(String expression) throws RoutingRulesException {
        Condition condition = ConditionCompiler.compile(expression, 1, VARIABLES);

        ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(condition, variables());

        assertThat(evaluation.failure()).startsWith("evaluation failed: ").endsWith("PropertyNotFoundException");
        assertThat(REACHED).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "ticket.subject.toLowerCase().startsWith('help') and ticket.subject.endsWith('!')",
        "ticket.subject.contains('login') and ticket.subject.length() > 3 and !ticket.subject.isEmpty()",
        "ticket.subject.trim().toUpperCase().indexOf('LOGIN') == 6",
        "ticket.subject.substring(0, 4).equalsIgnoreCase('HELP')",
        "ticket.tags.contains('vip') and ticket.tags.size() == 2 and not ticket.tags.isEmpty()",
        "profile.attributes.containsKey('tier') and profile.attributes['tier'] == 'VIP'",
        "deals.stream().filter(d -> d.amount > 10).count() == 1",
        "deals.stream().map(d -> d.amount).max().orElse(0) == 20",
        "deals.stream().filter(d -> d.won).findFirst().isPresent()",
        "deals.stream().allMatch(d -> d.currency == 'RUB') or deals.stream().noneMatch(d -> d.amount > 100)",
        "deals.stream().map(d -> d.currency).distinct().toList() == ['RUB']",
        "deals.stream().map(d -> d.amount).sum() == 25",
    })
    void theAllowedMethodsStillWork(String expression) throws RoutingRulesException {
        Condition condition = ConditionCompiler.compile(expression, 1, VARIABLES);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("ticket", Map.of("subject", "Help, login fails!", "tags", List.of("vip", "billing")));
        variables.put("profile", Map.of("attributes", Map.of("tier", "VIP")));
        variables.put("deals", List.of(
                Map.of("won", true, "amount", new BigDecimal("20"), "currency", "RUB"),
                Map.of("won", false, "amount", new BigDecimal("5"), "currency", "RUB")));

        ConditionEvaluator.Evaluation evaluation = ConditionEvaluator.evaluate(condition, variables);

        assertThat(evaluation.failure()).isNull();
        assertThat(evaluation.matched()).isTrue();
    }

    @Test
    void aRefusalSaysWhatIsAllowed() {
        assertThatThrownBy(() -> ConditionCompiler.compile("Runtime.getRuntime() != null", 3, VARIABLES))
                .hasMessage("line 3: conditions cannot call 'getRuntime'; they can call allMatch, anyMatch, "
                        + "average, contains, containsKey, count, distinct, endsWith, equalsIgnoreCase, filter, "
                        + "findFirst, get, indexOf, isBlank, isEmpty, isPresent, length, limit, map, max, min, "
                        + "noneMatch, orElse, size, sorted, startsWith, stream, strip, substring, sum, toList, "
                        + "toLowerCase, toUpperCase, trim");
        assertThatThrownBy(() -> ConditionCompiler.compile("Boolean.TRUE", 3, VARIABLES))
                .hasMessage("line 3: 'Boolean' names a Java class; conditions can only read ticket, profile, "
                        + "deals, loyalty, event, deal");
        assertThatThrownBy(() -> ConditionCompiler.compile("T(java.lang.Runtime) == null", 3, VARIABLES))
                .hasMessageStartingWith("line 3: 'T(...)' calls a function; conditions have none");
    }

    private static String filled(String text) {
        try {
            return ConditionEvaluator.fill(text, variables());
        } catch (RuntimeException refused) {
            return "";
        }
    }

    /** The usual variables, with a canary where a condition might look: its own variable, a profile key, a deal. */
    private static Map<String, Object> variables() {
        Canary canary = new Canary();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("ticket", Map.of("id", "42", "subject", "Help", "tags", List.of("vip")));
        variables.put("profile", Map.of("id", "p1", "attributes", Map.of("tier", "VIP"), "canary", canary));
        variables.put("deals", List.of(Map.of("won", false, "amount", BigDecimal.TEN), canary));
        variables.put("loyalty", Map.of("points", 10L));
        variables.put("canary", canary);
        return variables;
    }

    static List<String> escapes() throws IOException {
        List<String> escapes = new ArrayList<>();
        try (InputStream in = ExpressionSandboxTest.class.getResourceAsStream("/el-escapes.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("# ")) {
                    escapes.add(line.replace("CANARY_FILE", CANARY_FILE.toString()));
                }
            }
        }
        return escapes;
    }
}
