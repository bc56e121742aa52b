package dev.liaison.connector.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Money amounts as the ledger stores them, {@code decimal(19, 4)}: at most {@value #INTEGER_DIGITS} digits before
 * the point and {@value #SCALE} after it. Bounds are checked on the text and on the parsed value's precision and
 * scale before any arithmetic: {@code 1e3000000} parses in microseconds, but scaling or rounding it takes seconds.
 */
public final class Amounts {

    public static final int INTEGER_DIGITS = 15;
    public static final int SCALE = 4;
    /** Longer text cannot be a bounded amount, whatever its notation; refusing it first keeps parsing cheap. */
    static final int TEXT_LIMIT = 40;
    private static final String NOT_A_DECIMAL = "must be a decimal number written with ASCII digits and no spaces";

    private Amounts() {
    }

    /** The amount in {@code text}; an exception naming {@code field} (never quoting the text) when it is none. */
    public static BigDecimal parse(String field, String text) throws MalformedPayloadException {
        if (text.length() > TEXT_LIMIT) {
            throw new MalformedPayloadException(List.of(new InputViolation(field, outOfBounds())));
        }
        // BigDecimal reads any Unicode digit ("١٢٣" is 123) and callers used to trim: the text must be ASCII digits
        // with a sign, a point and an exponent at most, and nothing around them.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                throw new MalformedPayloadException(List.of(new InputViolation(field, NOT_A_DECIMAL)));
            }
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new MalformedPayloadException(List.of(new InputViolation(field, NOT_A_DECIMAL)));
        }
        return checked(field, amount);
    }

    /** The amount itself when it is within bounds, e.g. one a JSON parser produced. */
    public static BigDecimal checked(String field, BigDecimal amount) throws MalformedPayloadException {
        Optional<String> problem = problem(amount);
        if (problem.isPresent()) {
            throw new MalformedPayloadException(List.of(new InputViolation(field, problem.get())));
        }
        return amount;
    }

    /** What is wrong with the amount, if anything. Reads only precision and scale: cheap for any value. */
    public static Optional<String> problem(BigDecimal amount) {
        long integerDigits = (long) amount.precision() - amount.scale();
        if (integerDigits > INTEGER_DIGITS) {
            return Optional.of(outOfBounds());
        }
        // A value with at most 15 integer digits and a bounded text has few digits, so stripping zeros is cheap;
        // it lets 10.50000 through while 10.00001 stays refused.
        if (amount.scale() > SCALE && amount.precision() <= TEXT_LIMIT
                && amount.stripTrailingZeros().scale() <= SCALE) {
            return Optional.empty();
        }
        return amount.scale() > SCALE ? Optional.of(outOfBounds()) : Optional.empty();
    }

    private static String outOfBounds() {
        return "must be a decimal with at most " + INTEGER_DIGITS + " digits before the point and " + SCALE
                + " after it";
    }
}
