package dev.liaison.scenario.routing;

import jakarta.el.ELProcessor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Evaluates one condition against its variables and records the values it read. */
public final class ConditionEvaluator {

    /** Long values (a whole deal list, say) are cut so a trace or note stays readable. */
    private static final int MAX_VALUE_LENGTH = 200;

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

    /** The variables should be unmodifiable: EL can call methods on them. */
    public static Evaluation evaluate(Condition condition, Map<String, Object> variables) {
        // A fresh processor per condition: EL can define variables, which must not leak into the next rule.
        ELProcessor el = new ELProcessor();
        variables.forEach(el::defineBean);
        Map<String, String> observed = observe(el, condition);
        Object result;
        try {
            result = el.eval(condition.expression());
        } catch (RuntimeException e) {
            return new Evaluation(false, observed, "evaluation failed: " + kind(e));
        }
        if (result instanceof Boolean) {
            return new Evaluation((Boolean) result, observed, null);
        }
        return new Evaluation(false, observed, "the condition gave "
                + (result == null ? "null" : "a " + result.getClass().getSimpleName()) + ", not true or false");
    }

    private static Map<String, String> observe(ELProcessor el, Condition condition) {
        Map<String, String> observed = new LinkedHashMap<>();
        for (String path : condition.paths()) {
            String value;
            try {
                value = render(el.eval(path));
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
