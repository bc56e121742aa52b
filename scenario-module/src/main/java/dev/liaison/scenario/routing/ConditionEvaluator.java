package dev.liaison.scenario.routing;

import jakarta.el.ELProcessor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Evaluates one condition against a ticket's context and records the values it read. */
final class ConditionEvaluator {

    /** Long values (a whole deal list, say) are cut so a trace or note stays readable. */
    private static final int MAX_VALUE_LENGTH = 200;

    record Evaluation(boolean matched, Map<String, String> observed, String failure) {
    }

    private ConditionEvaluator() {
    }

    static Evaluation evaluate(Condition condition, RoutingContext context) {
        // A fresh processor per condition: EL can define variables, which must not leak into the next rule.
        ELProcessor el = new ELProcessor();
        el.defineBean("ticket", context.ticket());
        el.defineBean("profile", context.profile());
        el.defineBean("deals", context.deals());
        el.defineBean("loyalty", context.loyalty());
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
