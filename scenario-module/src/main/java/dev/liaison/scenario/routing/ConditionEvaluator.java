package dev.liaison.scenario.routing;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import jakarta.el.ELManager;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates conditions and the {@code ${...}} blanks of texts, always in a {@link FactsELContext}: the expressions
 * can read the variables they are given and call a few pure methods, and reach nothing else of the JVM.
 */
public final class ConditionEvaluator {

    /** Long values (a whole deal list, say) are cut so a trace or note stays readable. */
    private static final int MAX_VALUE_LENGTH = 200;
    private static final Pattern BLANK = Pattern.compile("\\$\\{[^}]*}");

    /** Whether the condition matched, the values of the paths it read, and why it could not be evaluated. */
    public record Evaluation(boolean matched, Map<String, String> observed, String failure) {
    }

    private ConditionEvaluator() {
    }

    static Evaluation evaluate(Condition condition, RoutingContext context) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("ticket", context.ticket());
        variables.put("profile", context.profile());
        variables.put("deals", context.deals());
        variables.put("loyalty", context.loyalty());
        return evaluate(condition, variables);
    }

    /** The variables should be unmodifiable maps, lists and plain values: conditions read them as they are. */
    public static Evaluation evaluate(Condition condition, Map<String, Object> variables) {
        Optional<String> overBudget = ExpressionBudget.exceeded(condition.expression(),
                ConditionCompiler.blankStringLiterals(condition.expression()));
        if (overBudget.isPresent()) {
            // A rule stored before the budget existed is not run; the trace says why.
            return new Evaluation(false, Map.of(), "not evaluated: " + overBudget.get());
        }
        Map<String, String> observed = observe(variables, condition);
        Object result;
        try {
            result = eval("${" + condition.expression() + "}", variables, Object.class);
        } catch (RuntimeException | StackOverflowError e) {
            return new Evaluation(false, observed, "evaluation failed: " + kind(e));
        }
        if (result instanceof Boolean) {
            return new Evaluation((Boolean) result, observed, null);
        }
        return new Evaluation(false, observed, "the condition gave "
                + (result == null ? "null" : "a " + result.getClass().getSimpleName()) + ", not true or false");
    }

    /**
     * Fills the {@code ${...}} blanks of a text; a text without blanks is returned as it is. A blank that cannot be
     * evaluated throws the EL exception.
     */
    public static String fill(String text, Map<String, Object> variables) {
        if (text == null || !BLANK.matcher(text).find()) {
            return text;
        }
        Matcher blank = BLANK.matcher(text);
        while (blank.find()) {
            String expression = blank.group().substring(2, blank.group().length() - 1);
            Optional<String> overBudget = ExpressionBudget.exceeded(expression,
                    ConditionCompiler.blankStringLiterals(expression));
            if (overBudget.isPresent()) {
                throw new ELException("a blank is over budget: " + overBudget.get());
            }
        }
        try {
            return eval(text, variables, String.class);
        } catch (StackOverflowError e) {
            throw new ELException("a blank is nested too deeply to evaluate");
        }
    }

    /** A fresh context per evaluation, so nothing one expression does can be seen by the next. */
    private static <T> T eval(String text, Map<String, Object> variables, Class<T> type) {
        ELContext context = new FactsELContext(variables);
        return type.cast(ELManager.getExpressionFactory().createValueExpression(context, text, type)
                .getValue(context));
    }

    private static Map<String, String> observe(Map<String, Object> variables, Condition condition) {
        Map<String, String> observed = new LinkedHashMap<>();
        for (String path : condition.paths()) {
            String value;
            try {
                value = render(eval("${" + path + "}", variables, Object.class));
            } catch (RuntimeException e) {
                value = "(unreadable: " + e.getClass().getSimpleName() + ")";
            }
            observed.put(path, value);
        }
        return Collections.unmodifiableMap(observed);
    }

    /**
     * The exception and its root cause by type only: their messages often quote the values involved ("For input
     * string: ..."), and the values already appear, by path, in the observed map.
     */
    private static String kind(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String kind = error.getClass().getSimpleName();
        return root == error ? kind : kind + " caused by " + root.getClass().getSimpleName();
    }

    private static String render(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH) + "…";
    }
}
