package dev.liaison.scenario.routing;

import jakarta.el.ELContext;
import jakarta.el.ELManager;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, String> observed = observe(variables, condition);
        Object result;
        try {
            result = eval("${" + condition.expression() + "}", variables, Object.class);
        } catch (RuntimeException e) {
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
        return eval(text, variables, String.class);
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
