package dev.liaison.scenario.routing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * What one condition or blank may cost. EL has no step limit and no timeout, and its allowed operations can still
 * multiply work: each stream step over a doubled string doubles it again (26 steps filled the heap), lambdas nested
 * inside lambdas multiply their lists' lengths (seven levels ran for seconds, ten would run for hours), and a deeply
 * nested text overflows the parser's stack. Conditions that route a ticket or start a scenario need none of that, so
 * the budget is small and checked on the text, before the parser or the evaluator ever sees it, at upload and again
 * before every evaluation.
 */
final class ExpressionBudget {

    static final int MAX_LENGTH = 1000;
    static final int MAX_NESTING = 12;
    static final int MAX_LAMBDA_NESTING = 2;
    static final int MAX_CALLS = 8;
    static final int MAX_CONCATENATIONS = 4;

    private ExpressionBudget() {
    }

    /**
     * Why the expression is over budget, or empty when it is within it. {@code code} is the expression with the
     * contents of its string literals blanked, so that brackets and operators inside quotes do not count.
     */
    static Optional<String> exceeded(String expression, String code) {
        if (expression.length() > MAX_LENGTH) {
            return Optional.of("a condition has at most " + MAX_LENGTH + " characters");
        }
        int depth = 0;
        int deepest = 0;
        int calls = 0;
        int concatenations = 0;
        Deque<Integer> lambdaDepths = new ArrayDeque<>();
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
                deepest = Math.max(deepest, depth);
                if (c == '(' && calledBefore(code, i)) {
                    calls++;
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                while (!lambdaDepths.isEmpty() && lambdaDepths.peek() > depth) {
                    lambdaDepths.pop();
                }
            } else if (c == '-' && i + 1 < code.length() && code.charAt(i + 1) == '>') {
                lambdaDepths.push(depth);
                if (lambdaDepths.size() > MAX_LAMBDA_NESTING) {
                    return Optional.of("a condition nests lambdas at most " + MAX_LAMBDA_NESTING + " deep");
                }
            } else if (c == '+' && i + 1 < code.length() && code.charAt(i + 1) == '=') {
                if (!lambdaDepths.isEmpty()) {
                    return Optional.of("a condition cannot join strings ('+=') inside a lambda");
                }
                concatenations++;
            }
        }
        if (deepest > MAX_NESTING) {
            return Optional.of("a condition nests brackets at most " + MAX_NESTING + " deep");
        }
        if (calls > MAX_CALLS) {
            return Optional.of("a condition calls at most " + MAX_CALLS + " methods");
        }
        if (concatenations > MAX_CONCATENATIONS) {
            return Optional.of("a condition joins at most " + (MAX_CONCATENATIONS + 1) + " strings ('+=')");
        }
        return Optional.empty();
    }

    /** An opening parenthesis right after a name is a call: {@code x.stream(}, {@code anyMatch (}. */
    private static boolean calledBefore(String code, int parenthesis) {
        int i = parenthesis - 1;
        while (i >= 0 && Character.isWhitespace(code.charAt(i))) {
            i--;
        }
        return i >= 0 && Character.isJavaIdentifierPart(code.charAt(i));
    }
}
