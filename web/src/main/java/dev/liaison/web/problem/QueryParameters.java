package dev.liaison.web.problem;

/**
 * Numeric query parameters read as text: JAX-RS answers 404 for a query value it cannot convert to a number
 * (spec 3.2), which tells the caller nothing; reading them here makes it a 400 that names the parameter.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** {@code fallback} when absent or blank, else the whole number in [min, max], else a 400 naming {@code name}. */
    public static int intBetween(String raw, String name, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw outOfRange(name, min, max);
        }
        if (value < min || value > max) {
            throw outOfRange(name, min, max);
        }
        return value;
    }

    private static ProblemException outOfRange(String name, int min, int max) {
        return ProblemException.invalid(name, "must be a whole number between " + min + " and " + max);
    }
}
